package dev.entente.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query window as the API spells it: {@code Nh} or {@code Nd}, rolling and ending at the query
 * time, or {@code all} for everything ever counted. N is 1..{@value #MAX_DAYS} days' worth.
 */
public final class Window {

    /** The longest rolling window accepted, in days (ten years). */
    public static final int MAX_DAYS = 3650;

    public static final Window ALL = new Window("all", Optional.empty());
    public static final Window DEFAULT = days(7);

    private static final Pattern ROLLING = Pattern.compile("([0-9]{1,9})([hd])");

    private final String text;
    private final Optional<Duration> length;

    private Window(String text, Optional<Duration> length) {
        this.text = text;
        this.length = length;
    }

    public static Window hours(int n) {
        return rolling(n, "h", n * 1L, Duration.ofHours(n));
    }

    public static Window days(int n) {
        return rolling(n, "d", n * 24L, Duration.ofDays(n));
    }

    private static Window rolling(int n, String unit, long hours, Duration length) {
        if (n < 1 || hours > MAX_DAYS * 24L) {
            throw new IllegalArgumentException("window must be between 1h and " + MAX_DAYS + "d, got " + n + unit);
        }
        return new Window(n + unit, Optional.of(length));
    }

    /**
     * Reads {@code 24h}, {@code 7d} or {@code all} (case-insensitive).
     *
     * @throws IllegalArgumentException with a message fit for an API error
     */
    public static Window parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return ALL;
        }
        Matcher matcher = ROLLING.matcher(lower);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "window must be Nh, Nd or all (like 24h, 7d, all), got '" + text + "'");
        }
        int n = Integer.parseInt(matcher.group(1));
        return matcher.group(2).equals("h") ? hours(n) : days(n);
    }

    /** The normalised spelling, e.g. {@code 7d}. */
    public String text() {
        return text;
    }

    public boolean isAll() {
        return length.isEmpty();
    }

    /** The rolling length; empty for {@code all}. */
    public Optional<Duration> length() {
        return length;
    }

    /** Where the window starts when it ends at {@code now}; {@link Instant#EPOCH} for {@code all}. */
    public Instant from(Instant now) {
        return length.map(now::minus).orElse(Instant.EPOCH);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Window window && window.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
