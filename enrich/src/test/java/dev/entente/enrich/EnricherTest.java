package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.entente.enrich.scorer.PairScorer;
import dev.entente.schemas.Entity;
import dev.entente.schemas.Event;
import dev.entente.schemas.PairMention;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private static final Enricher ENRICHER = Enricher.fromResources();

    @Test
    void countsTheTitleAsSentenceZero() {
        Enrichment enrichment = ENRICHER.enrich("Russia, North Korea sign defence pact",
                "Moscow and Pyongyang signed a mutual defence treaty. China watched.\n\nFrance will train Ukrainian troops.");

        assertThat(enrichment.entities()).containsExactly(
                new Entity("country", "RU", "Russia", 0, "RU", 0, 6),
                new Entity("country", "KP", "North Korea", 0, "KP", 8, 19),
                new Entity("capital", "RU", "Moscow", 1, "RU", 0, 6),
                new Entity("capital", "KP", "Pyongyang", 1, "KP", 11, 20),
                new Entity("country", "CN", "China", 2, "CN", 0, 5),
                new Entity("country", "FR", "France", 3, "FR", 0, 6),
                new Entity("country", "UA", "Ukrainian", 3, "UA", 18, 27));
        assertThat(enrichment.events()).containsExactly(
                new Event("military-cooperation", "defence pact", 0, "treaty-alliance", "057", List.of("KP", "RU")),
                new Event("military-cooperation", "mutual defence treaty", 1, "treaty-alliance", "057", List.of("KP", "RU")),
                new Event("military-cooperation", "train Ukrainian troops", 3, "training", "0312", List.of("FR", "UA")));
        assertThat(enrichment.pairMentions()).extracting(PairMention::getPair, PairMention::getSentence,
                PairMention::getTrigger).containsExactly(
                tuple("KP-RU", 0, "defence pact"),
                tuple("KP-RU", 1, "mutual defence treaty"),
                tuple("FR-UA", 3, "train Ukrainian troops"));
        assertThat(enrichment.pairMentions()).allSatisfy(mention -> assertThat(mention.getConfidence())
                .isBetween(ENRICHER.minConfidence(), 1.0));
        assertThat(enrichment.cooperationPairs()).containsExactly("FR-UA", "KP-RU");
    }

    @Test
    void startsAtTheBodyWhenThereIsNoTitle() {
        Enrichment enrichment = ENRICHER.enrich(null, "Japan and Australia held joint drills.");
        assertThat(enrichment.pairMentions()).extracting(PairMention::getPair, PairMention::getSentence,
                PairMention::getTrigger).containsExactly(tuple("AU-JP", 0, "joint drills"));
        assertThat(ENRICHER.enrich("  ", "Japan and Australia held joint drills.").pairMentions())
                .extracting(PairMention::getSentence).containsExactly(0);
    }

    @Test
    void givesOneMentionPerPairAndSentence() {
        Enrichment enrichment = ENRICHER.enrich("",
                "Russia and China held joint drills and signed a defence pact, and Beijing and Moscow held joint patrols.");
        assertThat(enrichment.pairMentions()).extracting(PairMention::getPair, PairMention::getSentence,
                PairMention::getTrigger).containsExactly(tuple("CN-RU", 0, "joint drills"));
    }

    @Test
    void namesTheScorerItCountsWithInItsDataVersion() {
        String version = ENRICHER.dictionaryVersion();

        assertThat(version).startsWith(Enricher.DATA_VERSION + "+").matches("[0-9.]+\\+(\\p{XDigit}{8}\\.){4}\\p{XDigit}{8}");
        assertThat(ENRICHER.withScorer(PairScorer.untrained()).dictionaryVersion()).isNotEqualTo(version);
        assertThat(ENRICHER.withMinConfidence(0.5).dictionaryVersion()).isEqualTo(version);
    }

    @Test
    void findsNothingInAnEmptyArticle() {
        Enrichment enrichment = ENRICHER.enrich("", "");
        assertThat(enrichment.entities()).isEmpty();
        assertThat(enrichment.events()).isEmpty();
        assertThat(enrichment.cooperationPairs()).isEmpty();
    }
}
