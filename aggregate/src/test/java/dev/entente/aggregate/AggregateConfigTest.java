package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.DeadLetterHandlers;
import dev.entente.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class AggregateConfigTest {

    @Test
    void turnsOnExactlyOnceExplicitNamingAndDeadLetters() {
        Properties config = AggregateTopology.streamsConfig(new Properties());

        assertThat(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("entente-aggregate");
        assertThat(config.getProperty(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo("true");
        assertThat(config.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
        assertThat(config.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("1");
        assertThat(config.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo(Topics.DEAD_LETTER.name());
        assertThat(config.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandlers.Deserialization.class.getName());
        assertThat(config.getProperty(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandlers.Processing.class.getName());
    }

    @Test
    void letsEveryKeyOfTheBaseConfigurationWin() {
        Properties base = new Properties();
        base.put(StreamsConfig.APPLICATION_ID_CONFIG, "my-aggregate");
        base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");

        Properties config = AggregateTopology.streamsConfig(base);

        assertThat(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("my-aggregate");
        assertThat(config.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
    }

    @Test
    void namesEveryProcessorStoreAndTopic() {
        TopologyDescription description = AggregateTopology.buildTopology().describe();

        assertThat(description.toString())
                .doesNotContain("KSTREAM-")
                .doesNotContain("KTABLE-")
                .contains(AggregateTopology.SEEN_ARTICLES_STORE)
                .contains(AggregateTopology.HOURLY_STORE)
                .contains(AggregateTopology.TOTALS_STORE)
                .contains("topic: " + AggregateTopology.CONTRIBUTIONS_REPARTITION + "-repartition")
                .contains("topic: " + Topics.PAIR_COUNTS.name());
        assertThat(description.subtopologies()).hasSize(2);
    }
}
