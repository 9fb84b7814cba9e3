package dev.entente.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Fetches {@code http}/{@code https} feeds with one shared {@link HttpClient} and reads {@code file}
 * URLs from disk.
 *
 * <ul>
 *   <li>Conditional GET: the validators of the previous fetch go out as {@code If-None-Match} /
 *       {@code If-Modified-Since}; a 304 is returned as {@link FetchResult#notModified()} with no body.
 *   <li>Redirects are followed here, not by the client, at most {@link Settings#maxRedirects()} hops;
 *       a loop or a step from https down to http is an error.
 *   <li>{@code gzip} and {@code deflate} bodies are decompressed. No body may exceed
 *       {@link Settings#maxBytes()}, compressed or not; the count is kept while the bytes arrive, so
 *       a huge or endless body is cut off without being held in memory.
 *   <li>Timeouts: {@link Settings#connectTimeout()} to connect, and {@link Settings#responseTimeout()}
 *       for the whole response, headers and body, so a server that stalls mid-body is given up on.
 *   <li>A 429 or 503 becomes a {@link FeedException} carrying the server's {@code Retry-After}.
 * </ul>
 *
 * Thread-safe; share one instance (and so one client) between all feeds.
 */
public final class HttpFeedFetcher implements FeedFetcher {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    public static final int MAX_REDIRECTS = 5;
    public static final String USER_AGENT = "Entente/0.1 (RSS/Atom news ingest; +https://github.com/entente)";

    private static final String ACCEPT =
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

    /** Limits of one fetch. */
    public record Settings(Duration connectTimeout, Duration responseTimeout, int maxBytes, int maxRedirects) {
        public static final Settings DEFAULTS = new Settings(CONNECT_TIMEOUT, RESPONSE_TIMEOUT, MAX_BYTES, MAX_REDIRECTS);
    }

    private final HttpClient client;
    private final Settings settings;
    private final Clock clock;

    public HttpFeedFetcher() {
        this(Settings.DEFAULTS);
    }

    public HttpFeedFetcher(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    HttpFeedFetcher(int maxBytes) {
        this(new Settings(CONNECT_TIMEOUT, RESPONSE_TIMEOUT, maxBytes, MAX_REDIRECTS));
    }

    HttpFeedFetcher(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    @Override
    public FetchResult fetch(URI url, Validators validators) throws FeedException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> fetchHttp(url, validators);
            case "file" -> FetchResult.ok(readFile(url));
            default -> throw new FeedException("unsupported URL (use http, https or file): " + url);
        };
    }

    private FetchResult fetchHttp(URI start, Validators validators) throws FeedException {
        URI url = start;
        Set<URI> visited = new HashSet<>();
        for (int hop = 0; ; hop++) {
            visited.add(url);
            HttpResponse<byte[]> response = send(url, validators);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return result(url, validators, response);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new FeedException("HTTP " + status + " without a Location header from " + url);
            }
            URI next;
            try {
                next = url.resolve(location.get().strip());
            } catch (IllegalArgumentException e) {
                throw new FeedException("invalid redirect Location '" + location.get() + "' from " + url, e);
            }
            String nextScheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!nextScheme.equals("http") && !nextScheme.equals("https")) {
                throw new FeedException("redirect from " + url + " to a non-http URL " + next);
            }
            if (url.getScheme().equalsIgnoreCase("https") && nextScheme.equals("http")) {
                throw new FeedException("refusing a redirect from https down to http: " + url + " -> " + next);
            }
            if (visited.contains(next)) {
                throw new FeedException("redirect loop: " + url + " -> " + next + " (started at " + start + ")");
            }
            if (hop + 1 > settings.maxRedirects()) {
                throw new FeedException("more than " + settings.maxRedirects() + " redirects from " + start);
            }
            url = next;
        }
    }

    private HttpResponse<byte[]> send(URI url, Validators validators) throws FeedException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(url)
                    .timeout(settings.responseTimeout())
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "gzip, deflate")
                    .GET();
        } catch (IllegalArgumentException e) {
            throw new FeedException("invalid URL " + url + ": " + e.getMessage(), e);
        }
        validators.etag().ifPresent(etag -> request.header("If-None-Match", etag));
        validators.lastModified().ifPresent(date -> request.header("If-Modified-Since", date));
        AtomicReference<CappedBody> body = new AtomicReference<>();
        // Only a 200 body is worth reading; any other body is discarded as it arrives.
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            CappedBody capped = new CappedBody(settings.maxBytes());
            body.set(capped);
            return capped;
        };
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request.build(), handler);
        try {
            return pending.get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Optional.ofNullable(body.get()).ifPresent(CappedBody::cancel);
            pending.cancel(true);
            throw new FeedException("no complete response within " + seconds(settings.responseTimeout()) + " from " + url, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new FeedException("interrupted while fetching " + url, e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private FeedException failure(URI url, Throwable cause) {
        if (cause instanceof TooLarge) {
            return new FeedException("feed larger than " + describeSize(settings.maxBytes()) + ": " + url, cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FeedException("could not connect within " + seconds(settings.connectTimeout()) + " to " + url, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new FeedException("no response within " + seconds(settings.responseTimeout()) + " from " + url, cause);
        }
        if (cause instanceof ConnectException) {
            return new FeedException("could not connect to " + url, cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new FeedException("invalid URL " + url + ": " + cause.getMessage(), cause);
        }
        return new FeedException("could not fetch " + url + ": " + describe(cause), cause);
    }

    private FetchResult result(URI url, Validators sent, HttpResponse<byte[]> response) throws FeedException {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        Validators received = Validators.of(headers.firstValue("ETag").orElse(null),
                headers.firstValue("Last-Modified").orElse(null));
        if (status == 304) {
            return FetchResult.notModified(received.isEmpty() ? sent : received);
        }
        if (status == 429 || status == 503) {
            Optional<Duration> wait = headers.firstValue("Retry-After").flatMap(value -> retryAfter(value, clock.instant()));
            throw new FeedException("HTTP " + status + " from " + url
                    + wait.map(d -> ", retry after " + d.toSeconds() + " s").orElse(""), null, wait.orElse(null));
        }
        if (status != 200) {
            throw new FeedException("HTTP " + status + " from " + url);
        }
        byte[] bytes = decode(response.body(), headers.firstValue("Content-Encoding").orElse("identity"), url);
        Optional<String> charset = headers.firstValue("Content-Type").flatMap(HttpFeedFetcher::charsetOf);
        return new FetchResult(200, bytes, received, charset);
    }

    private byte[] decode(byte[] body, String contentEncoding, URI url) throws FeedException {
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "identity", "" -> body;
                case "gzip", "x-gzip" -> readCapped(new GZIPInputStream(new ByteArrayInputStream(body)), url);
                case "deflate" -> inflate(body, url);
                default -> throw new FeedException("unsupported Content-Encoding '" + encoding + "' from " + url);
            };
        } catch (IOException e) {
            throw new FeedException("corrupt " + encoding + " body from " + url, e);
        }
    }

    // "deflate" should be zlib-wrapped (RFC 9110), but some servers send a raw deflate stream.
    private byte[] inflate(byte[] body, URI url) throws IOException, FeedException {
        try {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body)), url);
        } catch (ZipException e) {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), url);
        }
    }

    /** The delay of a {@code Retry-After} value: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<String> charsetOf(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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

    // Reads at most maxBytes + 1 so that an oversized document is detected without holding it all.
    private byte[] readCapped(InputStream in, URI url) throws IOException, FeedException {
        try (in) {
            byte[] bytes = in.readNBytes(settings.maxBytes() + 1);
            if (bytes.length > settings.maxBytes()) {
                throw new FeedException("feed larger than " + describeSize(settings.maxBytes()) + ": " + url);
            }
            return bytes;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describeSize(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The body went over the cap. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body over the size cap");
        }
    }

    /** Collects a body, giving up (and cancelling the transfer) as soon as it passes the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int cap;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if ((long) out.size() + buffer.remaining() > cap) {
                    result.completeExceptionally(new TooLarge());
                    cancel();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("cancelled"));
        }
    }
}
