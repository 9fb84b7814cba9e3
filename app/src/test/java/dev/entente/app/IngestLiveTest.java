package dev.entente.app;

import static dev.entente.app.TestSupport.await;
import static dev.entente.app.TestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.ingest.FeedReader;
import dev.entente.ingest.FeedSpec;
import dev.entente.ingest.HttpFeedFetcher;
import dev.entente.ingest.IngestService;
import dev.entente.ingest.KafkaCursorStore;
import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest on a real in-process broker: cursors across restarts, and live edits of the feed list. */
class IngestLiveTest {

    @TempDir
    Path dir;

    private Pipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aRestartedIngestSendsNothingAgainAndAFeedAddedToTheConfigFileShowsItsItemsWithinTenSeconds() throws Exception {
        Path wire = feed("wire", 2);
        Path config = dir.resolve("entente.yml");
        int apiPort = freePort();
        String head = """
                embedded:
                  port: %d
                  dataDir: %s
                api:
                  port: %d
                feeds:
                """.formatted(freePort(), dir.resolve("kafka"), apiPort);
        Files.writeString(config, head + entry("wire", wire));
        EntenteConfig loaded = new ConfigLoader(Map.of()).load(config);
        pipeline = Pipeline.start(loaded, EnumSet.of(Pipeline.Stage.INGEST), true, Clock.systemUTC());
        EntenteConfig client = loaded;
        await("two items on news.raw", Duration.ofSeconds(30), () -> rawIds(client).size() == 2);

        // A second ingest lifetime against the same news.ingest-state sends nothing again.
        pipeline.close();
        pipeline = Pipeline.start(loaded, EnumSet.of(Pipeline.Stage.INGEST), true, Clock.systemUTC());
        IngestService restarted = pipeline.ingest().orElseThrow();
        await("a poll after the restart", Duration.ofSeconds(30), () -> restarted.statuses().get(0).lastSuccess() != null);
        assertThat(rawRecordCount(client)).isEqualTo(2);

        // An invalid edit is refused and the running list stays.
        Files.writeString(config, head + entry("wire", wire) + "  - id: Bad Id\n    url: file:///x.xml\n");
        Instant invalidAt = Instant.now();
        while (Duration.between(invalidAt, Instant.now()).compareTo(Pipeline.CONFIG_POLL.multipliedBy(2)) < 0) {
            Thread.onSpinWait();
        }
        assertThat(restarted.feeds()).extracting(FeedSpec::id).containsExactly("wire");

        // A feed added to the file is polled, and its items reach news.raw, within 10 s.
        Path extra = feed("extra", 3);
        Instant edited = Instant.now();
        Files.writeString(config, head + entry("wire", wire) + entry("extra", extra));
        await("the added feed's items on news.raw", Duration.ofSeconds(10), () -> rawIds(client).size() == 5);
        assertThat(Duration.between(edited, Instant.now())).isLessThan(Duration.ofSeconds(10));

        HttpResponse<String> feeds = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/feeds")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feeds.statusCode()).isEqualTo(200);
        assertThat(feeds.body()).contains("\"id\":\"wire\"", "\"id\":\"extra\"", "\"consecutiveFailures\":0");

        // Removing it stops it.
        Files.writeString(config, head + entry("wire", wire));
        await("the feed removed", Duration.ofSeconds(10), () -> restarted.feeds().size() == 1);
    }

    @Test
    void twoIngestLifetimesShareTheirCursorsThroughTheCompactedTopic() throws Exception {
        Path wire = feed("wire", 3);
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            EntenteConfig config = EntenteConfig.defaults().withFeeds(List.of())
                    .withFeeds(List.of(new FeedSpec("wire", wire.toUri())));
            var props = new java.util.Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            TopicSetup.ensureTopics(props);
            FeedSpec spec = config.feeds().get(0);
            for (int lifetime = 0; lifetime < 2; lifetime++) {
                try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(IngestService.producerConfig(props));
                        KafkaCursorStore cursors = new KafkaCursorStore(props);
                        IngestService ingest = new IngestService(List.of(spec), producer, new FeedReader(new HttpFeedFetcher()),
                                Clock.systemUTC(), cursors, IngestService.Settings.DEFAULTS)) {
                    int expected = lifetime == 0 ? 3 : 0;
                    assertThat(ingest.pollOnce(spec)).as("lifetime %d", lifetime).isEqualTo(expected);
                    producer.flush();
                    await("the items emitted", Duration.ofSeconds(10), () -> ingest.statuses().get(0).itemsEmitted() == expected);
                }
            }
        }
    }

    private Path feed(String name, int items) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>" + name + "</title><link>https://" + name + ".example.org/</link><description>d</description>");
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>Item ").append(i).append("</title><link>https://").append(name)
                    .append(".example.org/").append(i).append("</link></item>");
        }
        xml.append("</channel></rss>");
        return Files.writeString(dir.resolve(name + ".xml"), xml);
    }

    private static String entry(String id, Path file) {
        return "  - id: " + id + "\n    url: " + file.toUri() + "\n    interval: 1h\n";
    }

    private static Set<String> rawIds(EntenteConfig config) {
        Set<String> ids = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(config.clientProperties(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> ids.add(record.key()));
            }
        }
        return ids;
    }

    private static long rawRecordCount(EntenteConfig config) {
        try (var consumer = new KafkaConsumer<>(config.clientProperties(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

}
