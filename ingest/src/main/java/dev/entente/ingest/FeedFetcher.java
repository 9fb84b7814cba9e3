package dev.entente.ingest;

import java.net.URI;

/** Gets the raw bytes of a feed. Implementations are thread-safe. */
public interface FeedFetcher {

    /**
     * @return the feed document as served (transfer compression already undone)
     * @throws FeedException with a one-line message naming the URL when the feed cannot be had
     */
    byte[] fetch(URI url) throws FeedException;
}
