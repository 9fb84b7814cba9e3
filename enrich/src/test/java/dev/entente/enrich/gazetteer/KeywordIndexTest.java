package dev.entente.enrich.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {

    private static final KeywordIndex<String> INDEX = new KeywordIndex<>(Map.of(
            "Korea", "korea", "South Korea", "south-korea", "Korea Strait", "strait", "US", "us", "joint drills", "drills",
            "Korea US", "korea-us", "US Korea", "us-korea"));

    private static List<String> select(String text, int from, int to) {
        return INDEX.select(INDEX.scan(text, text), from, to).stream()
                .map(match -> match.value() + "@" + match.start()).toList();
    }

    private static List<String> selectAll(String text) {
        return select(text, 0, text.length());
    }

    @Test
    void theLongestFormWinsOverTheFormsInsideIt() {
        assertThat(selectAll("South Korea and the US held joint drills.")).containsExactly("south-korea@0", "us@20", "drills@28");
    }

    @Test
    void theLongerFormWinsEvenWhenItStartsLater() {
        assertThat(selectAll("South Korea Strait")).containsExactly("strait@6");
    }

    @Test
    void ofTwoOverlappingFormsOfEqualLengthTheLeftmostWins() {
        assertThat(selectAll("Korea US Korea")).containsExactly("korea-us@0", "korea@9");
    }

    @Test
    void onlyWholeWordsMatch() {
        assertThat(selectAll("USA Koreans mUS US2")).containsExactly("us@16");
    }

    @Test
    void aSentenceSeesOnlyMatchesInsideIt() {
        String text = "They met in South. Korea said so.";
        assertThat(select(text, 19, text.length())).containsExactly("korea@19");
        assertThat(select(text, 0, 18)).isEmpty();
    }

    @Test
    void aLongerFormAcrossASentenceBoundaryDoesNotHideTheShorterOneInside() {
        assertThat(select("South Korea", 6, 11)).containsExactly("korea@6");
    }
}
