package dev.entente.aggregate;

import static dev.entente.aggregate.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.DeadLetters;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.PairCount;
import dev.entente.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateTopologyTest {

    private static final Instant START = Instant.parse("2025-03-10T08:00:00Z");
    private static final Duration HOUR = AggregateTopology.BUCKET_SIZE;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> enriched;
    private TestInputTopic<String, byte[]> enrichedBytes;
    private TestOutputTopic<String, PairCount> pairCounts;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        base.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AggregateTopology.buildTopology(), AggregateTopology.streamsConfig(base), START);
        enriched = driver.createInputTopic(
                Topics.ENRICHED.name(), Topics.ENRICHED.keySerde().serializer(), Topics.ENRICHED.valueSerde().serializer());
        enrichedBytes = driver.createInputTopic(
                Topics.ENRICHED.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        pairCounts = driver.createOutputTopic(
                Topics.PAIR_COUNTS.name(),
                Topics.PAIR_COUNTS.keySerde().deserializer(),
                Topics.PAIR_COUNTS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(
                Topics.DEAD_LETTER.name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void pipe(EnrichedArticle article) {
        // The record timestamp deliberately differs from the event time: the event time must win.
        enriched.pipeInput(new TestRecord<>(article.getId(), article, START.plus(Duration.ofDays(2))));
    }

    private WindowStore<String, PairCounts> hourly() {
        return driver.getWindowStore(AggregateTopology.HOURLY_STORE);
    }

    private KeyValueStore<String, PairCounts> totals() {
        return driver.getKeyValueStore(AggregateTopology.TOTALS_STORE);
    }

    private List<KeyValue<Windowed<String>, PairCounts>> allHourlyBuckets() {
        try (KeyValueIterator<Windowed<String>, PairCounts> all = hourly().all()) {
            List<KeyValue<Windowed<String>, PairCounts>> buckets = new ArrayList<>();
            all.forEachRemaining(buckets::add);
            return buckets;
        }
    }

    @Test
    void countsMentionsPerSentenceAndOneArticlePerPairInTheArticlesHour() {
        pipe(article("a1", START.plus(MINUTE.multipliedBy(10)), "KP-RU", "KP-RU", "FR-UA"));

        assertThat(hourly().fetch("KP-RU", START.toEpochMilli())).isEqualTo(new PairCounts(2, 1));
        assertThat(hourly().fetch("FR-UA", START.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(2, 1));
        assertThat(totals().get("FR-UA")).isEqualTo(new PairCounts(1, 1));
        assertThat(pairCounts.readKeyValuesToList())
                .containsExactlyInAnyOrder(
                        KeyValue.pair("KP-RU", pairCount("KP-RU", START, 2, 1)),
                        KeyValue.pair("FR-UA", pairCount("FR-UA", START, 1, 1)));
    }

    @Test
    void countsEachArticleOnceWhenItIsDeliveredTwice() {
        EnrichedArticle article = article("a1", START.plus(MINUTE), "KP-RU");
        pipe(article);
        pipe(article);

        assertThat(hourly().fetch("KP-RU", START.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(1, 1));
        assertThat(pairCounts.readValuesToList()).containsExactly(pairCount("KP-RU", START, 1, 1));
    }

    @Test
    void forgetsArticleIdsAfterTheRetentionSoTheStoreDoesNotGrowForever() {
        EnrichedArticle article = article("a1", START.plus(MINUTE), "KP-RU");
        pipe(article);
        driver.advanceWallClockTime(AggregateTopology.SEEN_ARTICLES_RETENTION.plus(AggregateTopology.SEEN_ARTICLES_PURGE_INTERVAL));

        KeyValueStore<String, Long> seen = driver.getKeyValueStore(AggregateTopology.SEEN_ARTICLES_STORE);
        assertThat(seen.get("a1")).isNull();
    }

    @Test
    void putsArticlesOfDifferentHoursInDifferentBuckets() {
        pipe(article("a1", START.plus(MINUTE), "KP-RU"));
        pipe(article("a2", START.plus(HOUR).plus(MINUTE), "KP-RU", "KP-RU"));

        assertThat(hourly().fetch("KP-RU", START.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(hourly().fetch("KP-RU", START.plus(HOUR).toEpochMilli())).isEqualTo(new PairCounts(2, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(3, 2));
        assertThat(pairCounts.readValuesToList())
                .containsExactly(pairCount("KP-RU", START, 1, 1), pairCount("KP-RU", START.plus(HOUR), 2, 1));
    }

    @Test
    void countsALateArticleInItsOwnHourWithinTheGracePeriod() {
        pipe(article("recent", START.plus(HOUR.multipliedBy(10)), "KP-RU"));
        Instant lateButWithinGrace = START.plus(HOUR.multipliedBy(10)).minus(AggregateTopology.GRACE).plus(HOUR);
        pipe(article("late", lateButWithinGrace, "KP-RU"));

        Instant lateBucket = lateButWithinGrace.truncatedTo(ChronoUnit.HOURS);
        assertThat(hourly().fetch("KP-RU", lateBucket.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(2, 2));
    }

    @Test
    void countsAnArticleLaterThanTheGracePeriodOnlyInTheTotals() {
        pipe(article("recent", START.plus(AggregateTopology.GRACE).plus(HOUR.multipliedBy(2)), "KP-RU"));
        pipe(article("too-late", START.plus(MINUTE), "KP-RU"));

        assertThat(hourly().fetch("KP-RU", START.toEpochMilli())).isNull();
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(2, 2));
    }

    @Test
    void countsAnUnsortedPairUnderItsSortedName() {
        pipe(article("a1", START.plus(MINUTE), "RU-KP"));

        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("RU-KP")).isNull();
    }

    @Test
    void ignoresArticlesWithoutPairMentions() {
        pipe(article("quiet", START.plus(MINUTE)));

        assertThat(allHourlyBuckets()).isEmpty();
        assertThat(pairCounts.isEmpty()).isTrue();
    }

    @Test
    void sendsAnArticleWithAMalformedPairToTheDeadLetterTopicAndKeepsGoing() {
        EnrichedArticle bad = article("bad", START.plus(MINUTE), "KP-RU", "XX-RU");
        pipe(bad);
        pipe(article("good", START.plus(MINUTE), "FR-UA"));

        assertThat(totals().get("KP-RU")).isNull();
        assertThat(totals().get("FR-UA")).isEqualTo(new PairCounts(1, 1));
        TestRecord<byte[], byte[]> deadLetter = deadLetters.readRecord();
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(deadLetter.value())
                .isEqualTo(Topics.ENRICHED.valueSerde().serializer().serialize(Topics.ENRICHED.name(), bad));
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.ENRICHED.name());
        assertThat(header(deadLetter, DeadLetters.ERROR)).contains("article bad").contains("XX");
        assertThat(header(deadLetter, DeadLetters.STAGE))
                .isEqualTo(AggregateTopology.APPLICATION_ID + "/" + AggregateTopology.DEDUPLICATE);
    }

    @Test
    void skipsAValueThatIsNotAnEnrichedArticleAndKeepsGoing() {
        // Under exactly-once TopologyTestDriver does not capture the dead letters of the
        // deserialization handler; DeadLetterHandlersTest in schemas covers the record it writes.
        enrichedBytes.pipeInput("garbage", "not avro".getBytes(StandardCharsets.UTF_8));
        pipe(article("good", START.plus(MINUTE), "FR-UA"));

        assertThat(totals().get("FR-UA")).isEqualTo(new PairCounts(1, 1));
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static PairCount pairCount(String pair, Instant bucketStart, long mentions, long articles) {
        return PairCount.newBuilder()
                .setPair(pair)
                .setBucketStart(bucketStart)
                .setBucketEnd(bucketStart.plus(HOUR))
                .setMentions(mentions)
                .setArticles(articles)
                .build();
    }
}
