package dev.entente.app;

import dev.entente.aggregate.AggregateTopology;
import dev.entente.aggregate.ApiServer;
import dev.entente.aggregate.PairQueries;
import dev.entente.enrich.EnrichTopology;
import dev.entente.enrich.Enricher;
import dev.entente.ingest.FeedReader;
import dev.entente.ingest.FeedSpec;
import dev.entente.ingest.FeedStatus;
import dev.entente.ingest.HttpFeedFetcher;
import dev.entente.ingest.IngestService;
import dev.entente.ingest.KafkaCursorStore;
import dev.entente.schemas.RawArticle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chosen stages of Entente against one Kafka cluster and stops them in the reverse
 * order: the HTTP API first, then ingest and its producer, then the streams, then the broker when it
 * is embedded.
 * {@code run} starts every stage; {@code ingest}, {@code enrich} and {@code aggregate} start one.
 */
final class Pipeline implements AutoCloseable {

    /** A stage of the pipeline. */
    enum Stage { INGEST, ENRICH, AGGREGATE }

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int THREAD_REPLACEMENT_BUDGET = 3;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<KafkaStreams> streams = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Metrics metrics = new Metrics();
    private volatile String failure;
    private ApiServer api;
    private IngestService ingest;

    static final String FEEDS_PATH = "/api/v1/feeds";
    static final String METRICS_PATH = "/metrics";
    /** Streams property naming a user dictionary: tables in the formats of the bundled countries, entities and leaders files. */
    static final String USER_DICTIONARY = "entente.enrich.dictionary";
    /** Streams property: the confidence in [0, 1] from which a pair mention counts; default the model's threshold. */
    static final String MIN_CONFIDENCE = "entente.enrich.minConfidence";
    static final Duration CONFIG_POLL = Duration.ofSeconds(2);

    private Pipeline() {
        toClose.push(metrics);
    }

    /**
     * Starts the stages. With {@code embedded}, a broker is started first from the configuration's
     * {@code embedded} section and the stages use it.
     */
    static Pipeline start(EntenteConfig config, Set<Stage> stages, boolean embedded, Clock clock) {
        Pipeline pipeline = new Pipeline();
        try {
            pipeline.startStages(config, EnumSet.copyOf(stages), embedded, clock);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startStages(EntenteConfig config, Set<Stage> stages, boolean embedded, Clock clock) {
        EntenteConfig effective = config;
        if (embedded) {
            EmbeddedKafka broker = EmbeddedKafka.start(config.embedded().dataDir(), config.embedded().port());
            toClose.push(broker);
            effective = config.withEmbeddedBroker(broker.bootstrapServers());
        }
        TopicSetup.ensureTopics(effective.clientProperties());
        String clusterId = stages.contains(Stage.ENRICH) || stages.contains(Stage.AGGREGATE)
                ? LocalState.clusterId(effective.clientProperties()) : null;

        if (stages.contains(Stage.ENRICH)) {
            Properties enrichConfig = EnrichTopology.streamsConfig(effective.streamsProperties());
            startStreams(EnrichTopology.buildTopology(enricher(enrichConfig)), enrichConfig, clusterId);
        }
        PairQueries pairs = null;
        if (stages.contains(Stage.AGGREGATE)) {
            Properties props = effective.streamsProperties();
            props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedApiHost(effective) + ":" + effective.api().port());
            if (embedded) {
                // One broker, one instance: a standby replica could never be placed.
                props.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
            }
            Properties aggregateConfig = AggregateTopology.streamsConfig(props);
            Topology topology;
            try {
                topology = AggregateTopology.buildTopology(aggregateConfig);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("streams." + e.getMessage());
            }
            KafkaStreams aggregate = startStreams(topology, aggregateConfig, clusterId);
            pairs = PairQueries.forStreams(aggregate, aggregateConfig, HttpClient.newHttpClient());
        }
        if (stages.contains(Stage.INGEST)) {
            KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(
                    IngestService.producerConfig(effective.clientProperties()));
            toClose.push(producer);
            metrics.bind(producer, "ingest");
            KafkaCursorStore cursors = new KafkaCursorStore(effective.clientProperties());
            toClose.push(cursors);
            ingest = new IngestService(effective.feeds(), producer, new FeedReader(new HttpFeedFetcher()), clock,
                    cursors, IngestService.Settings.DEFAULTS);
            toClose.push(ingest);
            ingest.start();
            Optional<Path> source = effective.source();
            if (source.isPresent()) {
                FeedListWatcher watcher = new FeedListWatcher(source.get(), ingest);
                toClose.push(watcher);
            }
        }
        if (pairs != null || ingest != null) {
            try {
                api = ApiServer.start(effective.api().bind(), effective.api().port(), this::healthy, clock);
            } catch (UncheckedIOException e) {
                throw new ConfigException("api: " + e.getMessage() + " (set api.port or ENTENTE_API_PORT to a free port)");
            }
            toClose.push(api);
            if (pairs != null) {
                api.pairs(pairs);
            }
            if (ingest != null) {
                IngestService service = ingest;
                api.json(FEEDS_PATH, () -> Map.of("feeds", service.statuses().stream().map(Pipeline::feedJson).toList()));
                metrics.watch(service);
            }
            api.text(METRICS_PATH, Metrics.CONTENT_TYPE, metrics::scrape);
        }
    }

    /**
     * The enricher, with the user dictionary named by {@value #USER_DICTIONARY}, if any, merged in, counting pair
     * mentions from the confidence {@value #MIN_CONFIDENCE}, if set.
     */
    static Enricher enricher(Properties streamsConfig) {
        Optional<Path> dictionary = Optional.ofNullable(streamsConfig.getProperty(USER_DICTIONARY)).map(Path::of);
        Enricher enricher;
        try {
            enricher = Enricher.fromResources(dictionary);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException("streams." + USER_DICTIONARY + ": " + e.getMessage());
        }
        String confidence = streamsConfig.getProperty(MIN_CONFIDENCE);
        if (confidence == null) {
            return enricher;
        }
        try {
            return enricher.withMinConfidence(Double.parseDouble(confidence.strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("streams." + MIN_CONFIDENCE + ": expected a number from 0 to 1, got '" + confidence + "'");
        }
    }

    /** One feed of {@code GET /api/v1/feeds}, with the field names and order of CONTRACTS.md. */
    static Map<String, Object> feedJson(FeedStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", status.id());
        json.put("url", status.url());
        json.put("enabled", status.enabled());
        json.put("lastSuccess", Objects.toString(status.lastSuccess(), null));
        json.put("lastError", status.lastError());
        json.put("consecutiveFailures", status.consecutiveFailures());
        json.put("itemsEmitted", status.itemsEmitted());
        json.put("nextPoll", Objects.toString(status.nextPoll(), null));
        return json;
    }

    /** The ingest service of this process, when it runs one. */
    Optional<IngestService> ingest() {
        return Optional.ofNullable(ingest);
    }

    private KafkaStreams startStreams(Topology topology, Properties props, String clusterId) {
        LocalState.assignStableInstanceId(props);
        KafkaStreams kafkaStreams = new KafkaStreams(topology, props);
        try {
            LocalState.wipeStateOfOtherClusters(kafkaStreams, props, clusterId);
        } catch (RuntimeException e) {
            kafkaStreams.close();
            throw e;
        }
        String name = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        AtomicInteger failures = new AtomicInteger();
        kafkaStreams.setUncaughtExceptionHandler(e -> {
            // A thread may die of a passing fault (a broker restart); a fault that keeps coming
            // back stops the stream, and /health says so, rather than looping forever.
            if (failures.incrementAndGet() <= THREAD_REPLACEMENT_BUDGET) {
                log.warn("{}: a stream thread died and is replaced ({} of {}): {}", name, failures.get(),
                        THREAD_REPLACEMENT_BUDGET, e.toString(), e);
                LocalState.releaseDeadThread(props, Thread.currentThread().getName());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            log.error("{} stopped after {} thread failures: {}", name, THREAD_REPLACEMENT_BUDGET, e.toString(), e);
            failure = name + " stopped after " + THREAD_REPLACEMENT_BUDGET + " stream thread failures: " + e;
            // Stop the whole process rather than serve stale answers; not from this stream thread,
            // which cannot wait for its own client to close.
            new Thread(this::close, "entente-stop-on-failure").start();
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.add(kafkaStreams);
        metrics.bind(kafkaStreams, name);
        // Leaving the group on close lets a restarted instance take its partitions back at once
        // instead of waiting for the session timeout of its former self.
        toClose.push(() -> kafkaStreams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(STREAMS_CLOSE_TIMEOUT)));
        kafkaStreams.start();
        return kafkaStreams;
    }

    /**
     * Whether every stream this process runs is RUNNING (a rebalance counts as not yet); a process
     * that runs only ingest is healthy while it polls.
     */
    boolean healthy() {
        if (streams.isEmpty()) {
            return ingest != null;
        }
        return streams.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING);
    }

    /** The HTTP API's address, when this process serves it. */
    Optional<URI> apiAddress() {
        return Optional.ofNullable(api).map(ApiServer::address);
    }

    /** The host other instances reach this one's API at: the bind address, or this machine's name. */
    private static String advertisedApiHost(EntenteConfig config) {
        String bind = config.api().bind();
        if (!"0.0.0.0".equals(bind) && !"::".equals(bind)) {
            return bind;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Applies edits of the configuration file's {@code feeds:} to the running ingest: the file is
     * checked every {@link #CONFIG_POLL}, and when its content changed it is validated as at start.
     * A valid feed list replaces the running one ({@link IngestService#update}); an invalid file is
     * logged as one WARN line naming the line and the problem, and the last good list stays. Only
     * {@code feeds:} is applied live; other sections need a restart.
     */
    static final class FeedListWatcher implements AutoCloseable {

        private final Path file;
        private final IngestService ingest;
        private final ConfigLoader loader = new ConfigLoader(System.getenv());
        private final ScheduledExecutorService timer;
        private String lastSeen;

        FeedListWatcher(Path file, IngestService ingest) {
            this.file = file;
            this.ingest = ingest;
            this.lastSeen = read().orElse(null);
            this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "entente-config-watch");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::check, CONFIG_POLL.toMillis(), CONFIG_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void check() {
            Optional<String> content = read();
            if (content.isEmpty() || content.get().equals(lastSeen)) {
                return;
            }
            lastSeen = content.get();
            try {
                List<FeedSpec> feeds = loader.parse(content.get(), file.toString()).feeds();
                ingest.update(feeds);
                log.info("{}: applied the edited feed list ({} feeds)", file, feeds.size());
            } catch (ConfigException | IllegalArgumentException e) {
                log.warn("{}; keeping the last good feed list", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("{}: could not apply the edited feed list, keeping the last good one: {}", file, e.toString(), e);
            }
        }

        private Optional<String> read() {
            try {
                return Optional.of(Files.readString(file));
            } catch (IOException e) {
                // A file being replaced by an editor may be missing for a moment; the next check sees it.
                log.debug("{}: cannot read the configuration now: {}", file, e.toString());
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** Closes the pipeline when the JVM is asked to stop (Ctrl-C, SIGTERM). */
    Pipeline closeOnJvmShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "entente-shutdown"));
        return this;
    }

    /**
     * Blocks until the pipeline is closed and returns the command's exit status: 0 after a requested
     * stop, 1 (with the reason on {@code err}) when a stream failed beyond its budget.
     */
    int awaitExitStatus(PrintWriter err, String command) throws InterruptedException {
        closed.await();
        if (failure == null) {
            return 0;
        }
        err.println("entente " + command + ": " + failure);
        err.flush();
        return Main.EXIT_FAILURE;
    }

    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable next = toClose.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("while shutting down: {}", e.toString());
            }
        }
        closed.countDown();
    }
}
