package dev.entente.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.entente.schemas.Pairs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of CONTRACTS.md over {@link PairQueries}, on the JDK's built-in HTTP server.
 *
 * <ul>
 *   <li>{@code GET /api/v1/pairs?window=7d&limit=20[&country=RU]} → {@code {"window", "from", "to",
 *       "pairs": [{"pair", "mentions", "articles"}]}}; for {@code window=all}, {@code from} is the epoch.
 *   <li>{@code GET /api/v1/pairs/{pair}?window=7d[&bucket=1h|1d]} → {@code {"pair", "window",
 *       "mentions", "articles", "series": [{"start", "mentions", "articles"}]}}; the bucket defaults to
 *       {@code 1h} for windows up to 48h, else {@code 1d}.
 *   <li>{@code GET /health} → 200 {@code {"status": "UP"}} or 503 {@code {"status": "DOWN"}}.
 *   <li>{@code GET /api/v1/openapi.json} → the OpenAPI 3 description of all of these, from the
 *       resource {@value #OPENAPI_RESOURCE}.
 *   <li>Any route added with {@link #json} or {@link #text}, e.g. {@code /api/v1/feeds} or
 *       {@code /metrics} by the modules that own them.
 * </ul>
 *
 * <p>The pair routes exist only once {@link #pairs(PairQueries)} was called, so a process without
 * the aggregate stream (e.g. {@code ingest}) serves the same health, error and extra routes.
 *
 * <p>Errors are JSON {@code {"status": N, "error": "..."}}: 400 for bad input, 404 for an unknown
 * path, 405 for a method other than GET, 503 while the state stores are not queryable, 500 (logged,
 * generic message) for anything unexpected. Times are ISO-8601 UTC.
 *
 * <p>A request carrying {@value RoutingPairQueries#FORWARDED_AT} was forwarded by another instance:
 * it is answered from {@link PairQueries#local()} at the time the header gives.
 */
public final class ApiServer implements AutoCloseable {

    public static final String PAIRS_PATH = "/api/v1/pairs";
    public static final String HEALTH_PATH = "/health";
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";
    /** The hand-written OpenAPI description of every route, kept in sync by ApiServerTest. */
    public static final String OPENAPI_RESOURCE = "openapi.json";
    public static final int DEFAULT_LIMIT = 20;
    public static final String NOT_READY = "state stores are not ready yet, retry shortly";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    static {
        // The JDK server leaves Nagle's algorithm on, so each small JSON answer waited for the
        // client's delayed ACK (about 40 ms per request, measured). The server reads this property
        // once, when the first server of the process is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    /**
     * Request threads. Work is CPU-bound and short, but a thread may wait for a list another one is
     * computing ({@link #LIST_REUSE}): with 4, those waits held every thread now and then and
     * single-pair queries queued behind one list sum (issue 11, BENCHMARKS.md).
     */
    private static final int THREADS = 16;
    /**
     * How long a list answer is reused. A list sums every hourly bucket of every pair in the window
     * (tens of ms of CPU with 20,000 articles), so under load recomputing it per request saturated
     * the worker threads and every request queued behind those sums (BENCHMARKS.md, issue 11). The
     * answer's {@code to} still says what time its counts are for.
     */
    static final Duration LIST_REUSE = Duration.ofSeconds(1);
    /** Distinct list queries (window, limit, country) remembered; a dashboard uses a handful. */
    private static final int LIST_KEYS = 256;
    private static final String JSON = "application/json";
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final HttpServer server;
    private final ExecutorService executor;
    private final BooleanSupplier healthy;
    private final Clock clock;
    /** Set once by {@link #pairs(PairQueries)}; until then the pair routes answer 404. */
    private volatile PairQueries queries;
    /** Extra GET routes by exact path, added by {@link #json} and {@link #text}. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final RecentAnswers<TopQuery, TopPairs> recentTops = new RecentAnswers<>(LIST_REUSE, LIST_KEYS, System::nanoTime);

    private ApiServer(HttpServer server, ExecutorService executor, BooleanSupplier healthy, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.healthy = healthy;
        this.clock = clock;
    }

    /**
     * Listens on {@code bind:port} (port 0 picks a free port, see {@link #port()}) and serves
     * {@value #HEALTH_PATH} until {@link #close()}; {@link #pairs}, {@link #json} and {@link #text}
     * add more routes. Unknown paths answer 404, other methods than GET 405, both as JSON.
     *
     * @throws UncheckedIOException when the address cannot be bound, e.g. the port is in use
     */
    public static ApiServer start(String bind, int port, BooleanSupplier healthy, Clock clock) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, namedDaemonThreads());
        ApiServer api = new ApiServer(server, executor, healthy, clock);
        JsonNode openApi = openApiDocument();
        api.json(OPENAPI_PATH, () -> openApi);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("HTTP API listening on {}", api.address());
        return api;
    }

    /**
     * {@link #start(String, int, BooleanSupplier, Clock)} followed by {@link #pairs(PairQueries)}:
     * the whole pairs API.
     */
    public static ApiServer start(String bind, int port, PairQueries queries, BooleanSupplier healthy, Clock clock) {
        return start(bind, port, healthy, clock).pairs(queries);
    }

    /**
     * Adds {@value #PAIRS_PATH} and {@value #PAIRS_PATH}{@code /{pair}}, answered by {@code queries}.
     *
     * @return this server
     */
    public ApiServer pairs(PairQueries queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
        return this;
    }

    /**
     * Adds a GET route at exactly {@code path} answering 200 with {@code body}'s value as JSON, on
     * the same mapper as every other answer (ISO-8601 times). The supplier runs on a request
     * thread for each request; an {@link IllegalArgumentException} from it answers 400, any other
     * exception 500.
     *
     * @return this server
     */
    public ApiServer json(String path, Supplier<?> body) {
        Objects.requireNonNull(body, "body");
        addRoute(path, () -> new Reply(200, body.get()));
        return this;
    }

    /**
     * Adds a GET route at exactly {@code path} answering 200 with {@code body}'s text as
     * {@code contentType}, e.g. Prometheus' {@code text/plain; version=0.0.4} for {@code /metrics}.
     *
     * @return this server
     */
    public ApiServer text(String path, String contentType, Supplier<String> body) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        addRoute(path, () -> new Reply(200, new Text(contentType, body.get())));
        return this;
    }

    /** Every path this server answers with 200 on GET (given healthy streams and valid input). */
    public Set<String> paths() {
        Set<String> paths = new TreeSet<>(routes.keySet());
        paths.add(HEALTH_PATH);
        if (queries != null) {
            paths.add(PAIRS_PATH);
            paths.add(PAIRS_PATH + "/{pair}");
        }
        return Collections.unmodifiableSet(paths);
    }

    private void addRoute(String path, Route route) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path must start with '/', got '" + path + "'");
        }
        if (path.equals(HEALTH_PATH) || path.equals(PAIRS_PATH) || path.startsWith(PAIRS_PATH + "/")) {
            throw new IllegalArgumentException("path " + path + " is served by the API itself");
        }
        if (routes.putIfAbsent(path, route) != null) {
            throw new IllegalArgumentException("path " + path + " already has a route");
        }
    }

    /** The OpenAPI document served at {@value #OPENAPI_PATH}, read from the class path. */
    public static JsonNode openApiDocument() {
        try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path next to ApiServer");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where clients reach the API, e.g. {@code http://127.0.0.1:8080}; a wildcard bind shows as localhost. */
    public URI address() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
        try {
            return new URI("http", null, host, bound.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bound address is not a valid URI host: " + host, e);
        }
    }

    /** Stops accepting requests at once and drops the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), exchange.getRequestURI(), forwardedAt(exchange));
            } catch (IllegalArgumentException e) {
                reply = Reply.error(400, Optional.ofNullable(e.getMessage()).orElse("bad request"));
            } catch (InvalidStateStoreException e) {
                LOG.debug("stores not queryable yet: {}", e.getMessage());
                reply = Reply.error(503, NOT_READY).withHeader("Retry-After", "1");
            } catch (RuntimeException e) {
                LOG.error("unexpected failure answering {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = Reply.error(500, "internal error; the server log has the details");
            }
            send(exchange, reply);
        } catch (IOException e) {
            LOG.debug("could not send the response to {}: {}", exchange.getRemoteAddress(), e.getMessage());
        }
    }

    /** The query time of a request another instance forwarded, which must be answered locally. */
    private static Optional<Instant> forwardedAt(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(RoutingPairQueries.FORWARDED_AT))
                .map(at -> {
                    try {
                        return Instant.parse(at);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(RoutingPairQueries.FORWARDED_AT + " must be an ISO-8601 instant", e);
                    }
                });
    }

    private Reply route(String method, URI uri, Optional<Instant> forwardedAt) {
        String path = uri.getPath();
        PairQueries pairQueries = queries;
        boolean pairsPath = pairQueries != null && path.equals(PAIRS_PATH);
        boolean pairPath = pairQueries != null
                && path.startsWith(PAIRS_PATH + "/")
                && path.length() > PAIRS_PATH.length() + 1
                && path.indexOf('/', PAIRS_PATH.length() + 1) < 0;
        Route extra = routes.get(path);
        if (!pairsPath && !pairPath && extra == null && !path.equals(HEALTH_PATH)) {
            return Reply.error(404, "no such resource: " + path);
        }
        if (!method.equals("GET")) {
            return Reply.error(405, "method " + method + " is not allowed on " + path + "; use GET")
                    .withHeader("Allow", "GET");
        }
        if (extra != null) {
            return extra.answer();
        }
        if (path.equals(HEALTH_PATH)) {
            return healthy.getAsBoolean() ? new Reply(200, new Health("UP")) : new Reply(503, new Health("DOWN"));
        }
        Map<String, String> parameters = parameters(uri.getRawQuery());
        if (pairsPath) {
            return top(pairQueries, parameters, forwardedAt);
        }
        PairQueries answering = forwardedAt.isPresent() ? pairQueries.local() : pairQueries;
        return series(answering, path.substring(PAIRS_PATH.length() + 1), parameters, forwardedAt.orElseGet(this::now));
    }

    /**
     * A forwarded list is answered locally at the time it names; any other reuses a list answer of
     * the last {@link #LIST_REUSE} for the same query, or computes it once for all who ask meanwhile.
     */
    private Reply top(PairQueries queries, Map<String, String> parameters, Optional<Instant> forwardedAt) {
        TopQuery query = new TopQuery(window(parameters), limit(parameters),
                Optional.ofNullable(parameters.get("country")).map(ApiServer::country));
        if (forwardedAt.isPresent()) {
            return new Reply(200, query.answer(queries.local(), forwardedAt.get()));
        }
        return new Reply(200, recentTops.get(query, () -> query.answer(queries, now())));
    }

    private static Reply series(PairQueries queries, String pairText, Map<String, String> parameters, Instant now) {
        String pair = Pairs.parse(pairText);
        Window window = window(parameters);
        Bucket bucket = Optional.ofNullable(parameters.get("bucket")).map(Bucket::parse).orElse(Bucket.defaultFor(window));
        PairSeries series = queries.series(pair, window, bucket, now);
        return new Reply(200, new PairHistory(
                series.pair(), window.text(), series.mentions(), series.articles(), series.series()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Window window(Map<String, String> parameters) {
        return Optional.ofNullable(parameters.get("window")).map(Window::parse).orElse(Window.DEFAULT);
    }

    private static int limit(Map<String, String> parameters) {
        String text = parameters.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            PairRanking.requireValidLimit(limit);
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "limit must be a whole number between 1 and " + PairRanking.MAX_LIMIT + ", got '" + text + "'", e);
        }
    }

    private static String country(String text) {
        String code = text.trim().toUpperCase(Locale.ROOT);
        if (!Pairs.isCountry(code)) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code like RU; got '" + text + "'");
        }
        return code;
    }

    /** Query parameters, decoded; the first of repeated names wins. */
    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = decode(equals < 0 ? part : part.substring(0, equals));
            String value = equals < 0 ? "" : decode(part.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed query string near '" + text + "'", e);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body;
        String contentType = JSON;
        if (reply.body() instanceof Text text) {
            body = text.body().getBytes(StandardCharsets.UTF_8);
            contentType = text.contentType();
        } else {
            try {
                body = MAPPER.writeValueAsBytes(reply.body());
            } catch (JsonProcessingException e) {
                LOG.error("cannot write the response for {} as JSON", exchange.getRequestURI(), e);
                reply = Reply.error(500, "internal error; the server log has the details");
                body = MAPPER.writeValueAsBytes(reply.body());
            }
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "entente-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Reply(int status, Object body, Map<String, String> headers) {

        Reply(int status, Object body) {
            this(status, body, Map.of());
        }

        static Reply error(int status, String message) {
            return new Reply(status, new ApiError(status, message));
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, Map.copyOf(more));
        }
    }

    /** An extra route's answer, computed per request. */
    @FunctionalInterface
    private interface Route {
        Reply answer();
    }

    /** A body sent as is rather than as JSON. */
    private record Text(String contentType, String body) {}

    /** The parameters of a list request, validated. */
    private record TopQuery(Window window, int limit, Optional<String> country) {
        TopPairs answer(PairQueries queries, Instant now) {
            List<PairTotal> pairs = queries.top(window, limit, country, now);
            return new TopPairs(window.text(), window.from(now), now, pairs);
        }
    }

    record TopPairs(String window, Instant from, Instant to, List<PairTotal> pairs) {}

    record PairHistory(String pair, String window, long mentions, long articles, List<SeriesPoint> series) {}

    record Health(String status) {}

    record ApiError(int status, String error) {}
}
