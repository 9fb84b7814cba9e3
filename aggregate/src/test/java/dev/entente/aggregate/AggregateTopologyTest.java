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
import java.util.Optional;
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
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
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
        startDriver(new Properties());
    }

    /** Restarts the driver with {@code settings} added to the streams configuration. */
    private void startDriver(Properties settings) {
        if (driver != null) {
            driver.close();
        }
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        base.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        base.putAll(settings);
        Properties config = AggregateTopology.streamsConfig(base);
        driver = new TopologyTestDriver(AggregateTopology.buildTopology(config), config, START);
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
    }

    @Test
    void countsEachArticleOnceWhenItIsDeliveredTwice() {
        EnrichedArticle article = article("a1", START.plus(MINUTE), "KP-RU");
        pipe(article);
        pipe(article);

        assertThat(hourly().fetch("KP-RU", START.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(1, 1));
        advanceWallClock(HOUR);
        assertThat(pairCounts.readValuesToList()).singleElement()
                .satisfies(update -> assertThat(update.getMentions()).isEqualTo(1))
                .satisfies(update -> assertThat(update.getArticlesLast24h()).isEqualTo(1));
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
    }

    @Test
    void countsALateArticleInItsOwnHourWithinTheGracePeriod() {
        pipe(article("recent", START.plus(HOUR.multipliedBy(10)), "KP-RU"));
        Instant lateButWithinGrace = START.plus(HOUR.multipliedBy(10)).minus(AggregateSettings.DEFAULT_GRACE).plus(HOUR);
        pipe(article("late", lateButWithinGrace, "KP-RU"));

        Instant lateBucket = lateButWithinGrace.truncatedTo(ChronoUnit.HOURS);
        assertThat(hourly().fetch("KP-RU", lateBucket.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(2, 2));
        assertThat(lateDropped()).isZero();
    }

    @Test
    void countsAnArticleLaterThanTheGracePeriodOnlyInTheTotalsAndInTheLateMetric() {
        pipe(article("recent", START.plus(AggregateSettings.DEFAULT_GRACE).plus(HOUR.multipliedBy(2)), "KP-RU", "FR-UA"));
        pipe(article("too-late", START.plus(MINUTE), "KP-RU", "FR-UA"));

        assertThat(hourly().fetch("KP-RU", START.toEpochMilli())).isNull();
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(2, 2));
        assertThat(lateDropped()).as("one per article and pair").isEqualTo(2);
    }

    @Test
    void keepsABucketOpenUntilItsEndIsExactlyTheGracePeriodBehindTheStreamTime() {
        Instant bucket = START;
        Instant bucketEnd = bucket.plus(HOUR);
        pipe(article("newest", bucketEnd.plus(AggregateSettings.DEFAULT_GRACE).minusMillis(1), "KP-RU"));
        pipe(article("last-in", bucket.plus(Duration.ofMinutes(59)), "KP-RU"));
        pipe(article("newer", bucketEnd.plus(AggregateSettings.DEFAULT_GRACE), "FR-UA"));
        pipe(article("first-out", bucket.plus(Duration.ofMinutes(59)), "KP-RU"));

        assertThat(hourly().fetch("KP-RU", bucket.toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(totals().get("KP-RU")).isEqualTo(new PairCounts(3, 3));
        assertThat(lateDropped()).isEqualTo(1);
    }

    @Test
    void takesTheGracePeriodFromTheStreamsConfiguration() {
        Properties oneDay = new Properties();
        oneDay.put(AggregateSettings.GRACE_CONFIG, "1d");
        startDriver(oneDay);

        pipe(article("recent", START.plus(Duration.ofDays(3)), "KP-RU"));
        pipe(article("two-days-late", START.plus(Duration.ofDays(1)), "KP-RU"));

        assertThat(hourly().fetch("KP-RU", START.plus(Duration.ofDays(1)).toEpochMilli())).isNull();
        assertThat(lateDropped()).isEqualTo(1);
    }

    @Test
    void keepsTheNewestEventTimeInAStoreSoTheGracePeriodOutlivesARestart() {
        // TopologyTestDriver wipes its state on close, so a restart itself cannot be shown here.
        Instant newest = START.plus(Duration.ofDays(2));
        pipe(article("newest", newest, "KP-RU"));
        pipe(article("older", START, "KP-RU"));

        KeyValueStore<String, Long> streamTime = driver.getKeyValueStore(AggregateTopology.STREAM_TIME_STORE);
        assertThat(streamTime.get(DropLateContributions.STREAM_TIME_KEY)).isEqualTo(newest.toEpochMilli());
    }

    @Test
    void putsArticlesAtOneSecondBeforeAndAtMidnightInDifferentHoursAndDays() {
        Instant midnight = Instant.parse("2025-03-11T00:00:00Z");
        pipe(article("before", midnight.minusSeconds(1), "KP-RU"));
        pipe(article("at", midnight, "KP-RU", "KP-RU"));

        assertThat(hourly().fetch("KP-RU", midnight.minus(HOUR).toEpochMilli())).isEqualTo(new PairCounts(1, 1));
        assertThat(hourly().fetch("KP-RU", midnight.toEpochMilli())).isEqualTo(new PairCounts(2, 1));
        PairSeries days = queries().series("KP-RU", Window.days(2), Bucket.DAY, midnight.plus(HOUR));
        assertThat(days.series()).containsExactly(
                new SeriesPoint(midnight.minus(Duration.ofDays(2)), 0, 0),
                new SeriesPoint(midnight.minus(Duration.ofDays(1)), 1, 1),
                new SeriesPoint(midnight, 2, 1));
    }

    @Test
    void sumsOnlyTheLastSevenDaysForSevenDaysButEverythingForAll() {
        Instant now = START.plus(Duration.ofDays(20));
        pipe(article("old", now.minus(Duration.ofDays(10)), "KP-RU", "KP-RU"));
        pipe(article("recent", now.minus(Duration.ofDays(2)), "KP-RU"));

        assertThat(queries().top(Window.days(7), 10, Optional.empty(), now))
                .containsExactly(new PairTotal("KP-RU", 1, 1));
        assertThat(queries().top(Window.ALL, 10, Optional.empty(), now))
                .containsExactly(new PairTotal("KP-RU", 3, 2));
        assertThat(queries().series("KP-RU", Window.days(30), Bucket.DAY, now).mentions()).isEqualTo(3);
    }

    @Test
    void sendsOneUpdatePerChangedPairPerIntervalWithEveryRollingWindow() {
        Instant now = START.plus(Duration.ofDays(40));
        pipe(article("two-months-ago", now.minus(Duration.ofDays(60)), "KP-RU"));
        pipe(article("three-weeks-ago", now.minus(Duration.ofDays(21)), "KP-RU"));
        pipe(article("five-days-ago", now.minus(Duration.ofDays(5)), "KP-RU"));
        for (int i = 0; i < 50; i++) {
            pipe(article("burst-" + i, now.minus(Duration.ofHours(2)), "KP-RU", "KP-RU"));
        }
        pipe(article("other", now.minus(Duration.ofHours(2)), "FR-UA"));
        assertThat(pairCounts.isEmpty()).as("nothing before the interval ends").isTrue();

        advanceWallClockTo(now);

        List<KeyValue<String, PairCount>> updates = pairCounts.readKeyValuesToList();
        assertThat(updates).extracting(update -> update.key).containsExactlyInAnyOrder("KP-RU", "FR-UA");
        PairCount kpRu = updates.stream().filter(update -> update.key.equals("KP-RU")).findFirst().orElseThrow().value;
        assertThat(kpRu).isEqualTo(PairCount.newBuilder()
                .setPair("KP-RU")
                .setBucketStart(Instant.EPOCH)
                .setBucketEnd(now)
                .setMentions(103).setArticles(53)
                .setMentionsLast24h(100).setArticlesLast24h(50)
                .setMentionsLast7d(101).setArticlesLast7d(51)
                .setMentionsLast30d(102).setArticlesLast30d(52)
                .build());
    }

    @Test
    void sendsNothingForAPairThatDidNotChangeAndAgainWhenItDoes() {
        pipe(article("a1", START.minus(HOUR), "KP-RU"));
        advanceWallClock(AggregateSettings.DEFAULT_COUNTS_INTERVAL);
        assertThat(pairCounts.readValuesToList()).hasSize(1);

        advanceWallClock(AggregateSettings.DEFAULT_COUNTS_INTERVAL.multipliedBy(5));
        assertThat(pairCounts.isEmpty()).isTrue();

        pipe(article("a2", START.minus(HOUR), "KP-RU"));
        advanceWallClock(AggregateSettings.DEFAULT_COUNTS_INTERVAL);
        assertThat(pairCounts.readValuesToList()).singleElement()
                .satisfies(update -> assertThat(update.getMentionsLast24h()).isEqualTo(2));
    }

    @Test
    void sendsAnUpdateForALateArticleThatOnlyChangesTheTotals() {
        pipe(article("recent", START.minus(HOUR), "KP-RU"));
        pipe(article("too-late", START.minus(Duration.ofDays(30)), "KP-RU"));
        advanceWallClock(AggregateSettings.DEFAULT_COUNTS_INTERVAL);

        assertThat(pairCounts.readValuesToList()).singleElement()
                .satisfies(update -> assertThat(update.getMentions()).isEqualTo(2))
                .satisfies(update -> assertThat(update.getMentionsLast30d()).isEqualTo(1));
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
                .isEqualTo(AggregateTopology.APPLICATION_ID + "/" + AggregateTopology.WITH_PAIRS);
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

    private long lateDropped() {
        return AggregateMetrics.lateContributionsDropped(driver.metrics());
    }

    private void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    private void advanceWallClockTo(Instant instant) {
        // The driver's wall clock starts at START; reaching a later instant takes one step.
        driver.advanceWallClockTime(Duration.between(START, instant));
    }

    private LocalPairQueries queries() {
        return new LocalPairQueries(new PairStores() {
            @Override
            public ReadOnlyWindowStore<String, PairCounts> hourly() {
                return driver.getWindowStore(AggregateTopology.HOURLY_STORE);
            }

            @Override
            public ReadOnlyKeyValueStore<String, PairCounts> totals() {
                return driver.getKeyValueStore(AggregateTopology.TOTALS_STORE);
            }
        });
    }
}
