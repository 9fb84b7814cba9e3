package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.Entity;
import dev.entente.schemas.Event;
import dev.entente.schemas.PairMention;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private static final Enricher ENRICHER = Enricher.fromResources();

    @Test
    void countsTheTitleAsSentenceZero() {
        Enrichment enrichment = ENRICHER.enrich("Russia, North Korea sign defence pact",
                "Moscow and Pyongyang signed a mutual defence treaty. China watched.\n\nFrance will train Ukrainian troops.");

        assertThat(enrichment.entities()).containsExactly(
                new Entity("country", "RU", "Russia", 0, "RU"),
                new Entity("country", "KP", "North Korea", 0, "KP"),
                new Entity("capital", "RU", "Moscow", 1, "RU"),
                new Entity("capital", "KP", "Pyongyang", 1, "KP"),
                new Entity("country", "CN", "China", 2, "CN"),
                new Entity("country", "FR", "France", 3, "FR"),
                new Entity("country", "UA", "Ukrainian", 3, "UA"));
        assertThat(enrichment.events()).containsExactly(
                new Event("military-cooperation", "defence pact", 0),
                new Event("military-cooperation", "mutual defence treaty", 1),
                new Event("military-cooperation", "train Ukrainian troops", 3));
        assertThat(enrichment.pairMentions()).containsExactly(
                new PairMention("KP-RU", 0, "defence pact"),
                new PairMention("KP-RU", 1, "mutual defence treaty"),
                new PairMention("FR-UA", 3, "train Ukrainian troops"));
        assertThat(enrichment.cooperationPairs()).containsExactly("FR-UA", "KP-RU");
    }

    @Test
    void startsAtTheBodyWhenThereIsNoTitle() {
        Enrichment enrichment = ENRICHER.enrich(null, "Japan and Australia held joint drills.");
        assertThat(enrichment.pairMentions()).containsExactly(new PairMention("AU-JP", 0, "joint drills"));
        assertThat(ENRICHER.enrich("  ", "Japan and Australia held joint drills.").pairMentions())
                .extracting(PairMention::getSentence).containsExactly(0);
    }

    @Test
    void givesOneMentionPerPairAndSentence() {
        Enrichment enrichment = ENRICHER.enrich("",
                "Russia and China held joint drills and signed a defence pact, and Beijing and Moscow held joint patrols.");
        assertThat(enrichment.pairMentions()).containsExactly(new PairMention("CN-RU", 0, "joint drills"));
    }

    @Test
    void findsNothingInAnEmptyArticle() {
        Enrichment enrichment = ENRICHER.enrich("", "");
        assertThat(enrichment.entities()).isEmpty();
        assertThat(enrichment.events()).isEmpty();
        assertThat(enrichment.cooperationPairs()).isEmpty();
    }
}
