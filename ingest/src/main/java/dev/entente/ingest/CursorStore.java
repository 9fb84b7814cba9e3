package dev.entente.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps ingest's per-feed {@link FeedCursor}s across restarts. Implementations are thread-safe.
 */
public interface CursorStore extends AutoCloseable {

    /** Every stored cursor by feed id, as last saved. Called once, at start. */
    Map<String, FeedCursor> loadAll();

    /** Saves {@code cursor}, replacing the feed's previous one; may complete asynchronously. */
    void save(FeedCursor cursor);

    @Override
    default void close() {}

    /** A store that forgets everything when the process ends: for tests and {@code check-feed}. */
    static CursorStore inMemory() {
        Map<String, FeedCursor> cursors = new ConcurrentHashMap<>();
        return new CursorStore() {
            @Override
            public Map<String, FeedCursor> loadAll() {
                return Map.copyOf(cursors);
            }

            @Override
            public void save(FeedCursor cursor) {
                cursors.put(cursor.feedId(), cursor);
            }
        };
    }
}
