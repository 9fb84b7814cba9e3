package dev.entente.ingest;

import java.util.Optional;

/**
 * What one fetch of a feed gave: either the document (transfer compression undone) or "not
 * modified" (a 304 to a conditional request, which needs no parsing), the validators to send next
 * time, and the charset the server named in {@code Content-Type}, if any.
 *
 * @param body the document, empty for a 304
 */
public record FetchResult(int status, byte[] body, Validators validators, Optional<String> contentTypeCharset) {

    public FetchResult {
        body = body == null ? new byte[0] : body;
    }

    /** A 200 with {@code body}, no validators and no charset: what a file or a test fake gives. */
    public static FetchResult ok(byte[] body) {
        return new FetchResult(200, body, Validators.NONE, Optional.empty());
    }

    public static FetchResult notModified(Validators validators) {
        return new FetchResult(304, new byte[0], validators, Optional.empty());
    }

    public boolean notModified() {
        return status == 304;
    }
}
