package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollingCountsTest {

    private static final Instant NOW = Instant.parse("2025-03-10T08:30:00Z");

    @Test
    void sumsTheBucketsStartingInsideEachWindow() {
        Map<Instant, PairCounts> hourly = Map.of(
                Instant.parse("2025-03-10T08:00:00Z"), new PairCounts(2, 1),
                NOW.minus(Duration.ofDays(1)), new PairCounts(3, 1),
                NOW.minus(Duration.ofDays(1)).minusMillis(1), new PairCounts(5, 1),
                NOW.minus(Duration.ofDays(29)), new PairCounts(7, 1),
                NOW.minus(Duration.ofDays(31)), new PairCounts(11, 1),
                NOW.plus(Duration.ofHours(1)), new PairCounts(13, 1));

        RollingCounts counts = RollingCounts.of(hourly, new PairCounts(100, 10), NOW);

        assertThat(counts.last24h()).as("a bucket starting exactly 24h ago is in").isEqualTo(new PairCounts(5, 2));
        assertThat(counts.last7d()).isEqualTo(new PairCounts(10, 3));
        assertThat(counts.last30d()).isEqualTo(new PairCounts(17, 4));
        assertThat(counts.allTime()).isEqualTo(new PairCounts(100, 10));
    }
}
