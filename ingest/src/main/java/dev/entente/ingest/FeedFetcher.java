package dev.entente.ingest;

import java.net.URI;

/** Gets the raw bytes of a feed. Implementations are thread-safe. */
public interface FeedFetcher {

    /**
     * @param validators from the previous successful fetch of this URL, sent as a conditional request
     * @return the document (transfer compression already undone), or a "not modified" result
     * @throws FeedException with a one-line message naming the URL when the feed cannot be had
     */
    FetchResult fetch(URI url, Validators validators) throws FeedException;

    /** An unconditional fetch of the document. */
    default byte[] fetch(URI url) throws FeedException {
        return fetch(url, Validators.NONE).body();
    }
}
