package dev.entente.enrich.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairScorerTest {

    private static final String MODEL = """
            # a model
            # version test
            bias\t-1.0
            threshold\t0.600
            feature\tweight
            rule\t2.5
            negation@mid\t-3.0
            """;

    @Test
    void addsTheWeightsOfThePresentFeaturesToTheBias() {
        PairScorer scorer = PairScorer.parse(MODEL, "test.tsv");

        assertThat(scorer.probability(List.of("rule"))).isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-12));
        assertThat(scorer.probability(List.of("rule", "negation@mid", "unknown"))).isCloseTo(
                1 / (1 + Math.exp(1.5)), within(1e-12));
        assertThat(scorer.threshold()).isEqualTo(0.6);
        assertThat(scorer.version()).isEqualTo("test");
    }

    @Test
    void explainsWithTheStrongestFeaturesFirst() {
        PairScorer scorer = PairScorer.parse(MODEL, "test.tsv");

        assertThat(scorer.evidence(List.of("rule", "unknown", "negation@mid"), 5))
                .containsExactly("negation@mid:-3.00", "rule:+2.50");
    }

    @Test
    void namesTheFileOfABrokenModel() {
        assertThatThrownBy(() -> PairScorer.parse("bias\t0\nfeature\tweight\n", "broken.tsv"))
                .hasMessageContaining("broken.tsv");
        assertThatThrownBy(() -> PairScorer.parse("bias\tx\nthreshold\t0.5\nfeature\tweight\n", "nan.tsv"))
                .hasMessageContaining("nan.tsv");
    }

    @Test
    void bundlesAModelWithAThresholdInTheUnitInterval() {
        PairScorer scorer = PairScorer.fromResources();

        assertThat(scorer.threshold()).isBetween(0.0, 1.0);
        assertThat(scorer.weight("rule")).isPresent();
    }
}
