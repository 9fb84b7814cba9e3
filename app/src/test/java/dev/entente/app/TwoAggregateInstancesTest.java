package dev.entente.app;

import static dev.entente.app.TestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entente.aggregate.AggregateTopology;
import dev.entente.aggregate.ApiServer;
import dev.entente.aggregate.PairQueries;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.PairMention;
import dev.entente.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two aggregate instances in one JVM on the embedded broker, sharing a four-partition
 * {@code news.enriched}: each owns part of the pairs, yet both answer every pair and the full list
 * alike; when one stops, the other answers everything once the rebalance is over.
 */
class TwoAggregateInstancesTest {

    private static final int PARTITIONS = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PAIRS = List.of(
            "AU-GB", "AZ-TR", "BR-FR", "BY-RU", "CN-RU", "DE-PL", "EG-SA", "FR-IN",
            "FR-UA", "GB-UA", "IL-US", "IN-US", "JP-PH", "KP-RU", "KR-US", "PL-UA");

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void bothInstancesAnswerEveryPairAlikeAndTheSurvivorAnswersAllAfterTheOtherStops() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        toClose.add(kafka);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.ENRICHED.name(), PARTITIONS, (short) 1),
                    new NewTopic(Topics.PAIR_COUNTS.name(), 1, (short) 1),
                    new NewTopic(Topics.DEAD_LETTER.name(), 1, (short) 1))).all().get();
        }
        Instance first = startInstance(kafka, "first");
        Instance second = startInstance(kafka, "second");

        Map<String, long[]> expected = produceArticles(kafka, Instant.now().minus(Duration.ofHours(3)));

        awaitTrue("both instances own a share of the pairs' partitions",
                () -> ownsCountPartitions(first) && ownsCountPartitions(second));
        awaitTrue("both instances answer every pair and the full list as expected",
                () -> answersEverything(first, expected) && answersEverything(second, expected));
        for (String pair : PAIRS) {
            assertThat(totals(get(first, "/api/v1/pairs/" + pair)))
                    .isEqualTo(totals(get(second, "/api/v1/pairs/" + pair)));
        }

        second.close();
        toClose.remove(second);

        awaitTrue("the remaining instance answers every pair and the full list after the rebalance",
                () -> answersEverything(first, expected));
    }

    /** One aggregate instance: its stream and its own API on a port of its own. */
    private record Instance(KafkaStreams streams, ApiServer api) implements AutoCloseable {
        @Override
        public void close() {
            api.close();
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    private Instance startInstance(EmbeddedKafka kafka, String name) throws IOException {
        int port = freePort();
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        base.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + name).toString());
        base.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
        base.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        Properties config = AggregateTopology.streamsConfig(base);
        KafkaStreams streams = new KafkaStreams(AggregateTopology.buildTopology(config), config);
        streams.start();
        ApiServer api = ApiServer.start("127.0.0.1", port,
                PairQueries.forStreams(streams, config, HTTP),
                () -> streams.state() == KafkaStreams.State.RUNNING, Clock.systemUTC());
        Instance instance = new Instance(streams, api);
        toClose.add(instance);
        return instance;
    }

    /**
     * Sends articles about every pair (pair i gets i % 3 + 1 articles of 1 or 2 mentions), one of
     * them twice, and returns the expected {mentions, articles} per pair.
     */
    private static Map<String, long[]> produceArticles(EmbeddedKafka kafka, Instant around) throws Exception {
        Map<String, long[]> expected = new TreeMap<>();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(config,
                Topics.ENRICHED.keySerde().serializer(), Topics.ENRICHED.valueSerde().serializer())) {
            List<EnrichedArticle> articles = new ArrayList<>();
            for (int i = 0; i < PAIRS.size(); i++) {
                String pair = PAIRS.get(i);
                for (int n = 0; n <= i % 3; n++) {
                    int mentions = 1 + (i + n) % 2;
                    articles.add(article(pair + "-" + n, around.plus(Duration.ofMinutes(i * 7L + n)), pair, mentions));
                    long[] counts = expected.computeIfAbsent(pair, p -> new long[2]);
                    counts[0] += mentions;
                    counts[1] += 1;
                }
            }
            articles.add(articles.get(0));
            for (EnrichedArticle article : articles) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED.name(), article.getId(), article));
            }
            producer.flush();
        }
        return expected;
    }

    private static EnrichedArticle article(String id, Instant eventTime, String pair, int mentions) {
        List<PairMention> pairMentions = new ArrayList<>();
        for (int sentence = 0; sentence < mentions; sentence++) {
            pairMentions.add(PairMention.newBuilder().setPair(pair).setSentence(sentence)
                    .setTrigger("joint exercises").build());
        }
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setFeedId("two-instances")
                .setTitle("article " + id)
                .setEventTime(eventTime)
                .setPairMentions(pairMentions)
                .setCooperationPairs(List.of(pair))
                .build();
    }

    /** Whether the instance runs an active task of the counting sub-topology (tasks 1_*). */
    private static boolean ownsCountPartitions(Instance instance) {
        return instance.streams().state() == KafkaStreams.State.RUNNING
                && instance.streams().metadataForLocalThreads().stream()
                        .flatMap(thread -> thread.activeTasks().stream())
                        .anyMatch(task -> task.taskId().subtopology() == 1);
    }

    /** Whether the instance answers each pair's totals and the whole list exactly as expected. */
    private static boolean answersEverything(Instance instance, Map<String, long[]> expected) {
        try {
            for (Map.Entry<String, long[]> pair : expected.entrySet()) {
                JsonNode body = get(instance, "/api/v1/pairs/" + pair.getKey() + "?window=7d");
                if (body == null || !totals(body).equals(List.of(pair.getValue()[0], pair.getValue()[1]))) {
                    return false;
                }
            }
            JsonNode top = get(instance, "/api/v1/pairs?window=7d&limit=1000");
            return top != null && topList(top).equals(expectedTop(expected));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Long> totals(JsonNode series) {
        return List.of(series.get("mentions").asLong(), series.get("articles").asLong());
    }

    private static Map<String, List<Long>> topList(JsonNode top) {
        Map<String, List<Long>> pairs = new LinkedHashMap<>();
        top.get("pairs").forEach(pair -> pairs.put(pair.get("pair").asText(), totals(pair)));
        return pairs;
    }

    /** The contract's order: mentions, then articles, descending, then pair. */
    private static Map<String, List<Long>> expectedTop(Map<String, long[]> expected) {
        Map<String, List<Long>> ordered = new LinkedHashMap<>();
        expected.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[1])
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> ordered.put(e.getKey(), List.of(e.getValue()[0], e.getValue()[1])));
        return ordered;
    }

    /** The JSON body of a 200 answer; null for any other status (503 while rebalancing). */
    private static JsonNode get(Instance instance, String pathAndQuery) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(instance.api().address() + pathAndQuery))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.get()) {
            assertThat(Instant.now()).as("timed out waiting until " + what).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

}
