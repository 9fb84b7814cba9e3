package dev.entente.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entente.aggregate.AggregateTopology;
import dev.entente.aggregate.ApiServer;
import dev.entente.aggregate.PairQueries;
import dev.entente.app.EmbeddedKafka;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.PairMention;
import dev.entente.schemas.Pairs;
import dev.entente.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * End-to-end benchmark of the aggregate stream and its HTTP API on the in-process broker (issue 5),
 * for several processing guarantees and commit intervals in one run. Not a test: {@code mvn verify}
 * never runs it. Run it with
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -q -o -pl app -Paggregate-bench test-compile exec:exec
 * </pre>
 *
 * <p>For each scenario (a {@code processing.guarantee} and a {@code commit.interval.ms}; "default"
 * keeps {@link AggregateTopology#streamsConfig}'s own) it starts a fresh single-node broker, then:
 *
 * <ol>
 *   <li><b>Catch-up throughput.</b> Preloads {@code bench.articles} enriched articles (distinct ids,
 *       1 to 3 pair mentions each over {@code bench.pairs} pairs, event time within the last day)
 *       into a 3-partition {@code news.enriched}, starts the stream and API exactly as the
 *       {@code run} command wires them, and polls {@code GET /api/v1/pairs?window=all&limit=1000}
 *       until the summed mentions and articles equal what was sent. Articles/s is counted from
 *       {@code KafkaStreams.start()} (start-up and first rebalance included) and from the first
 *       RUNNING state.
 *   <li><b>Latency.</b> With the stream caught up, sends one article every 1/{@code bench.rate} s for
 *       {@code bench.latency} (after an unrecorded warm-up), each with one mention of one of 40
 *       pairs not in the preload, and polls {@code GET /api/v1/pairs/{pair}?window=all} until the
 *       pair's mentions reach the count that includes the article: in rounds 5 ms apart, each round
 *       asking about every article in flight at once. Latency runs from the producer's acknowledgement
 *       (the record is appended) to the first answer showing it; p50, p99 and max are reported.
 * </ol>
 *
 * <p>System properties: {@code bench.scenarios} (default
 * {@code exactly_once_v2:default,at_least_once:default,exactly_once_v2:100,at_least_once:100}),
 * {@code bench.articles} (50000), {@code bench.pairs} (300), {@code bench.rate} (20 per second),
 * {@code bench.latency} (25s), {@code bench.warmup} (3s), {@code bench.maxLoad} (1.5) and
 * {@code bench.loadWait} (10m): before the first scenario the benchmark waits, checking every 30 s,
 * until the 1-minute load average is at most {@code bench.maxLoad}, at most {@code bench.loadWait}
 * in all; it reports the load before and after each scenario (its own work raises it to about 2). Everything listens on 127.0.0.1 only.
 */
public final class AggregateEndToEndBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final int ENRICHED_PARTITIONS = 3;
    private static final int LATENCY_PAIRS = 40;
    private static final Duration POLL_PAUSE = Duration.ofMillis(5);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(50);
    private static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(3);
    private static final Duration LOAD_CHECK = Duration.ofSeconds(30);
    /** Country codes the benchmark pairs are drawn from; 29 codes give 406 pairs. */
    private static final List<String> COUNTRIES = List.of(
            "AU", "AZ", "BR", "BY", "CN", "DE", "EG", "FR", "GB", "IL", "IN", "IR", "IT", "JP", "KP",
            "KR", "PH", "PK", "PL", "RU", "SA", "SY", "TR", "UA", "US", "VE", "VN", "ZA", "CU");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int articles;
    private final int pairCount;
    private final int ratePerSecond;
    private final Duration latencyPeriod;
    private final Duration warmup;
    private final double maxLoad;
    private final Duration loadWait;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private AggregateEndToEndBenchmark(PrintStream out) {
        this.articles = Integer.getInteger("bench.articles", 50_000);
        this.pairCount = Integer.getInteger("bench.pairs", 300);
        this.ratePerSecond = Integer.getInteger("bench.rate", 20);
        this.latencyPeriod = duration(System.getProperty("bench.latency", "25s"));
        this.warmup = duration(System.getProperty("bench.warmup", "3s"));
        this.maxLoad = Double.parseDouble(System.getProperty("bench.maxLoad", "1.5"));
        this.loadWait = duration(System.getProperty("bench.loadWait", "10m"));
        this.out = out;
        if (pairCount + LATENCY_PAIRS > COUNTRIES.size() * (COUNTRIES.size() - 1) / 2) {
            throw new IllegalArgumentException("bench.pairs must be at most "
                    + (COUNTRIES.size() * (COUNTRIES.size() - 1) / 2 - LATENCY_PAIRS));
        }
    }

    public static void main(String[] args) throws Exception {
        String scenarios = System.getProperty("bench.scenarios",
                "exactly_once_v2:default,at_least_once:default,exactly_once_v2:100,at_least_once:100");
        AggregateEndToEndBenchmark bench = new AggregateEndToEndBenchmark(System.out);
        bench.awaitQuietMachine();
        List<Result> results = new ArrayList<>();
        for (String spec : scenarios.split(",")) {
            String[] parts = spec.strip().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("bench.scenarios entries are GUARANTEE:COMMIT_MS or GUARANTEE:default, got " + spec);
            }
            results.add(bench.run(new Scenario(parts[0], parts[1])));
        }
        bench.printSummary(results);
        // The API's and Kafka's daemon threads are closed already; exit in case a client lingers.
        System.exit(0);
    }

    /** One configuration to measure: a processing guarantee and a commit interval ("default" keeps the topology's). */
    record Scenario(String guarantee, String commitInterval) {
        Scenario {
            if (!guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
                throw new IllegalArgumentException("guarantee must be exactly_once_v2 or at_least_once, got " + guarantee);
            }
            if (!commitInterval.equals("default")) {
                Long.parseLong(commitInterval);
            }
        }

        String commitMs(Properties config) {
            return config.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        }
    }

    record Result(Scenario scenario, String commitMs, double loadBefore, double loadAfter,
            double startToCaughtUpSeconds, double runningToCaughtUpSeconds, int articles,
            List<Double> latenciesMs, List<Double> fromSendMs, double meanPollMs) {}

    private Result run(Scenario scenario) throws Exception {
        double load = loadAverage();
        Path dir = Files.createTempDirectory("entente-aggregate-bench-");
        out.printf(Locale.ROOT, "%n== %s, commit.interval.ms %s (load %.2f) ==%n",
                scenario.guarantee(), scenario.commitInterval(), load);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            createTopics(kafka);
            Workload workload = new Workload(new Random(42), pairs());
            long preloadStart = System.nanoTime();
            preload(kafka, workload);
            out.printf(Locale.ROOT, "preloaded %d articles (%d mentions over %d pairs) in %.1f s%n",
                    articles, workload.mentions, workload.pairs.size(), seconds(System.nanoTime() - preloadStart));

            int apiPort = freePort();
            Properties base = new Properties();
            base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            base.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, scenario.guarantee());
            base.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
            base.put(StreamsConfig.APPLICATION_SERVER_CONFIG, HOST + ":" + apiPort);
            if (!scenario.commitInterval().equals("default")) {
                base.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, scenario.commitInterval());
            }
            Properties cfg = AggregateTopology.streamsConfig(base);
            KafkaStreams streams = new KafkaStreams(AggregateTopology.buildTopology(cfg), cfg);
            AtomicLong firstRunning = new AtomicLong();
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    firstRunning.compareAndSet(0, System.nanoTime());
                }
            });
            long start = System.nanoTime();
            streams.start();
            try (ApiServer api = ApiServer.start(HOST, apiPort, () -> streams.state() == KafkaStreams.State.RUNNING,
                            Clock.systemUTC())
                    .pairs(PairQueries.forStreams(streams, cfg, HttpClient.newHttpClient()))) {
                long caughtUp = awaitTotals(api, workload);
                double fromStart = seconds(caughtUp - start);
                double fromRunning = seconds(caughtUp - firstRunning.get());
                out.printf(Locale.ROOT, "caught up: %.2f s from start (%.0f articles/s), %.2f s from RUNNING (%.0f articles/s)%n",
                        fromStart, articles / fromStart, fromRunning, articles / fromRunning);

                Latencies latencies = measureLatency(kafka, api);
                double loadAfter = loadAverage();
                out.printf(Locale.ROOT, "latency ack->API over %d articles: p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                                + "(send->API p50 %.0f, p99 %.0f; mean poll request %.2f ms; load after %.2f)%n",
                        latencies.fromAck.size(), percentile(latencies.fromAck, 50), percentile(latencies.fromAck, 99),
                        percentile(latencies.fromAck, 100), percentile(latencies.fromSend, 50),
                        percentile(latencies.fromSend, 99), latencies.meanPollMs, loadAfter);
                return new Result(scenario, scenario.commitMs(cfg), load, loadAfter, fromStart, fromRunning, articles,
                        latencies.fromAck, latencies.fromSend, latencies.meanPollMs);
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private void printSummary(List<Result> results) {
        out.printf(Locale.ROOT, "%n| guarantee | commit.interval.ms | catch-up articles/s (from start / from RUNNING) "
                + "| latency p50 / p99 / max (ms) | samples | load before / after |%n");
        out.println("|---|---|---|---|---|---|");
        for (Result r : results) {
            out.printf(Locale.ROOT, "| %s | %s | %.0f / %.0f | %.0f / %.0f / %.0f | %d | %.2f / %.2f |%n",
                    r.scenario().guarantee(), r.commitMs(),
                    r.articles() / r.startToCaughtUpSeconds(), r.articles() / r.runningToCaughtUpSeconds(),
                    percentile(r.latenciesMs(), 50), percentile(r.latenciesMs(), 99), percentile(r.latenciesMs(), 100),
                    r.latenciesMs().size(), r.loadBefore(), r.loadAfter());
        }
    }

    // ---- workload ----

    /** The preload's articles, drawn from a seeded generator so every scenario counts the same data. */
    private final class Workload {
        final Random random;
        final List<String> pairs;
        long mentions;
        long pairArticles;

        Workload(Random random, List<String> allPairs) {
            this.random = random;
            this.pairs = allPairs.subList(0, pairCount);
        }

        EnrichedArticle next(int index, Instant now) {
            int count = 1 + random.nextInt(3);
            List<PairMention> pairMentions = new ArrayList<>(count);
            TreeSet<String> distinct = new TreeSet<>();
            for (int sentence = 0; sentence < count; sentence++) {
                String pair = pairs.get(random.nextInt(pairs.size()));
                pairMentions.add(mention(pair, sentence));
                distinct.add(pair);
            }
            mentions += count;
            pairArticles += distinct.size();
            Instant eventTime = now.minusMillis(1 + (long) random.nextInt((int) Duration.ofHours(23).toMillis()));
            return article("bench-" + index, eventTime, pairMentions, List.copyOf(distinct));
        }
    }

    private static PairMention mention(String pair, int sentence) {
        return PairMention.newBuilder().setPair(pair).setSentence(sentence).setTrigger("joint exercises").build();
    }

    private static EnrichedArticle article(String id, Instant eventTime, List<PairMention> mentions, List<String> pairs) {
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setFeedId("aggregate-bench")
                .setTitle("benchmark article " + id)
                .setEventTime(eventTime)
                .setPairMentions(mentions)
                .setCooperationPairs(pairs)
                .build();
    }

    /** Every pair of {@link #COUNTRIES}, shuffled with a fixed seed; the first ones are the preload's. */
    private static List<String> pairs() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < COUNTRIES.size(); i++) {
            for (int j = i + 1; j < COUNTRIES.size(); j++) {
                all.add(Pairs.of(COUNTRIES.get(i), COUNTRIES.get(j)));
            }
        }
        all.sort(Comparator.naturalOrder());
        Collections.shuffle(all, new Random(7));
        return all;
    }

    private static void createTopics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.ENRICHED.name(), ENRICHED_PARTITIONS, (short) 1),
                    new NewTopic(Topics.PAIR_COUNTS.name(), 1, (short) 1),
                    new NewTopic(Topics.DEAD_LETTER.name(), 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    private void preload(EmbeddedKafka kafka, Workload workload) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<>(config,
                Topics.ENRICHED.keySerde().serializer(), Topics.ENRICHED.valueSerde().serializer())) {
            for (int i = 0; i < articles; i++) {
                EnrichedArticle article = workload.next(i, now);
                producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), article.getId(), article));
            }
            producer.flush();
        }
    }

    // ---- catch-up ----

    /** Polls the all-time list until it sums to the preload; returns the nanoTime it first did. */
    private long awaitTotals(ApiServer api, Workload workload) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_DEADLINE.toNanos();
        URI uri = URI.create(api.address() + "/api/v1/pairs?window=all&limit=1000");
        long[] last = new long[2];
        while (System.nanoTime() < deadline) {
            JsonNode body = get(uri);
            if (body != null) {
                long mentions = 0;
                long pairArticles = 0;
                for (JsonNode pair : body.get("pairs")) {
                    mentions += pair.get("mentions").asLong();
                    pairArticles += pair.get("articles").asLong();
                }
                last[0] = mentions;
                last[1] = pairArticles;
                if (mentions == workload.mentions && pairArticles == workload.pairArticles) {
                    return System.nanoTime();
                }
                if (mentions > workload.mentions) {
                    throw new IllegalStateException("the API counts " + mentions + " mentions, more than the "
                            + workload.mentions + " sent");
                }
            }
            LockSupport.parkNanos(CATCH_UP_POLL.toNanos());
        }
        throw new IllegalStateException("not caught up within " + CATCH_UP_DEADLINE + ": the API shows "
                + last[0] + " of " + workload.mentions + " mentions and " + last[1] + " of "
                + workload.pairArticles + " pair-articles");
    }

    // ---- latency ----

    /** One article in flight: the pair's mention count that includes it, and when it was sent and acknowledged. */
    private static final class Probe {
        final String pair;
        final long expectedMentions;
        final long sentAt;
        final boolean recorded;
        volatile long ackedAt;
        /** When an answer first showed the article; 0 until then. */
        volatile long seenAt;

        Probe(String pair, long expectedMentions, long sentAt, boolean recorded) {
            this.pair = pair;
            this.expectedMentions = expectedMentions;
            this.sentAt = sentAt;
            this.recorded = recorded;
        }
    }

    private record Latencies(List<Double> fromAck, List<Double> fromSend, double meanPollMs) {}

    private Latencies measureLatency(EmbeddedKafka kafka, ApiServer api) throws Exception {
        List<String> latencyPairs = pairs().subList(pairCount, pairCount + LATENCY_PAIRS);
        Map<String, Long> sentMentions = new HashMap<>();
        ConcurrentLinkedQueue<Probe> inFlight = new ConcurrentLinkedQueue<>();
        List<Double> fromAck = new ArrayList<>();
        List<Double> fromSend = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        int warmupCount = (int) (warmup.toNanos() / periodNanos);
        int total = warmupCount + (int) (latencyPeriod.toNanos() / periodNanos);
        AtomicLong sent = new AtomicLong();
        AtomicLong[] requests = {new AtomicLong(), new AtomicLong()};
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-latency-sender");
            thread.setDaemon(true);
            return thread;
        });
        try (var producer = new KafkaProducer<>(config,
                Topics.ENRICHED.keySerde().serializer(), Topics.ENRICHED.valueSerde().serializer())) {
            sender.scheduleAtFixedRate(() -> {
                long index = sent.get();
                if (index >= total) {
                    return;
                }
                String pair = latencyPairs.get((int) (index % latencyPairs.size()));
                long expected = sentMentions.merge(pair, 1L, Long::sum);
                EnrichedArticle article = article("latency-" + index, Instant.now(),
                        List.of(mention(pair, 0)), List.of(pair));
                Probe probe = new Probe(pair, expected, System.nanoTime(), index >= warmupCount);
                inFlight.add(probe);
                producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), article.getId(), article),
                        (metadata, error) -> {
                            if (error == null) {
                                probe.ackedAt = System.nanoTime();
                            }
                        });
                sent.incrementAndGet();
            }, 0, periodNanos, TimeUnit.NANOSECONDS);

            long deadline = System.nanoTime() + latencyPeriod.plus(warmup).plusSeconds(30).toNanos();
            while (sent.get() < total || !inFlight.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(inFlight.size() + " latency articles never showed in the API");
                }
                pollRound(api, inFlight, requests);
                for (Iterator<Probe> it = inFlight.iterator(); it.hasNext(); ) {
                    Probe probe = it.next();
                    if (probe.seenAt != 0) {
                        it.remove();
                        if (probe.recorded) {
                            long acked = probe.ackedAt == 0 ? probe.sentAt : probe.ackedAt;
                            fromAck.add((probe.seenAt - acked) / 1e6);
                            fromSend.add((probe.seenAt - probe.sentAt) / 1e6);
                        }
                    }
                }
                LockSupport.parkNanos(POLL_PAUSE.toNanos());
            }
        } finally {
            sender.shutdownNow();
        }
        long polls = requests[0].get();
        return new Latencies(fromAck, fromSend, polls == 0 ? 0 : requests[1].get() / 1e6 / polls);
    }

    /**
     * Asks the API about every article in flight at once, so that the poll's own wait does not
     * add up over the articles, and marks each one the answer shows with the time the answer came.
     * {@code requests} counts the requests and their summed duration in nanoseconds.
     */
    private void pollRound(ApiServer api, Collection<Probe> inFlight, AtomicLong[] requests) throws Exception {
        List<CompletableFuture<Void>> round = new ArrayList<>();
        for (Probe probe : inFlight) {
            long before = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(api.address() + "/api/v1/pairs/" + probe.pair + "?window=all"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            round.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                long answeredAt = System.nanoTime();
                requests[0].incrementAndGet();
                requests[1].addAndGet(answeredAt - before);
                if (response.statusCode() == 200 && mentions(response.body()) >= probe.expectedMentions) {
                    probe.seenAt = answeredAt;
                }
            }));
        }
        CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static long mentions(String body) {
        try {
            return JSON.readTree(body).get("mentions").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("the API answered something that is not JSON: " + body, e);
        }
    }

    // ---- helpers ----

    /** The JSON body of a 200 answer; null for any other status (503 while not RUNNING). */
    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private double awaitQuietMachine() {
        long deadline = System.nanoTime() + loadWait.toNanos();
        double load = loadAverage();
        while (load > maxLoad && System.nanoTime() < deadline) {
            out.printf(Locale.ROOT, "1-minute load average %.2f > %.2f: waiting %d s%n", load, maxLoad, LOAD_CHECK.toSeconds());
            LockSupport.parkNanos(LOAD_CHECK.toNanos());
            load = loadAverage();
        }
        if (load > maxLoad) {
            out.printf(Locale.ROOT, "load still %.2f after %s: measuring anyway, figures are pessimistic%n", load, loadWait);
        }
        return load;
    }

    /** The 1-minute load average from /proc/loadavg; NaN where there is none. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Nearest-rank percentile; 100 is the maximum. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("a duration is Ns or Nm, got " + text);
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
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + path, e);
                }
            });
        }
    }
}
