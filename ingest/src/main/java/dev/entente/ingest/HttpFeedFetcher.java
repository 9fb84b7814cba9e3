package dev.entente.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches {@code http}/{@code https} feeds with one shared {@link HttpClient} and reads {@code file}
 * URLs from disk. Redirects are followed (never from https to http), gzip bodies are decompressed,
 * and no feed may exceed {@link #MAX_BYTES} (after decompression); the limit is enforced while
 * reading, so an endless or huge body never ends up in memory. Thread-safe.
 */
public final class HttpFeedFetcher implements FeedFetcher {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String USER_AGENT = "Entente/0.1 (+https://github.com/entente)";

    private static final String ACCEPT =
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

    private final HttpClient client;
    private final int maxBytes;

    public HttpFeedFetcher() {
        this(MAX_BYTES);
    }

    HttpFeedFetcher(int maxBytes) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] fetch(URI url) throws FeedException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> fetchHttp(url);
            case "file" -> readFile(url);
            default -> throw new FeedException("unsupported URL (use http, https or file): " + url);
        };
    }

    private byte[] fetchHttp(URI url) throws FeedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FeedException("could not connect within " + CONNECT_TIMEOUT.toSeconds() + " s to " + url, e);
        } catch (HttpTimeoutException e) {
            throw new FeedException("no response within " + REQUEST_TIMEOUT.toSeconds() + " s from " + url, e);
        } catch (ConnectException e) {
            throw new FeedException("could not connect to " + url, e);
        } catch (IOException e) {
            throw new FeedException("could not fetch " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException("interrupted while fetching " + url, e);
        } catch (IllegalArgumentException e) {
            throw new FeedException("invalid URL " + url + ": " + e.getMessage(), e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new FeedException("HTTP " + status + " from " + url);
            }
            String encoding = response.headers().firstValue("Content-Encoding").orElse("identity")
                    .strip().toLowerCase(Locale.ROOT);
            InputStream decoded = switch (encoding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(body);
                case "identity", "" -> body;
                default -> throw new FeedException("unsupported Content-Encoding '" + encoding + "' from " + url);
            };
            return readCapped(decoded, url);
        } catch (ZipException e) {
            throw new FeedException("corrupt gzip body from " + url, e);
        } catch (IOException e) {
            throw new FeedException("could not read the response from " + url + ": " + describe(e), e);
        }
    }

    private byte[] readFile(URI url) throws FeedException {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new FeedException("invalid file URL " + url + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(path)) {
            throw new FeedException("is a directory, not a feed file: " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readCapped(in, url);
        } catch (NoSuchFileException e) {
            throw new FeedException("no such file: " + path, e);
        } catch (IOException e) {
            throw new FeedException("could not read " + path + ": " + describe(e), e);
        }
    }

    // Reads at most maxBytes + 1 so that an oversized body is detected without holding it all.
    private byte[] readCapped(InputStream in, URI url) throws IOException, FeedException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new FeedException("feed larger than " + describeSize(maxBytes) + ": " + url);
        }
        return bytes;
    }

    private static String describeSize(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
