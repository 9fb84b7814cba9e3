package dev.entente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.entente.enrich.Enricher;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The enricher the enrich stream runs with, as its {@code streams.entente.enrich.*} settings make it. */
class PipelineEnricherTest {

    @Test
    void countsFromTheModelsThresholdByDefault() {
        Enricher enricher = Pipeline.enricher(new Properties());

        assertThat(enricher.minConfidence()).isEqualTo(Enricher.fromResources().minConfidence()).isBetween(0.0, 1.0);
    }

    @Test
    void countsFromTheConfiguredConfidence() {
        Properties streams = new Properties();
        streams.setProperty(Pipeline.MIN_CONFIDENCE, "0.9");

        assertThat(Pipeline.enricher(streams).minConfidence()).isEqualTo(0.9);
    }

    @Test
    void refusesAConfidenceThatIsNoProbability() {
        for (String bad : new String[] {"high", "1.2", "-0.1"}) {
            Properties streams = new Properties();
            streams.setProperty(Pipeline.MIN_CONFIDENCE, bad);

            assertThatThrownBy(() -> Pipeline.enricher(streams)).isInstanceOf(ConfigException.class)
                    .hasMessage("streams.entente.enrich.minConfidence: expected a number from 0 to 1, got '" + bad + "'");
        }
    }
}
