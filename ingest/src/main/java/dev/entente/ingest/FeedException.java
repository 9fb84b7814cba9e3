package dev.entente.ingest;

/**
 * A feed could not be fetched or read. The message is one line meant for the person who configured
 * the feed (it names the URL or the reason, never a stack trace); the cause, when there is one, is
 * kept for the logs.
 */
public class FeedException extends Exception {

    public FeedException(String message) {
        super(oneLine(message));
    }

    public FeedException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    // Parser messages sometimes span lines; users get them on a single line of stderr or a log.
    private static String oneLine(String message) {
        return message == null ? "unknown feed error" : message.replaceAll("\\s+", " ").strip();
    }
}
