package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AggregateSettingsTest {

    @Test
    void defaultsToSevenDaysGrace400DaysRetentionAndOneSecondInterval() {
        AggregateSettings settings = AggregateSettings.from(new Properties());

        assertThat(settings).isEqualTo(AggregateSettings.DEFAULT);
        assertThat(settings.grace()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.hourlyRetention()).isEqualTo(Duration.ofDays(400));
        assertThat(settings.countsInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readsDurationsWrittenLikeTheConfigurationFile() {
        Properties config = new Properties();
        config.put(AggregateSettings.GRACE_CONFIG, "36h");
        config.put(AggregateSettings.HOURLY_RETENTION_CONFIG, "90d");
        config.put(AggregateSettings.COUNTS_INTERVAL_CONFIG, "5s");

        assertThat(AggregateSettings.from(config))
                .isEqualTo(new AggregateSettings(Duration.ofHours(36), Duration.ofDays(90), Duration.ofSeconds(5)));
    }

    @Test
    void namesTheKeyOfAValueThatIsNotADuration() {
        Properties config = new Properties();
        config.put(AggregateSettings.GRACE_CONFIG, "a week");

        assertThatThrownBy(() -> AggregateSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entente.aggregate.grace: 'a week' is not a duration like 30s, 5m, 1h or 7d");
    }

    @Test
    void refusesARetentionTooShortForABucketAndItsGracePeriod() {
        Properties config = new Properties();
        config.put(AggregateSettings.HOURLY_RETENTION_CONFIG, "7d");

        assertThatThrownBy(() -> AggregateSettings.from(config))
                .hasMessageContaining(AggregateSettings.HOURLY_RETENTION_CONFIG)
                .hasMessageContaining("must be at least one hour plus");
    }
}
