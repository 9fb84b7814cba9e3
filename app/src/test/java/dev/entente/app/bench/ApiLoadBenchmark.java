package dev.entente.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.entente.app.ConfigLoader;
import dev.entente.app.EntenteConfig;
import dev.entente.app.InProcessRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The HTTP API under load while articles stream in (issue 11). Not a test: {@code mvn verify} never
 * runs it. Run it with
 *
 * <pre>
 * mvn -q -o -pl app -Papi-load-bench test-compile exec:exec
 * </pre>
 *
 * <p>It starts what {@code run} starts, in this JVM (embedded broker, ingest, enrich, aggregate,
 * the API), with {@code bench.feeds} RSS feeds served by a local HTTP server and polled every 5 s.
 * The feeds carry {@code bench.articles} generated articles, each asserting military cooperation
 * between one of 276 country pairs (a few pairs common, most rare). {@code bench.preload} of them
 * are published (dated over the last six days) and counted before the load starts; the rest are
 * published at an even rate over warm-up and measurement, so articles stream in the whole time.
 * Each feed shows only its latest {@value #FEED_WINDOW} items, as a real feed does.
 *
 * <p>Then {@code bench.clients} platform threads, each with its own keep-alive connection, ask the
 * API one request after another, with a random think time of 0 to 2 × {@code bench.think} between
 * them: the list ({@code GET /api/v1/pairs} over several windows and limits, a few with
 * {@code country}) and one pair's series ({@code GET /api/v1/pairs/{pair}}, for pairs the list
 * showed). After {@code bench.warmup} the requests started during {@code bench.duration} are
 * recorded. Latency runs from just before the request is written to the last byte of the answer.
 *
 * <p>System properties: {@code bench.articles} (20000), {@code bench.preload} (5000),
 * {@code bench.clients} (200), {@code bench.think} (100ms), {@code bench.warmup} (15s),
 * {@code bench.duration} (60s), {@code bench.timeout} (10s), {@code bench.feeds} (20). Everything
 * listens on 127.0.0.1 only; the data lives in a temporary directory, deleted on a normal exit.
 */
public final class ApiLoadBenchmark {

    private static final String HOST = "127.0.0.1";
    /** Items per feed document; a poll every 5 s sees far fewer new ones than this. */
    private static final int FEED_WINDOW = 500;
    private static final String FEED_INTERVAL = "5s";
    private static final Duration PRELOAD_DEADLINE = Duration.ofMinutes(5);
    private static final Duration PRELOAD_POLL = Duration.ofMillis(500);
    /** Spread of the preloaded articles' publication times: inside the 7d window, outside 24h for most. */
    private static final Duration PRELOAD_SPAN = Duration.ofDays(6);
    private static final long HISTOGRAM_MAX_MICROS = TimeUnit.MINUTES.toMicros(2);
    /** 24 names the enricher knows, giving 276 pairs. */
    private static final List<String> COUNTRIES = List.of(
            "Russia", "North Korea", "France", "Ukraine", "India", "Japan", "Poland", "Lithuania", "Egypt",
            "Saudi Arabia", "Brazil", "Argentina", "Kenya", "Ethiopia", "Germany", "Turkey", "Iran",
            "Pakistan", "China", "Vietnam", "Australia", "Indonesia", "Italy", "Spain");
    /** What the clients ask, with their weights: mostly the 7d list and 7d series, as a dashboard would. */
    private static final List<Query> QUERIES = List.of(
            new Query("list 7d limit 20", 20, "/api/v1/pairs?window=7d&limit=20", false),
            new Query("list 7d limit 1000", 5, "/api/v1/pairs?window=7d&limit=1000", false),
            new Query("list 7d country RU", 5, "/api/v1/pairs?window=7d&country=RU", false),
            new Query("list 24h limit 100", 5, "/api/v1/pairs?window=24h&limit=100", false),
            new Query("list 30d limit 50", 5, "/api/v1/pairs?window=30d&limit=50", false),
            new Query("list all limit 1000", 5, "/api/v1/pairs?window=all&limit=1000", false),
            new Query("series 7d", 30, "?window=7d", true),
            new Query("series 24h 1h", 10, "?window=24h&bucket=1h", true),
            new Query("series 30d 1d", 10, "?window=30d&bucket=1d", true),
            new Query("series all", 5, "?window=all&bucket=1d", true));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** One kind of request; {@code pathOrQuery} is the query string of a series, appended to a pair's path. */
    record Query(String name, int weight, String pathOrQuery, boolean series) {}

    private final int articles;
    private final int preload;
    private final int clients;
    private final Duration think;
    private final Duration warmup;
    private final Duration duration;
    private final Duration timeout;
    private final int feeds;
    private final PrintStream out = System.out;

    /** Pair index (into {@link #pairNames}) and publication time of each article, by article number. */
    private final int[] pairOf;
    private final long[] publishedAt;
    private final List<String[]> pairNames = new ArrayList<>();
    /** How many articles (by number, from 0) the feeds show. */
    private final AtomicInteger published = new AtomicInteger();

    private ApiLoadBenchmark() {
        articles = Integer.getInteger("bench.articles", 20_000);
        preload = Integer.getInteger("bench.preload", 5_000);
        clients = Integer.getInteger("bench.clients", 200);
        think = duration(System.getProperty("bench.think", "100ms"));
        warmup = duration(System.getProperty("bench.warmup", "15s"));
        duration = duration(System.getProperty("bench.duration", "60s"));
        timeout = duration(System.getProperty("bench.timeout", "10s"));
        feeds = Integer.getInteger("bench.feeds", 20);
        if (preload > articles || preload / feeds > FEED_WINDOW) {
            throw new IllegalArgumentException("bench.preload must be at most bench.articles and "
                    + FEED_WINDOW + " per feed");
        }
        for (int i = 0; i < COUNTRIES.size(); i++) {
            for (int j = i + 1; j < COUNTRIES.size(); j++) {
                pairNames.add(new String[] {COUNTRIES.get(i), COUNTRIES.get(j)});
            }
        }
        // A few pairs get most articles (the square skews towards the first ones), as in the news.
        Random random = new Random(42);
        pairOf = new int[articles];
        publishedAt = new long[articles];
        long now = System.currentTimeMillis();
        for (int i = 0; i < articles; i++) {
            double u = random.nextDouble();
            pairOf[i] = (int) (u * u * pairNames.size());
            if (i < preload) {
                publishedAt[i] = now - (long) (random.nextDouble() * PRELOAD_SPAN.toMillis());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        // HttpURLConnection keeps at most http.maxConnections (default 5) idle connections per
        // server; with more clients the others would open a new connection for every request.
        System.setProperty("http.maxConnections", Integer.toString(Integer.getInteger("bench.clients", 200) + 10));
        // The JDK HTTP server reads sun.net.httpserver.nodelay once, when the process creates its first
        // server. ApiServer sets it, but the feed server here is created first: without this line
        // every API answer would wait ~40 ms for a delayed ACK (Nagle), which `run` does not do.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new ApiLoadBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("entente-api-load-bench-");
        double loadBefore = loadAverage();
        published.set(preload);
        HttpServer feedServer = serveFeeds();
        int apiPort = freePort();
        EntenteConfig config = new ConfigLoader(Map.of()).load(writeConfig(dir, apiPort, feedServer.getAddress().getPort()));
        long startedAt = System.nanoTime();
        try (InProcessRun run = InProcessRun.start(config)) {
            URI api = run.apiAddress();
            long counted = awaitCounted(api, preload);
            out.printf(Locale.ROOT, "%d preloaded articles counted %.1f s after start; load %.2f%n",
                    counted, seconds(System.nanoTime() - startedAt), loadAverage());
            List<String> pairs = pairsShown(api);

            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(daemon("bench-publisher"));
            long streamStart = System.nanoTime();
            long streamNanos = warmup.plus(duration).toNanos();
            publisher.scheduleAtFixedRate(() -> publishUpTo(preload
                    + (int) ((articles - preload) * Math.min(1.0, (double) (System.nanoTime() - streamStart) / streamNanos))),
                    0, 100, TimeUnit.MILLISECONDS);

            Load load = new Load(api, pairs);
            load.start();
            LockSupport.parkNanos(warmup.toNanos());
            long countedAtStart = articlesCounted(api);
            int publishedAtStart = published.get();
            long windowStart = System.nanoTime();
            load.recording = true;
            LockSupport.parkNanos(duration.toNanos());
            load.recording = false;
            long windowNanos = System.nanoTime() - windowStart;
            long countedAtEnd = articlesCounted(api);
            int publishedAtEnd = published.get();
            load.stop();
            publisher.shutdownNow();
            double loadAfter = loadAverage();

            Memory memory = Memory.now();
            report(load, windowNanos, new long[] {countedAtStart, countedAtEnd}, new int[] {publishedAtStart, publishedAtEnd},
                    memory, loadBefore, loadAfter);
        } finally {
            feedServer.stop(0);
        }
        deleteRecursively(dir);
    }

    // ---- the clients ----

    /** The client threads and what they recorded. */
    private final class Load {
        final URI api;
        final List<String> pairs;
        final List<Thread> threads = new ArrayList<>();
        final List<Map<String, Histogram>> histograms = new ArrayList<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        volatile boolean recording;
        volatile boolean stopped;

        Load(URI api, List<String> pairs) {
            this.api = api;
            this.pairs = pairs;
        }

        void start() {
            int totalWeight = QUERIES.stream().mapToInt(Query::weight).sum();
            for (int c = 0; c < clients; c++) {
                Map<String, Histogram> mine = new LinkedHashMap<>();
                QUERIES.forEach(q -> mine.put(q.name(), new Histogram(HISTOGRAM_MAX_MICROS, 3)));
                histograms.add(mine);
                Random random = new Random(1000 + c);
                Thread thread = new Thread(() -> client(random, totalWeight, mine), "bench-client-" + c);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }

        private void client(Random random, int totalWeight, Map<String, Histogram> mine) {
            // Start spread over one think time, so the clients do not all ask at once.
            LockSupport.parkNanos((long) (random.nextDouble() * think.toNanos()));
            while (!stopped) {
                Query query = pick(random, totalWeight);
                String path = query.series()
                        ? "/api/v1/pairs/" + pairs.get(random.nextInt(pairs.size())) + query.pathOrQuery()
                        : query.pathOrQuery();
                boolean record = recording;
                long before = System.nanoTime();
                String error = get(api.resolve(path));
                long micros = (System.nanoTime() - before) / 1_000;
                if (record) {
                    mine.get(query.name()).recordValue(Math.min(micros, HISTOGRAM_MAX_MICROS));
                    if (error != null) {
                        errors.computeIfAbsent(query.series() ? "series: " + error : "list: " + error,
                                k -> new AtomicLong()).incrementAndGet();
                    }
                }
                LockSupport.parkNanos((long) (random.nextDouble() * 2 * think.toNanos()));
            }
        }

        /** Sends one GET and reads the whole answer; null when it is a 200, else what went wrong. */
        private String get(URI uri) {
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout((int) timeout.toMillis());
                connection.setReadTimeout((int) timeout.toMillis());
                int status = connection.getResponseCode();
                // Read to the end, also on errors, so the connection can be reused.
                try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    if (body != null) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                return status == 200 ? null : "status " + status;
            } catch (SocketTimeoutException e) {
                disconnect(connection);
                return "timeout (" + e.getMessage() + ")";
            } catch (IOException e) {
                disconnect(connection);
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread thread : threads) {
                thread.join(timeout.plusSeconds(5).toMillis());
            }
        }

        Histogram merged(String queryName) {
            Histogram all = new Histogram(HISTOGRAM_MAX_MICROS, 3);
            histograms.forEach(h -> all.add(h.get(queryName)));
            return all;
        }
    }

    private static void disconnect(HttpURLConnection connection) {
        if (connection != null) {
            connection.disconnect();
        }
    }

    private static Query pick(Random random, int totalWeight) {
        int n = random.nextInt(totalWeight);
        for (Query query : QUERIES) {
            n -= query.weight();
            if (n < 0) {
                return query;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    // ---- the feeds ----

    private HttpServer serveFeeds() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, daemon("bench-feed")));
        server.createContext("/feed/", this::serveFeed);
        server.start();
        return server;
    }

    /**
     * {@code /feed/K}: the latest {@value #FEED_WINDOW} published articles whose number is K modulo
     * the number of feeds, newest first, with an ETag so an unchanged feed answers 304.
     */
    private void serveFeed(HttpExchange exchange) throws IOException {
        try (exchange) {
            int feed = Integer.parseInt(exchange.getRequestURI().getPath().substring("/feed/".length()));
            int newest = published.get() - 1;
            while (newest >= 0 && newest % feeds != feed) {
                newest--;
            }
            String etag = "\"" + newest + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<rss version=\"2.0\"><channel><title>Bench wire " + feed + "</title>"
                    + "<link>https://bench.invalid/</link><description>Generated for the API load benchmark.</description>\n");
            for (int i = newest, n = 0; i >= 0 && n < FEED_WINDOW; i -= feeds, n++) {
                String[] pair = pairNames.get(pairOf[i]);
                xml.append("<item><title>Defence bulletin ").append(i)
                        .append("</title><link>https://bench.invalid/a/").append(i)
                        .append("</link><pubDate>").append(RFC_1123.format(Instant.ofEpochMilli(publishedAt[i])))
                        .append("</pubDate><description>").append(pair[0]).append(" and ").append(pair[1])
                        .append(" signed a defence agreement on day ").append(i)
                        .append(". Officials gave no details.</description></item>\n");
            }
            byte[] body = xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Publishes the articles up to {@code count}, dated now; one thread calls this. */
    private void publishUpTo(int count) {
        long now = System.currentTimeMillis();
        for (int i = published.get(); i < count; i++) {
            publishedAt[i] = now;
        }
        // The feed server reads publishedAt[i] only for i below published: this write publishes them.
        published.set(Math.max(published.get(), count));
    }

    private Path writeConfig(Path dir, int apiPort, int feedPort) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                embedded:
                  port: %d
                  dataDir: %s
                api:
                  bind: %s
                  port: %d
                streams:
                  state.dir: %s
                feeds:
                """.formatted(freePort(), dir.resolve("kafka"), HOST, apiPort, dir.resolve("state")));
        for (int k = 0; k < feeds; k++) {
            yaml.append("  - id: bench-").append(k).append('\n')
                    .append("    url: http://").append(HOST).append(':').append(feedPort).append("/feed/").append(k).append('\n')
                    .append("    interval: ").append(FEED_INTERVAL).append('\n');
        }
        Path file = dir.resolve("entente.yml");
        Files.writeString(file, yaml);
        return file;
    }

    // ---- reading the API outside the load ----

    private static long awaitCounted(URI api, long articles) throws IOException {
        long deadline = System.nanoTime() + PRELOAD_DEADLINE.toNanos();
        long counted = -1;
        while (System.nanoTime() < deadline) {
            counted = articlesCounted(api);
            if (counted >= articles) {
                return counted;
            }
            LockSupport.parkNanos(PRELOAD_POLL.toNanos());
        }
        throw new IllegalStateException("only " + counted + " of " + articles + " articles counted within " + PRELOAD_DEADLINE);
    }

    /** Articles counted over all time: each generated article names one pair. -1 while the API answers no 200. */
    private static long articlesCounted(URI api) throws IOException {
        JsonNode body = allPairs(api);
        if (body == null) {
            return -1;
        }
        long sum = 0;
        for (JsonNode pair : body.path("pairs")) {
            sum += pair.path("articles").asLong();
        }
        return sum;
    }

    private static List<String> pairsShown(URI api) throws IOException {
        List<String> pairs = new ArrayList<>();
        allPairs(api).path("pairs").forEach(pair -> pairs.add(pair.path("pair").asText()));
        return pairs;
    }

    private static JsonNode allPairs(URI api) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) api.resolve("/api/v1/pairs?window=all&limit=1000").toURL().openConnection();
        try {
            if (connection.getResponseCode() != 200) {
                return null;
            }
            try (InputStream in = connection.getInputStream()) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            // Not listening yet, or restarting a stream: the caller asks again.
            return null;
        } finally {
            connection.disconnect();
        }
    }

    // ---- the report ----

    private record Memory(long heapUsed, long heapUsedAfterGc, long heapCommitted, long heapMax, String vmRss, String vmHwm) {
        static Memory now() {
            Runtime runtime = Runtime.getRuntime();
            long used = runtime.totalMemory() - runtime.freeMemory();
            long committed = runtime.totalMemory();
            // After a full collection what is left is what the process really holds.
            System.gc();
            long live = runtime.totalMemory() - runtime.freeMemory();
            Map<String, String> status = procStatus();
            return new Memory(used, live, committed, runtime.maxMemory(),
                    status.getOrDefault("VmRSS", "n/a"), status.getOrDefault("VmHWM", "n/a"));
        }
    }

    private void report(Load load, long windowNanos, long[] counted, int[] publishedCount, Memory memory,
            double loadBefore, double loadAfter) {
        double windowSeconds = seconds(windowNanos);
        out.printf(Locale.ROOT, "%n## API under load: %d clients, think 0-%d ms, %.0f s window after %d s warm-up%n%n",
                clients, 2 * think.toMillis(), windowSeconds, warmup.toSeconds());
        out.println("| query | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
        out.println("|---|--:|--:|--:|--:|--:|--:|--:|");
        Histogram lists = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        Histogram series = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        Map<String, Long> errorsByQuery = new TreeMap<>();
        load.errors.forEach((kind, n) -> errorsByQuery.merge(kind.substring(0, kind.indexOf(':')), n.get(), Long::sum));
        for (Query query : QUERIES) {
            Histogram h = load.merged(query.name());
            (query.series() ? series : lists).add(h);
            row(query.name(), h, windowSeconds, "");
        }
        row("**all lists**", lists, windowSeconds, Long.toString(errorsByQuery.getOrDefault("list", 0L)));
        row("**all series**", series, windowSeconds, Long.toString(errorsByQuery.getOrDefault("series", 0L)));
        Histogram all = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        all.add(lists);
        all.add(series);
        row("**all**", all, windowSeconds, Long.toString(errorsByQuery.values().stream().mapToLong(Long::longValue).sum()));

        out.printf("%n| error | count |%n|---|--:|%n");
        if (load.errors.isEmpty()) {
            out.println("| none | 0 |");
        }
        new TreeMap<>(load.errors).forEach((kind, n) -> out.printf("| %s | %d |%n", kind.replace('|', '/'), n.get()));

        out.printf(Locale.ROOT, "%n| measure | value |%n|---|--:|%n");
        out.printf(Locale.ROOT, "| articles counted at start / end of the window | %,d / %,d (+%,d, %.0f/s) |%n",
                counted[0], counted[1], counted[1] - counted[0], (counted[1] - counted[0]) / windowSeconds);
        out.printf(Locale.ROOT, "| articles published at start / end of the window | %,d / %,d |%n", publishedCount[0], publishedCount[1]);
        out.printf(Locale.ROOT, "| heap used at the end / after a full GC | %,d MB / %,d MB |%n",
                memory.heapUsed() >> 20, memory.heapUsedAfterGc() >> 20);
        out.printf(Locale.ROOT, "| heap committed / max | %,d MB / %,d MB |%n", memory.heapCommitted() >> 20, memory.heapMax() >> 20);
        out.printf(Locale.ROOT, "| VmRSS / VmHWM (peak) | %s / %s |%n", memory.vmRss(), memory.vmHwm());
        out.printf(Locale.ROOT, "| JVM | %s, %s |%n", System.getProperty("java.vm.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf(Locale.ROOT, "| 1-minute load average before / after | %.2f / %.2f |%n", loadBefore, loadAfter);
    }

    private void row(String name, Histogram h, double windowSeconds, String errors) {
        long n = h.getTotalCount();
        out.printf(Locale.ROOT, "| %s | %,d | %.0f | %.1f | %.1f | %.1f | %.1f | %s |%n", name, n, n / windowSeconds,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3, errors);
    }

    // ---- helpers ----

    /** VmRSS, VmHWM and the other lines of /proc/self/status by name; empty where there is none. */
    private static Map<String, String> procStatus() {
        Map<String, String> status = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    status.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            // Not Linux: the report says n/a.
        }
        return status;
    }

    /** The 1-minute load average from /proc/loadavg; NaN where there is none. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("a duration is Nms, Ns or Nm, got " + text);
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
