package dev.entente.aggregate;

import static dev.entente.aggregate.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleContributionTest {

    private static final Instant TIME = Instant.parse("2025-03-10T08:00:00Z");

    @Test
    void countsOneMentionPerSentenceAndOneArticlePerPair() {
        assertThat(ArticleContribution.of(article("a1", TIME, "KP-RU", "FR-UA", "KP-RU")))
                .containsExactly(entry("FR-UA", new PairCounts(1, 1)), entry("KP-RU", new PairCounts(2, 1)));
    }

    @Test
    void countsAnUnsortedPairUnderItsSortedName() {
        assertThat(ArticleContribution.of(article("a1", TIME, "RU-KP", "KP-RU")))
                .containsExactly(entry("KP-RU", new PairCounts(2, 1)));
    }

    @Test
    void contributesNothingWithoutPairMentions() {
        assertThat(ArticleContribution.of(article("a1", TIME))).isEmpty();
    }

    @Test
    void rejectsAMalformedPairNamingTheArticle() {
        assertThatThrownBy(() -> ArticleContribution.of(article("a1", TIME, "KP-RU", "XX-RU")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("article a1")
                .hasMessageContaining("'XX'");
    }
}
