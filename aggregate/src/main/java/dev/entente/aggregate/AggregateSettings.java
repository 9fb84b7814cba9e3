package dev.entente.aggregate;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The aggregate stream's own settings, read from its Kafka Streams properties (so an operator sets
 * them under {@code streams:} in the configuration file, next to every other stream setting):
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #GRACE_CONFIG}</td><td>{@code 7d}</td><td>how far behind the newest article
 *       (in event time) an article may be and still count in its hourly bucket</td></tr>
 *   <tr><td>{@value #HOURLY_RETENTION_CONFIG}</td><td>{@code 400d}</td><td>how long hourly buckets
 *       are kept; the longest rolling window answered exactly</td></tr>
 *   <tr><td>{@value #COUNTS_INTERVAL_CONFIG}</td><td>{@code 1s}</td><td>at most one
 *       {@code news.pair-counts} update per pair per interval</td></tr>
 * </table>
 *
 * <p>Durations are written like the configuration file's: {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 7d}.
 */
public record AggregateSettings(Duration grace, Duration hourlyRetention, Duration countsInterval) {

    public static final String GRACE_CONFIG = "entente.aggregate.grace";
    public static final String HOURLY_RETENTION_CONFIG = "entente.aggregate.hourly.retention";
    public static final String COUNTS_INTERVAL_CONFIG = "entente.aggregate.counts.interval";

    /**
     * Feeds publish or update items days after their date, and a feed that was down catches up
     * later; a week covers both without keeping buckets open for ever.
     */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(7);
    public static final Duration DEFAULT_HOURLY_RETENTION = Duration.ofDays(400);
    /** Short enough that a consumer sees a change within about a second, long enough to absorb a burst. */
    public static final Duration DEFAULT_COUNTS_INTERVAL = Duration.ofSeconds(1);

    public static final AggregateSettings DEFAULT =
            new AggregateSettings(DEFAULT_GRACE, DEFAULT_HOURLY_RETENTION, DEFAULT_COUNTS_INTERVAL);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    /**
     * @throws IllegalArgumentException when a duration is negative, the retention cannot hold a
     *     bucket and its grace period, or the interval is shorter than 100 ms
     */
    public AggregateSettings {
        if (grace.isNegative()) {
            throw new IllegalArgumentException(GRACE_CONFIG + " cannot be negative, got " + grace);
        }
        Duration needed = AggregateTopology.BUCKET_SIZE.plus(grace);
        if (hourlyRetention.compareTo(needed) < 0) {
            throw new IllegalArgumentException(HOURLY_RETENTION_CONFIG + " must be at least one hour plus "
                    + GRACE_CONFIG + " (" + format(needed) + "), got " + format(hourlyRetention));
        }
        if (countsInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(COUNTS_INTERVAL_CONFIG + " must be at least 100ms, got " + countsInterval);
        }
    }

    /**
     * The settings in {@code streamsConfig}, defaults for the keys it lacks.
     *
     * @throws IllegalArgumentException naming the key, for a value that is not a duration or breaks
     *     a rule of the constructor
     */
    public static AggregateSettings from(Properties streamsConfig) {
        return new AggregateSettings(
                duration(streamsConfig, GRACE_CONFIG, DEFAULT_GRACE),
                duration(streamsConfig, HOURLY_RETENTION_CONFIG, DEFAULT_HOURLY_RETENTION),
                duration(streamsConfig, COUNTS_INTERVAL_CONFIG, DEFAULT_COUNTS_INTERVAL));
    }

    private static Duration duration(Properties config, String key, Duration fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Duration duration) {
            return duration;
        }
        Matcher matcher = DURATION.matcher(value.toString().trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    key + ": '" + value + "' is not a duration like 30s, 5m, 1h or 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String format(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toSeconds() % 3600 == 0
                ? duration.toDays() + "d"
                : duration.toString();
    }
}
