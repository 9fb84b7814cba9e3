package dev.entente.app;

import static dev.entente.app.TestSupport.await;
import static dev.entente.app.TestSupport.freePort;
import static dev.entente.app.TestSupport.get;
import static dev.entente.app.TestSupport.loadConfig;
import static dev.entente.app.TestSupport.pairCounts;
import static dev.entente.app.TestSupport.writeConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.entente.schemas.DeadLetters;
import dev.entente.schemas.PairCount;
import dev.entente.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a real in-process broker, wired exactly as {@code run} wires it: a feed served
 * over HTTP, ingest, enrich, aggregate, and the HTTP API.
 */
class EndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private HttpServer feedServer;
    private final AtomicInteger feedRequests = new AtomicInteger();
    private Pipeline pipeline;

    @BeforeEach
    void serveFeed() throws IOException {
        byte[] feed = feedWithOneArticle().getBytes(StandardCharsets.UTF_8);
        feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        feedServer.createContext("/feed.xml", exchange -> {
            feedRequests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, feed.length);
            exchange.getResponseBody().write(feed);
            exchange.close();
        });
        feedServer.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        feedServer.stop(0);
    }

    @Test
    void countsCooperatingPairsOfAPolledFeedOnceAcrossPolls() throws Exception {
        EntenteConfig config = configPollingTheFeedEveryTwoSeconds();
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), true, Clock.systemUTC());

        Map<String, String> firstCounts = awaitPairs(config);
        assertThat(firstCounts).containsOnlyKeys("KP-RU", "FR-UA");
        assertThat(firstCounts.get("KP-RU")).endsWith("articles=1");
        assertThat(firstCounts.get("FR-UA")).endsWith("articles=1");

        int seen = feedRequests.get();
        await("two more feed polls", DEADLINE, () -> feedRequests.get() >= seen + 2);
        assertThat(pairCounts(pairsUri(config))).isEqualTo(firstCounts);
        assertThat(get(apiUri(config, "/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void servesFeedHealthAndPrometheusMetrics() throws Exception {
        EntenteConfig config = configPollingTheFeedEveryTwoSeconds();
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), true, Clock.systemUTC());
        awaitPairs(config);

        JsonNode feed = AvroJson.MAPPER.readTree(get(apiUri(config, "/api/v1/feeds")).body()).path("feeds").get(0);
        assertThat(feed.path("id").asText()).isEqualTo("test-wire");
        assertThat(feed.path("itemsEmitted").asLong()).isEqualTo(1);
        assertThat(feed.path("consecutiveFailures").asInt()).isZero();
        assertThat(feed.path("lastError").isNull()).isTrue();

        HttpResponse<String> metrics = get(apiUri(config, "/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("entente_feed_items_emitted_total{feed=\"test-wire\"} 1.0")
                .contains("kafka_stream_")
                .contains("application=\"entente-aggregate\"")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void keepsCountsAndSendsNothingAgainAcrossARestart() throws Exception {
        EntenteConfig config = configPollingTheFeedEveryTwoSeconds();
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), true, Clock.systemUTC());
        Map<String, String> before = awaitPairs(config);
        long sentBefore = rawRecordCount(config);
        pipeline.close();

        // The new process restores ingest's cursor from news.ingest-state, so it does not write the
        // items to news.raw again (were it to crash between send and cursor save, the aggregate would
        // still recognise them by article id).
        int seen = feedRequests.get();
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), true, Clock.systemUTC());
        await("polls after the restart", DEADLINE, () -> feedRequests.get() >= seen + 2 && pipeline.healthy());

        assertThat(rawRecordCount(config)).isEqualTo(sentBefore);
        assertThat(pairCounts(pairsUri(config))).isEqualTo(before);
    }

    @Test
    void sendsUnreadableRecordsToTheDeadLetterTopicAndKeepsCounting() throws Exception {
        EntenteConfig config = configPollingTheFeedEveryTwoSeconds();
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), true, Clock.systemUTC());
        Map<String, String> before = awaitPairs(config);

        // Garbage, a valid record of the wrong schema, and a large value, on both stream inputs.
        byte[] wrongSchema = Topics.PAIR_COUNTS.valueSerde().serializer().serialize(Topics.PAIR_COUNTS.name(),
                PairCount.newBuilder().setPair("KP-RU").setBucketStart(Instant.EPOCH).setBucketEnd(Instant.EPOCH)
                        .setMentions(1).setArticles(1).build());
        byte[] large = new byte[512 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        List<byte[]> poison = List.of("not avro".getBytes(StandardCharsets.UTF_8), wrongSchema, large);
        try (var producer = new KafkaProducer<>(config.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : List.of(Topics.RAW.name(), Topics.ENRICHED.name())) {
                for (byte[] value : poison) {
                    producer.send(new ProducerRecord<>(topic, "poison".getBytes(StandardCharsets.UTF_8), value)).get();
                }
            }
        }

        await("six dead letters", DEADLINE, () -> readAll(config, Topics.DEAD_LETTER.name()).size() >= 6);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(config, Topics.DEAD_LETTER.name());
        assertThat(deadLetters).extracting(r -> header(r, DeadLetters.SOURCE_TOPIC))
                .containsOnly(Topics.RAW.name(), Topics.ENRICHED.name())
                .hasSize(6);
        assertThat(deadLetters).extracting(r -> r.value().length)
                .containsExactlyInAnyOrder(8, wrongSchema.length, large.length, 8, wrongSchema.length, large.length);
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, DeadLetters.SOURCE_POSITION)).matches("\\d+/\\d+"));
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, DeadLetters.ERROR)).isNotBlank());
        assertThat(pipeline.healthy()).isTrue();
        assertThat(pairCounts(pairsUri(config))).isEqualTo(before);
    }

    private EntenteConfig configPollingTheFeedEveryTwoSeconds() throws IOException {
        URI feed = URI.create("http://127.0.0.1:" + feedServer.getAddress().getPort() + "/feed.xml");
        return loadConfig(writeConfig(dir, freePort(), "test-wire", feed.toString(), "2s"));
    }

    private static Map<String, String> awaitPairs(EntenteConfig config) {
        await("both pairs counted", DEADLINE, () -> pairCounts(pairsUri(config)).size() == 2);
        return pairCounts(pairsUri(config));
    }

    private static URI pairsUri(EntenteConfig config) {
        return apiUri(config, "/api/v1/pairs?window=7d");
    }

    private static URI apiUri(EntenteConfig config, String path) {
        return URI.create("http://127.0.0.1:" + config.api().port() + path);
    }

    /** Every record the topic holds now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(EntenteConfig config, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config.clientProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** How many records news.raw holds, all partitions together. */
    private static long rawRecordCount(EntenteConfig config) {
        Properties props = config.clientProperties();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String feedWithOneArticle() {
        String published = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0">
                  <channel>
                    <title>Test wire</title>
                    <link>http://127.0.0.1/</link>
                    <description>Items written for Entente's end-to-end test.</description>
                    <item>
                      <title>Moscow and Pyongyang seal defence pact</title>
                      <link>http://127.0.0.1/news/pact</link>
                      <guid>http://127.0.0.1/news/pact</guid>
                      <pubDate>%s</pubDate>
                      <description><![CDATA[<p>Russia and North Korea signed a mutual defence agreement on Tuesday.</p>
                        <p>France will send air defence systems to Ukraine, the French defence ministry said.</p>
                        <p>Japan condemned the agreement, and China said it was watching closely.</p>]]></description>
                    </item>
                  </channel>
                </rss>
                """.formatted(published);
    }
}
