package dev.entente.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> texts(String text) {
        return splitter.split(text).stream().map(Sentence::text).toList();
    }

    @Test
    void splitsAtSentenceEndsAndKeepsOffsets() {
        String text = "  Russia held drills. Did China join? Yes! ";
        List<Sentence> sentences = splitter.split(text);
        assertThat(sentences).extracting(Sentence::text).containsExactly("Russia held drills.", "Did China join?", "Yes!");
        for (Sentence sentence : sentences) {
            assertThat(text.substring(sentence.start(), sentence.end())).isEqualTo(sentence.text());
        }
    }

    @Test
    void keepsDottedAbbreviationsTitlesAndMonthsInsideTheSentence() {
        assertThat(texts("The U.S. and Japan met Gen. Smith on Jan. 5 in Washington. Mr. Lee spoke."))
                .containsExactly("The U.S. and Japan met Gen. Smith on Jan. 5 in Washington.", "Mr. Lee spoke.");
    }

    @Test
    void endsASentenceAfterADottedAbbreviationWhenATypicalOpenerFollows() {
        assertThat(texts("Japan signed a pact with the U.S. The deal takes effect in May."))
                .containsExactly("Japan signed a pact with the U.S.", "The deal takes effect in May.");
    }

    @Test
    void neverSplitsDecimalsOrInitials() {
        assertThat(texts("Spending rose 3.5 percent, J. Doe said. Next year it rises.")).containsExactly(
                "Spending rose 3.5 percent, J. Doe said.", "Next year it rises.");
    }

    @Test
    void alwaysEndsASentenceAtAParagraphBreak() {
        assertThat(texts("A heading without a stop\n\nThe body starts here.\n  \nAnother paragraph"))
                .containsExactly("A heading without a stop", "The body starts here.", "Another paragraph");
    }

    @Test
    void keepsClosingQuotesWithTheirSentenceAndJoinsSingleLineBreaks() {
        assertThat(texts("He said \"we will sign.\" Then he left\nthe room."))
                .containsExactly("He said \"we will sign.\"", "Then he left\nthe room.");
    }

    @Test
    void doesNotSplitBeforeALowerCaseWord() {
        assertThat(texts("The talks ended at 5 p.m. on Friday.")).containsExactly("The talks ended at 5 p.m. on Friday.");
    }

    @Test
    void findsNothingInBlankText() {
        assertThat(splitter.split("  \n\n ")).isEmpty();
    }
}
