package dev.entente.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The width of one point of a pair's time series, aligned to the UTC hour or day. */
public enum Bucket {
    HOUR("1h", ChronoUnit.HOURS),
    DAY("1d", ChronoUnit.DAYS);

    /** Rolling windows up to this length default to hourly points, longer ones to daily points. */
    public static final Duration HOURLY_DEFAULT_UP_TO = Duration.ofHours(48);

    private final String text;
    private final ChronoUnit unit;

    Bucket(String text, ChronoUnit unit) {
        this.text = text;
        this.unit = unit;
    }

    /**
     * Reads {@code 1h} or {@code 1d} (case-insensitive).
     *
     * @throws IllegalArgumentException with a message fit for an API error
     */
    public static Bucket parse(String text) {
        for (Bucket bucket : values()) {
            if (bucket.text.equalsIgnoreCase(text.trim())) {
                return bucket;
            }
        }
        throw new IllegalArgumentException("bucket must be 1h or 1d, got '" + text + "'");
    }

    /** Hourly points for rolling windows up to {@link #HOURLY_DEFAULT_UP_TO}, else daily. */
    public static Bucket defaultFor(Window window) {
        return window.length()
                .filter(length -> length.compareTo(HOURLY_DEFAULT_UP_TO) <= 0)
                .map(length -> HOUR)
                .orElse(DAY);
    }

    public String text() {
        return text;
    }

    public Duration duration() {
        return unit.getDuration();
    }

    /** The start of the bucket holding {@code instant}; UTC, since {@link Instant} has no zone. */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    @Override
    public String toString() {
        return text;
    }
}
