package dev.entente.ingest;

import java.util.Optional;

/**
 * The HTTP cache validators a server gave for a feed ({@code ETag}, {@code Last-Modified}), sent
 * back on the next request as {@code If-None-Match} / {@code If-Modified-Since} so that an unchanged
 * feed costs a 304 and no parsing.
 */
public record Validators(Optional<String> etag, Optional<String> lastModified) {

    public static final Validators NONE = new Validators(Optional.empty(), Optional.empty());

    public Validators {
        etag = etag.filter(s -> !s.isBlank());
        lastModified = lastModified.filter(s -> !s.isBlank());
    }

    public static Validators of(String etag, String lastModified) {
        return new Validators(Optional.ofNullable(etag), Optional.ofNullable(lastModified));
    }

    public boolean isEmpty() {
        return etag.isEmpty() && lastModified.isEmpty();
    }
}
