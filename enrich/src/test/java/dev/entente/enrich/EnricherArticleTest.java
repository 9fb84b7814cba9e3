package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.Entity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article-level rules of {@link Enricher}: datelines, references, ambiguity, dates and user dictionaries. */
class EnricherArticleTest {

    private static final Enricher ENRICHER = Enricher.fromResources();
    private static final Instant JUNE_2024 = Instant.parse("2024-06-20T09:00:00Z");

    @Test
    void answersExactlyTheTwoCooperatingCountriesOfAParagraphThatNamesFive() {
        Enrichment enrichment = ENRICHER.enrich(null,
                "Russia and North Korea signed a mutual defence treaty in Pyongyang on Wednesday. "
                        + "South Korea and Japan said they were alarmed, and the United States called the pact a threat "
                        + "to regional security.", JUNE_2024);

        assertThat(enrichment.cooperationPairs()).containsExactly("KP-RU");
    }

    @Test
    void readsADatelineAsAPlaceNotAnActor() {
        Enrichment enrichment = ENRICHER.enrich(null,
                "SEOUL \u2014 Japan and the United States held joint drills on Monday.", JUNE_2024);

        assertThat(enrichment.cooperationPairs()).containsExactly("JP-US");
        assertThat(enrichment.entities()).extracting(Entity::getType).containsExactly("dateline", "country", "country");
    }

    @Test
    void readsTheTwoCountriesAsThePairNamedBefore() {
        Enrichment enrichment = ENRICHER.enrich(null,
                "Indonesia and Australia concluded talks on Friday. Both countries will sign the defence agreement "
                        + "next week.", JUNE_2024);

        assertThat(enrichment.pairMentions()).extracting(m -> m.getPair() + "@" + m.getSentence())
                .containsExactly("AU-ID@1");
    }

    @Test
    void readsTheTwoDefenceChiefsAsTheirCountries() {
        Enrichment enrichment = ENRICHER.enrich(null,
                "Indonesian and Australian defence officials met in Jakarta on Friday. The two defence chiefs agreed "
                        + "to hold joint naval exercises next year.", JUNE_2024);

        assertThat(enrichment.cooperationPairs()).containsExactly("AU-ID");
        assertThat(enrichment.candidates()).anySatisfy(candidate -> {
            assertThat(candidate.pair()).isEqualTo("AU-ID");
            assertThat(candidate.scope()).isEqualTo("reference");
            assertThat(candidate.sentence()).isEqualTo(1);
        });
    }

    @Test
    void resolvesKoreaToTheKoreaTheArticleNamesElsewhere() {
        Enrichment enrichment = ENRICHER.enrich(null,
                "South Korea hosted a summit. Korea and Japan agreed to share radar data.", JUNE_2024);

        assertThat(enrichment.cooperationPairs()).containsExactly("JP-KR");
    }

    @Test
    void leavesKoreaAloneUnresolved() {
        Enrichment enrichment = ENRICHER.enrich(null, "Korea and Japan agreed to share radar data.", JUNE_2024);

        assertThat(enrichment.cooperationPairs()).isEmpty();
    }

    @Test
    void marksPlannedCooperationWithTheCameoCodeForIntent() {
        Enrichment enrichment = ENRICHER.enrich(null, "France and India will hold joint naval exercises.", JUNE_2024);

        assertThat(enrichment.events()).extracting(e -> e.getSubtype() + " " + e.getCameo())
                .containsExactly("joint-exercise 0312");
    }

    @Test
    void reportsNeighbouringEventsWithoutPairs() {
        Enrichment enrichment = ENRICHER.enrich(null, "The EU imposed new sanctions on Russia.", JUNE_2024);

        assertThat(enrichment.events()).extracting(e -> e.getType() + " " + e.getCameo())
                .containsExactly("sanctions 163");
        assertThat(enrichment.cooperationPairs()).isEmpty();
    }

    @Test
    void givesNeighbouringEventsTheCountriesAroundTheirTrigger() {
        Enrichment enrichment = ENRICHER.enrich(null,
                "Germany said Russia attacked Ukraine overnight. Moscow and Beijing condemned the US-Japan security pact.",
                JUNE_2024);

        assertThat(enrichment.events()).extracting(e -> e.getType() + " " + e.getActors())
                .containsExactly("armed-conflict [RU, UA]", "criticism [CN, JP, RU, US]",
                        "military-cooperation [JP, US]");
        assertThat(enrichment.cooperationPairs()).containsExactly("JP-US");
    }

    @Test
    void usesTheUserDictionary(@TempDir Path dir) throws Exception {
        Path user = dir.resolve("user.tsv");
        Files.writeString(user, "code\tnames\tdemonyms\tcapitals\tblocked\nUA\tUkraina\t\t\t\n", StandardCharsets.UTF_8);
        Enricher enricher = Enricher.fromResources(Optional.of(user));

        assertThat(enricher.enrich(null, "Poland sent tanks to Ukraina.", JUNE_2024).cooperationPairs())
                .containsExactly("PL-UA");
        assertThat(enricher.dictionaryVersion()).isNotEqualTo(ENRICHER.dictionaryVersion());
    }
}
