package dev.entente.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured feed: a unique id ({@code [a-z0-9-]+}), its URL ({@code http}, {@code https} or
 * {@code file}), how often to poll it (default {@link #DEFAULT_INTERVAL}) and whether it is polled.
 * An invalid value is rejected at construction with a message naming the field.
 */
public record FeedSpec(String id, URI url, Duration interval, boolean enabled) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    /** A null {@code interval} means {@link #DEFAULT_INTERVAL}. */
    public FeedSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("feed id must match [a-z0-9-]+, got " + quoted(id));
        }
        if (url == null) {
            throw new IllegalArgumentException("feed '" + id + "': url is missing");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException(
                    "feed '" + id + "': url must be an absolute http, https or file URL, got '" + url + "'");
        }
        if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
            throw new IllegalArgumentException("feed '" + id + "': url has no host: '" + url + "'");
        }
        interval = Objects.requireNonNullElse(interval, DEFAULT_INTERVAL);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "feed '" + id + "': interval must be positive, got " + interval);
        }
    }

    /** An enabled feed polled every {@link #DEFAULT_INTERVAL}. */
    public FeedSpec(String id, URI url) {
        this(id, url, DEFAULT_INTERVAL, true);
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
