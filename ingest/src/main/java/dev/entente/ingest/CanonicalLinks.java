package dev.entente.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The canonical form of an item link, from which its article id is computed: resolved against a
 * base, {@code http}/{@code https} only, scheme and host lowercased, default port and fragment
 * dropped, an empty path written as {@code /}, and {@code utm_*} tracking parameters removed (other
 * query parameters keep their order and spelling).
 */
public final class CanonicalLinks {

    private CanonicalLinks() {}

    /**
     * @param link as the feed gave it, possibly relative
     * @param base what relative links are resolved against (the feed's own link or its URL); may be
     *     null
     * @return the canonical link, or empty when the link is blank, unparseable or not http(s)
     */
    public static Optional<String> canonicalize(String link, URI base) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        Optional<URI> parsed = parse(link.strip());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parsed.get();
        if (!uri.isAbsolute()) {
            if (base == null || base.isOpaque()) {
                return Optional.empty();
            }
            uri = withRootPath(base).resolve(uri);
            if (uri.getScheme() == null) {
                return Optional.empty();
            }
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String authority = authority(uri, scheme);
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(authority);
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        String query = withoutTracking(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return Optional.of(out.toString());
    }

    private static Optional<URI> parse(String link) {
        try {
            return Optional.of(new URI(link));
        } catch (URISyntaxException first) {
            // Feeds often carry spaces or non-ASCII characters unescaped; browsers accept those.
            try {
                return Optional.of(new URI(escapeIllegal(link)));
            } catch (URISyntaxException second) {
                return Optional.empty();
            }
        }
    }

    private static String escapeIllegal(String link) {
        StringBuilder out = new StringBuilder(link.length() + 16);
        for (byte b : link.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    // URI.resolve turns base "http://a.b" plus "x" into "http://a.bx"; an explicit root path avoids it.
    private static URI withRootPath(URI base) {
        if (base.getRawAuthority() != null && (base.getRawPath() == null || base.getRawPath().isEmpty())) {
            return base.resolve("/");
        }
        return base;
    }

    private static String authority(URI uri, String scheme) {
        if (uri.getHost() == null) {
            // A registry-based authority (e.g. a host with an underscore): keep it, lowercased.
            return uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder();
        if (uri.getRawUserInfo() != null) {
            out.append(uri.getRawUserInfo()).append('@');
        }
        out.append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        if (port != -1 && !defaultPort) {
            out.append(':').append(port);
        }
        return out.toString();
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(parameter -> !parameter.isEmpty())
                .filter(parameter -> !parameter.toLowerCase(Locale.ROOT).startsWith("utm_"))
                .collect(Collectors.joining("&"));
    }
}
