package dev.entente.enrich.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    private static final Gazetteer GAZETTEER = Gazetteer.fromResources();

    private static List<String> codes(String text) {
        return GAZETTEER.find(text).stream().map(CountryMention::code).toList();
    }

    private static List<String> texts(String text) {
        return GAZETTEER.find(text).stream().map(CountryMention::text).toList();
    }

    @Test
    void hasARowWithNamesForEveryIsoCountry() {
        for (String code : Locale.getISOCountries()) {
            assertThat(GAZETTEER.codes()).as("row for %s", code).contains(code);
            assertThat(GAZETTEER.formsOf(code)).as("names for %s", code).isNotEmpty();
        }
    }

    @Test
    void tellsNigerFromNigeria() {
        assertThat(codes("Niger and Nigeria signed it; Nigerien and Nigerian troops agreed.")).containsExactly("NE", "NG", "NE", "NG");
    }

    @Test
    void tellsTheGuineasApart() {
        String text = "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea met.";
        assertThat(codes(text)).containsExactly("GN", "GW", "GQ", "PG");
        assertThat(texts(text)).containsExactly("Guinea", "Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea");
    }

    @Test
    void prefersTheLongestNameForTheKoreasAndLeavesBareKoreaOut() {
        assertThat(codes("North Korea and South Korea")).containsExactly("KP", "KR");
        assertThat(texts("North Korean and South Korean officials")).containsExactly("North Korean", "South Korean");
        assertThat(codes("the Korea peninsula")).isEmpty();
    }

    @Test
    void readsUsAsTheUnitedStatesOnlyInCapitals() {
        assertThat(codes("The US told us that the U.S. and the USA agree.")).containsExactly("US", "US", "US");
        assertThat(codes("Join us for dinner with Uber users.")).isEmpty();
    }

    @Test
    void dropsBlockedPhrasesThatContainAName() {
        assertThat(codes("Drills in the South China Sea near New Mexico and the Niger Delta.")).isEmpty();
    }

    @Test
    void marksCapitalsAndKeepsOffsets() {
        String text = "Talks in Moscow with Côte d\u2019Ivoire.";
        List<CountryMention> mentions = GAZETTEER.find(text);
        assertThat(mentions).extracting(CountryMention::type, CountryMention::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CountryMention.Type.CAPITAL, "RU"),
                        org.assertj.core.groups.Tuple.tuple(CountryMention.Type.COUNTRY, "CI"));
        for (CountryMention mention : mentions) {
            assertThat(text.substring(mention.start(), mention.end())).isEqualTo(mention.text());
        }
    }

    @Test
    void matchesWholeWordsAndAllCapsHeadlines() {
        assertThat(codes("Omani Romanian Germans")).containsExactly("OM", "RO", "DE");
        assertThat(codes("Germanium Chinaware Turkey")).containsExactly("TR");
        assertThat(codes("NORTH KOREA AND RUSSIA")).containsExactly("KP", "RU");
        assertThat(codes("Russia's navy")).containsExactly("RU");
    }

    @Test
    void rejectsAFormThatWouldStandForTwoCountries() {
        String tsv = "code\tnames\tdemonyms\tcapitals\tblocked\nCG\tCongo\t\t\t\nCD\tCongo\t\t\t\n";
        assertThatThrownBy(() -> Gazetteer.parse(new StringReader(tsv), "test.tsv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.tsv line 3")
                .hasMessageContaining("'Congo' already stands for CG");
    }

    @Test
    void rejectsAnUnknownCode() {
        String tsv = "code\tnames\tdemonyms\tcapitals\tblocked\nXX\tNowhere\t\t\t\n";
        assertThatThrownBy(() -> Gazetteer.parse(new StringReader(tsv), "test.tsv"))
                .hasMessageContaining("'XX' is not an ISO 3166-1 alpha-2 code");
    }
}
