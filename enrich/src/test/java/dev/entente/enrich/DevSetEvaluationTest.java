package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The quality floors of the enrichment on the development set. The report (figures and every error) is
 * printed to stdout: {@code mvn -q -o -pl enrich test -Dtest=DevSetEvaluationTest}.
 */
class DevSetEvaluationTest {

    static final double PRECISION_FLOOR = 0.95;
    static final double RECALL_FLOOR = 0.90;

    @Test
    void pairsMeetThePrecisionAndRecallFloorsOnTheDevelopmentSet() {
        DevSetEvaluation.Report report = DevSetEvaluation.evaluate("Development set", Enricher.fromResources(),
                DevSetEvaluation.load(DevSetEvaluation.RESOURCE));
        System.out.print(report.format());

        assertThat(report.passages()).isGreaterThanOrEqualTo(200);
        assertThat(report.overall().precision()).as("pair precision").isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(report.overall().recall()).as("pair recall").isGreaterThanOrEqualTo(RECALL_FLOOR);
    }
}
