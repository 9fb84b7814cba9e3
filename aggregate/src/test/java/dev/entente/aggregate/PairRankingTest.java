package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairRankingTest {

    private static final List<PairTotal> TOTALS = List.of(
            new PairTotal("FR-UA", 3, 3),
            new PairTotal("KP-RU", 5, 2),
            new PairTotal("CN-RU", 3, 1),
            new PairTotal("BY-RU", 3, 3),
            new PairTotal("IN-US", 1, 1));

    @Test
    void ordersByMentionsThenArticlesDescendingThenPair() {
        assertThat(PairRanking.rank(TOTALS, 10, Optional.empty()))
                .extracting(PairTotal::pair)
                .containsExactly("KP-RU", "BY-RU", "FR-UA", "CN-RU", "IN-US");
    }

    @Test
    void keepsOnlyTheFirstLimitPairs() {
        assertThat(PairRanking.rank(TOTALS, 2, Optional.empty()))
                .extracting(PairTotal::pair)
                .containsExactly("KP-RU", "BY-RU");
    }

    @Test
    void keepsOnlyPairsIncludingTheCountryOnEitherSide() {
        assertThat(PairRanking.rank(TOTALS, 10, Optional.of("RU")))
                .extracting(PairTotal::pair)
                .containsExactly("KP-RU", "BY-RU", "CN-RU");
        assertThat(PairRanking.rank(TOTALS, 10, Optional.of("FR")))
                .extracting(PairTotal::pair)
                .containsExactly("FR-UA");
    }

    @Test
    void rejectsLimitsOutsideOneToAThousand() {
        assertThatThrownBy(() -> PairRanking.rank(TOTALS, 0, Optional.empty()))
                .hasMessage("limit must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> PairRanking.rank(TOTALS, 1001, Optional.empty()))
                .hasMessage("limit must be between 1 and 1000, got 1001");
    }
}
