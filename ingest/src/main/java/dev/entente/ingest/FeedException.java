package dev.entente.ingest;

import java.time.Duration;
import java.util.Optional;

/**
 * A feed could not be fetched or read. The message is one line meant for the person who configured
 * the feed (it names the URL or the reason, never a stack trace); the cause, when there is one, is
 * kept for the logs. When the server asked to be left alone for a while ({@code Retry-After} on a
 * 429 or 503), {@link #retryAfter()} says for how long.
 */
public class FeedException extends Exception {

    private final transient Duration retryAfter;

    public FeedException(String message) {
        this(message, null, null);
    }

    public FeedException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public FeedException(String message, Throwable cause, Duration retryAfter) {
        super(oneLine(message), cause);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked us to wait before the next request, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    // Parser messages sometimes span lines; users get them on a single line of stderr or a log.
    private static String oneLine(String message) {
        return message == null ? "unknown feed error" : message.replaceAll("\\s+", " ").strip();
    }
}
