package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketTest {

    @Test
    void readsHourAndDayBuckets() {
        assertThat(Bucket.parse("1h")).isEqualTo(Bucket.HOUR);
        assertThat(Bucket.parse("1d")).isEqualTo(Bucket.DAY);
    }

    @Test
    void rejectsOtherBucketsNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> Bucket.parse("2h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket must be 1h or 1d, got '2h'");
    }

    @Test
    void alignsBucketsToTheUtcHourAndDay() {
        Instant instant = Instant.parse("2025-03-10T12:34:56Z");
        assertThat(Bucket.HOUR.floor(instant)).isEqualTo(Instant.parse("2025-03-10T12:00:00Z"));
        assertThat(Bucket.DAY.floor(instant)).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
    }

    @Test
    void defaultsToHoursUpToTwoDaysAndToDaysBeyond() {
        assertThat(Bucket.defaultFor(Window.parse("48h"))).isEqualTo(Bucket.HOUR);
        assertThat(Bucket.defaultFor(Window.parse("2d"))).isEqualTo(Bucket.HOUR);
        assertThat(Bucket.defaultFor(Window.parse("49h"))).isEqualTo(Bucket.DAY);
        assertThat(Bucket.defaultFor(Window.parse("7d"))).isEqualTo(Bucket.DAY);
        assertThat(Bucket.defaultFor(Window.ALL)).isEqualTo(Bucket.DAY);
    }
}
