package dev.entente.aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pair's counts over a query window, {@code from} to {@code to}, in total and bucket by bucket.
 * For a rolling window the series has one point per bucket, empty buckets included as zeros; for
 * {@code all} it starts at the pair's first stored bucket.
 */
public record PairSeries(
        String pair, Instant from, Instant to, long mentions, long articles, List<SeriesPoint> series) {

    public PairSeries {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        series = List.copyOf(series);
    }
}
