package dev.entente.aggregate;

import java.time.Instant;
import java.util.Map;

/**
 * One pair's counts over the rolling windows {@code news.pair-counts} carries, all ending at the
 * same instant. A rolling window sums the hourly buckets whose start lies in {@code [from, now]},
 * exactly as the HTTP API does ({@link LocalPairQueries}), so both always agree.
 */
public record RollingCounts(Instant now, PairCounts last24h, PairCounts last7d, PairCounts last30d, PairCounts allTime) {

    public static final Window DAY = Window.hours(24);
    public static final Window WEEK = Window.days(7);
    public static final Window MONTH = Window.days(30);
    /** The longest rolling window: hourly buckets older than this are not needed. */
    public static final Window LONGEST = MONTH;

    /**
     * @param hourly a pair's hourly buckets by start; buckets outside the windows are ignored
     * @param allTime the pair's all-time totals
     */
    public static RollingCounts of(Map<Instant, PairCounts> hourly, PairCounts allTime, Instant now) {
        return new RollingCounts(now, sum(hourly, DAY, now), sum(hourly, WEEK, now), sum(hourly, MONTH, now), allTime);
    }

    private static PairCounts sum(Map<Instant, PairCounts> hourly, Window window, Instant now) {
        Instant from = window.from(now);
        PairCounts sum = PairCounts.ZERO;
        for (Map.Entry<Instant, PairCounts> bucket : hourly.entrySet()) {
            if (!bucket.getKey().isBefore(from) && !bucket.getKey().isAfter(now)) {
                sum = sum.add(bucket.getValue());
            }
        }
        return sum;
    }
}
