package dev.entente.app;

import static dev.entente.app.TestSupport.await;
import static dev.entente.app.TestSupport.freePort;
import static dev.entente.app.TestSupport.pairCounts;
import static dev.entente.app.TestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.entente.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the whole pipeline against a three-node KRaft cluster (replication factor 3,
 * {@code min.insync.replicas} 2, each node in a JVM of its own), stops one broker while articles are
 * still flowing, cleanly or with SIGKILL, and brings it back: the counts end exactly as expected,
 * nothing lost and nothing counted twice, and no stream is left in ERROR.
 */
@Tag("slow")
class BrokerFailureTest {

    private static final int NODES = 3;
    private static final int ARTICLES = 200;
    /** The feed grows by this many articles per request, so that articles keep coming for a while. */
    private static final int ARTICLES_PER_POLL = 20;
    /** The feed shows no more than this until the broker is stopped, so that the rest comes during and after. */
    private static final int ARTICLES_BEFORE_STOP = ARTICLES / 2;
    private static final int STOPPED_NODE = 1;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Pairs the generated articles assert, each written as "A and B signed a defence agreement". */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"Russia", "North Korea", "KP-RU"},
            new String[] {"France", "Ukraine", "FR-UA"},
            new String[] {"India", "Japan", "IN-JP"},
            new String[] {"Poland", "Lithuania", "LT-PL"});

    @TempDir
    Path dir;

    private BrokerProcesses cluster;
    private HttpServer feedServer;
    private final AtomicInteger feedRequests = new AtomicInteger();
    private final AtomicInteger feedLimit = new AtomicInteger(ARTICLES_BEFORE_STOP);
    private final List<String> items = new ArrayList<>();
    private final Map<String, String> expected = new TreeMap<>();
    private Pipeline pipeline;

    @BeforeEach
    void startClusterAndFeed() throws IOException {
        cluster = BrokerProcesses.start(dir.resolve("kafka"), NODES);
        generateArticles();
        feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        feedServer.createContext("/feed.xml", this::serveGrowingFeed);
        feedServer.start();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        // The pipeline first: its clients would otherwise retry against brokers that are gone.
        if (pipeline != null) {
            pipeline.close();
        }
        if (feedServer != null) {
            feedServer.stop(0);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "broker {0} mid-stream")
    @ValueSource(strings = {"stopped", "killed"})
    void countsExactlyAndRecoversWhenABrokerGoesAwayMidStreamAndComesBack(String how) throws Exception {
        EntenteConfig config = configOnTheCluster();
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), false, Clock.systemUTC());
        URI pairs = apiUri(config, "/api/v1/pairs?window=7d&limit=1000");

        // Mid-stream: some counts are visible, and half of the articles are not even in the feed yet.
        await("first counts", DEADLINE, () -> totalMentions(pairs) > 0);
        if (how.equals("killed")) {
            cluster.kill(STOPPED_NODE);
        } else {
            cluster.stop(STOPPED_NODE);
        }

        // Ingest keeps polling and writing new articles while the broker is away.
        int requestsAtStop = feedRequests.get();
        feedLimit.set(ARTICLES);
        await("two polls without the broker", DEADLINE, () -> feedRequests.get() >= requestsAtStop + 2);
        cluster.restart(STOPPED_NODE);

        await("exact counts", DEADLINE, () -> pairCounts(pairs).equals(expected));
        await("healthy streams", DEADLINE, () -> status(apiUri(config, "/health")) == 200);
        // Whatever was still in flight when the counts first matched must not push them past it.
        int requestsAtMatch = feedRequests.get();
        await("two more polls", DEADLINE, () -> feedRequests.get() >= requestsAtMatch + 2);
        assertThat(pairCounts(pairs)).isEqualTo(expected);
        assertThat(replicationFactors(config)).as("replicas of every topic, internal ones included").containsOnly(NODES);
    }

    /** Article i asserts pair i mod 4 once; the expected counts follow from the same loop. */
    private void generateArticles() {
        Instant base = Instant.now().minus(Duration.ofHours(20));
        for (int i = 0; i < ARTICLES; i++) {
            String[] pair = PAIRS.get(i % PAIRS.size());
            String published = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    base.plus(Duration.ofMinutes(i)).atOffset(ZoneOffset.UTC));
            items.add("""
                    <item><title>Defence bulletin %d</title><link>https://broker-failure.test.invalid/a/%d</link>
                    <pubDate>%s</pubDate>
                    <description>%s and %s signed a defence agreement on day %d. Officials gave no details.</description></item>
                    """.formatted(i, i, published, pair[0], pair[1], i));
        }
        Map<String, Long> perPair = new TreeMap<>();
        for (int i = 0; i < ARTICLES; i++) {
            perPair.merge(PAIRS.get(i % PAIRS.size())[2], 1L, Long::sum);
        }
        perPair.forEach((pair, n) -> expected.put(pair, "mentions=" + n + " articles=" + n));
    }

    /**
     * Request n serves the first n * {@link #ARTICLES_PER_POLL} articles, like a feed that grows, but
     * no more than the current limit.
     */
    private void serveGrowingFeed(HttpExchange exchange) throws IOException {
        int shown = Math.min(feedLimit.get(), feedRequests.incrementAndGet() * ARTICLES_PER_POLL);
        byte[] body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Generated</title><link>https://broker-failure.test.invalid/</link>
                <description>Generated for the broker failure test.</description>
                %s</channel></rss>
                """.formatted(String.join("", items.subList(0, shown))).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private EntenteConfig configOnTheCluster() throws IOException {
        Path configFile = dir.resolve("entente.yml");
        Files.writeString(configFile, """
                kafka:
                  bootstrap.servers: %s
                api:
                  port: %d
                streams:
                  state.dir: %s
                  replication.factor: 3
                  topic.min.insync.replicas: 2
                feeds:
                  - id: generated
                    url: http://127.0.0.1:%d/feed.xml
                    interval: 1s
                """.formatted(cluster.bootstrapServers(), freePort(), dir.resolve("state"),
                feedServer.getAddress().getPort()));
        return new ConfigLoader(Map.of()).load(configFile);
    }

    /**
     * The distinct replication factors of the partitions of every topic: Entente's, those of the
     * streams (changelogs, repartitions) and Kafka's own (offsets, transaction state).
     */
    private static List<Integer> replicationFactors(EntenteConfig config) throws Exception {
        try (Admin admin = Admin.create(config.clientProperties())) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            assertThat(names).contains(Topics.RAW.name(), "__consumer_offsets", "__transaction_state");
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            return topics.values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .map(p -> p.replicas().size())
                    .distinct()
                    .toList();
        }
    }

    private static URI apiUri(EntenteConfig config, String path) {
        return URI.create("http://127.0.0.1:" + config.api().port() + path);
    }

    private static long totalMentions(URI pairs) {
        return pairCounts(pairs).values().stream()
                .mapToLong(c -> Long.parseLong(c.substring("mentions=".length(), c.indexOf(' '))))
                .sum();
    }

}
