package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {

    private static final Instant NOW = Instant.parse("2025-06-03T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final FeedReader READER = new FeedReader(new HttpFeedFetcher());

    @TempDir
    Path dir;

    private FeedSpec feedFile(String id, String document) throws IOException {
        Path file = Files.write(dir.resolve(id + ".xml"), utf8(document));
        return new FeedSpec(id, file.toUri());
    }

    private static MockProducer<String, RawArticle> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new RawArticleSerializer());
    }

    @Test
    void sendsEachItemOnceWhenTheFeedIsPolledTwice() throws Exception {
        FeedSpec feed = feedFile("world-news", Feeds.RSS);
        MockProducer<String, RawArticle> producer = producer(true);
        try (IngestService service = new IngestService(List.of(feed), producer, READER, CLOCK)) {
            assertThat(service.pollOnce(feed)).isEqualTo(4);
            assertThat(service.pollOnce(feed)).isZero();
        }

        assertThat(producer.history()).hasSize(4).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(Topics.RAW.name());
            assertThat(record.key()).isEqualTo(record.value().getId());
            assertThat(record.value().getFetchedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void sendsOnlyTheNewItemWhenTheFeedGrows() throws Exception {
        FeedSpec feed = feedFile("world-news", Feeds.RSS);
        MockProducer<String, RawArticle> producer = producer(true);
        IngestService service = new IngestService(List.of(feed), producer, READER, CLOCK);
        service.pollOnce(feed);

        feedFile("world-news", Feeds.RSS.replace("<item>", "<item><title>Breaking</title><link>https://news.example.org/new</link></item><item>"));

        assertThat(service.pollOnce(feed)).isEqualTo(1);
        assertThat(producer.history().get(4).value().getTitle()).isEqualTo("Breaking");
    }

    @Test
    void offersAnItemAgainWhenItsSendFailed() throws Exception {
        FeedSpec feed = feedFile("world-news", Feeds.RSS);
        MockProducer<String, RawArticle> producer = producer(false);
        IngestService service = new IngestService(List.of(feed), producer, READER, CLOCK);

        assertThat(service.pollOnce(feed)).isEqualTo(4);
        assertThat(service.pollOnce(feed)).as("items still in flight are not sent again").isZero();
        while (producer.errorNext(new TimeoutException("broker unavailable"))) {
            // fail every pending send
        }
        assertThat(service.pollOnce(feed)).isEqualTo(4);
        while (producer.completeNext()) {
            // acknowledge every pending send
        }
        assertThat(service.pollOnce(feed)).isZero();
    }

    @Test
    void sendsAnItemCarriedByTwoFeedsOnce() throws Exception {
        FeedSpec world = feedFile("world-news", Feeds.RSS);
        FeedSpec mirror = feedFile("mirror", Feeds.RSS);
        MockProducer<String, RawArticle> producer = producer(true);
        IngestService service = new IngestService(List.of(world, mirror), producer, READER, CLOCK);

        assertThat(service.pollOnce(world)).isEqualTo(4);
        assertThat(service.pollOnce(mirror)).isZero();
    }

    @Test
    void reportsAFeedThatCannotBeReadAsFeedException() {
        FeedSpec missing = new FeedSpec("missing", dir.resolve("missing.xml").toUri());
        IngestService service = new IngestService(List.of(missing), producer(true), READER, CLOCK);

        assertThatThrownBy(() -> service.pollOnce(missing))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("no such file: ");
    }

    @Test
    void rejectsTwoFeedsWithTheSameId() throws IOException {
        FeedSpec feed = feedFile("world-news", Feeds.RSS);

        assertThatThrownBy(() -> new IngestService(List.of(feed, feed), producer(true), READER, CLOCK))
                .hasMessage("duplicate feed id 'world-news'");
    }

    @Test
    void pollsEveryEnabledFeedOnStartWhileAFailingFeedDoesNotStopTheOthers() throws Exception {
        URI broken = URI.create("https://broken.example.org/rss");
        URI good = URI.create("https://good.example.org/rss");
        URI disabled = URI.create("https://disabled.example.org/rss");
        Set<URI> fetched = ConcurrentHashMap.newKeySet();
        FeedFetcher fake = (url, validators) -> {
            fetched.add(url);
            if (url.equals(good)) {
                return FetchResult.ok(utf8(Feeds.RSS));
            }
            throw new FeedException("HTTP 500 from " + url);
        };
        CountDownLatch fourSends = new CountDownLatch(4);
        MockProducer<String, RawArticle> producer = new MockProducer<>(true, null, new StringSerializer(), new RawArticleSerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, RawArticle> record, Callback callback) {
                Future<RecordMetadata> result = super.send(record, callback);
                fourSends.countDown();
                return result;
            }
        };
        List<FeedSpec> feeds = List.of(
                new FeedSpec("broken", broken, Duration.ofHours(1), true),
                new FeedSpec("good", good, Duration.ofHours(1), true),
                new FeedSpec("disabled", disabled, Duration.ofHours(1), false));

        try (IngestService service = new IngestService(feeds, producer, new FeedReader(fake), CLOCK)) {
            service.start();
            assertThat(fourSends.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(producer.history()).hasSize(4);
        assertThat(fetched).contains(good).doesNotContain(disabled);
    }

    @Test
    void producerConfigSetsTheRawTopicSerializersAndSafeDelivery() {
        Properties base = new Properties();
        base.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        base.put(ProducerConfig.ACKS_CONFIG, "1");
        base.put(ProducerConfig.LINGER_MS_CONFIG, "100");

        Properties props = IngestService.producerConfig(base);
        ProducerConfig config = new ProducerConfig(props);

        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "100")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        assertThat(base).containsEntry(ProducerConfig.ACKS_CONFIG, "1");
        @SuppressWarnings("unchecked")
        Serializer<RawArticle> values = config.getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class);
        RawArticle article = RawArticle.newBuilder().setId("abc").setFeedId("world-news").setFetchedAt(NOW).build();
        byte[] bytes = values.serialize(Topics.RAW.name(), article);
        assertThat(Topics.RAW.valueSerde().deserializer().deserialize(Topics.RAW.name(), bytes)).isEqualTo(article);
        assertThat(config.getConfiguredInstance(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, Serializer.class))
                .isInstanceOf(StringSerializer.class);
        assertThat(IngestService.producerConfig(new Properties())).containsKey(ProducerConfig.LINGER_MS_CONFIG);
    }
}
