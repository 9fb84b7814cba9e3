package dev.entente.aggregate;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a contribution still counts in its hourly bucket: the bucket must end after the stream
 * time (the newest event time seen on the partition) minus the grace period. This is the rule of
 * Kafka Streams' own window aggregation ({@code windowEnd > streamTime - grace}), applied ahead of it
 * so that every contribution it would drop is counted (see {@link DropLateContributions}).
 */
public record GraceRule(Duration bucketSize, Duration grace) {

    /** Whether a contribution at {@code eventTime} counts, given the newest event time seen so far. */
    public boolean accepts(Instant eventTime, Instant streamTime) {
        long bucketStart = eventTime.toEpochMilli() - Math.floorMod(eventTime.toEpochMilli(), bucketSize.toMillis());
        long bucketEnd = bucketStart + bucketSize.toMillis();
        return bucketEnd > streamTime.toEpochMilli() - grace.toMillis();
    }
}
