package dev.entente.aggregate;

import dev.entente.schemas.DeadLetterHandlers;
import dev.entente.schemas.StreamsDefaults;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.PairCount;
import dev.entente.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregate stream: per-country-pair counts of military-cooperation mentions.
 *
 * <ul>
 *   <li>Input: {@code news.enriched}, key article id, value {@code EnrichedArticle}; time is the
 *       article's {@code eventTime} ({@link EventTimeExtractor}).
 *   <li>Each article id is counted once ({@link DeduplicateArticles}, store {@value #SEEN_ARTICLES_STORE}).
 *   <li>Each article becomes one record per pair it mentions (key pair, value its
 *       {@link ArticleContribution}), repartitioned by pair through {@value #CONTRIBUTIONS_REPARTITION}.
 *   <li>Store {@value #HOURLY_STORE}: window store of {@link PairCounts} per pair and UTC hour, kept
 *       {@link #HOURLY_RETENTION}; rolling windows are summed from it at query time.
 *   <li>Store {@value #TOTALS_STORE}: key-value store of all-time {@link PairCounts} per pair.
 *   <li>Output: {@code news.pair-counts}, key pair, value {@code PairCount} with the bucket's start,
 *       end and counts so far; each update replaces the previous one for the same pair and bucket.
 *   <li>Bad records (a value that is not an {@code EnrichedArticle}, an article a processor throws
 *       on) are skipped and copied to {@code news.dead-letter} by the shared {@link DeadLetterHandlers}.
 * </ul>
 *
 * <p>Internal topics and stores use {@link PairCountsSerde}; the public topics use the Avro serdes
 * of {@link Topics}.
 */
public final class AggregateTopology {

    public static final String APPLICATION_ID = "entente-aggregate";

    public static final String SOURCE = "enriched-articles";
    public static final String WITH_PAIRS = "articles-with-pair-mentions";
    public static final String DEDUPLICATE = "deduplicate-articles";
    public static final String SEEN_ARTICLES_STORE = "aggregate-seen-articles";
    public static final String TO_CONTRIBUTIONS = "article-to-pair-contributions";
    public static final String CONTRIBUTIONS_REPARTITION = "pair-contributions";
    public static final String HOURLY_AGGREGATE = "pair-counts-hourly-aggregate";
    public static final String HOURLY_STORE = "pair-counts-hourly";
    public static final String HOURLY_TO_STREAM = "pair-counts-hourly-updates";
    public static final String TO_PAIR_COUNT = "hourly-counts-to-pair-count";
    public static final String SINK = "pair-count-updates";
    public static final String TOTALS_AGGREGATE = "pair-counts-total-aggregate";
    public static final String TOTALS_STORE = "pair-counts-total";

    /** Width of one stored bucket; query windows and series are built from these. */
    public static final Duration BUCKET_SIZE = Duration.ofHours(1);
    /**
     * How late (in stream time) an article may arrive and still count in its hour: feeds often
     * publish or update items hours after their date, and a feed that was down catches up later.
     * A later article still counts in the all-time totals.
     */
    public static final Duration GRACE = Duration.ofDays(1);
    /** How long hourly buckets are kept: the longest rolling window served from them. */
    public static final Duration HOURLY_RETENTION = Duration.ofDays(400);
    /** How long an article id is remembered to drop redeliveries (see {@link DeduplicateArticles}). */
    public static final Duration SEEN_ARTICLES_RETENTION = Duration.ofDays(30);
    public static final Duration SEEN_ARTICLES_PURGE_INTERVAL = Duration.ofHours(1);
    /** Commit, hence store-cache flush and output, interval: a UI sees new counts within a second. */
    public static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private AggregateTopology() {}

    public static Topology buildTopology() {
        Serde<String> pairSerde = Serdes.String();
        Serde<PairCounts> countsSerde = PairCountsSerde.create();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_ARTICLES_STORE), Serdes.String(), Serdes.Long()));

        KGroupedStream<String, PairCounts> contributions = builder.stream(
                        Topics.ENRICHED.name(),
                        Consumed.with(Topics.ENRICHED.keySerde(), Topics.ENRICHED.valueSerde())
                                .withTimestampExtractor(new EventTimeExtractor())
                                .withName(SOURCE))
                .filter((id, article) -> article != null && !article.getPairMentions().isEmpty(), Named.as(WITH_PAIRS))
                .process(
                        () -> new DeduplicateArticles(
                                SEEN_ARTICLES_STORE, SEEN_ARTICLES_RETENTION, SEEN_ARTICLES_PURGE_INTERVAL),
                        Named.as(DEDUPLICATE),
                        SEEN_ARTICLES_STORE)
                .flatMap(AggregateTopology::toContributions, Named.as(TO_CONTRIBUTIONS))
                .groupByKey(Grouped.with(CONTRIBUTIONS_REPARTITION, pairSerde, countsSerde));

        contributions
                .windowedBy(TimeWindows.ofSizeAndGrace(BUCKET_SIZE, GRACE))
                .aggregate(
                        () -> PairCounts.ZERO,
                        (pair, contribution, counts) -> counts.add(contribution),
                        Named.as(HOURLY_AGGREGATE),
                        Materialized.<String, PairCounts, WindowStore<Bytes, byte[]>>as(HOURLY_STORE)
                                .withKeySerde(pairSerde)
                                .withValueSerde(countsSerde)
                                .withRetention(HOURLY_RETENTION))
                .toStream(Named.as(HOURLY_TO_STREAM))
                .map(AggregateTopology::toPairCount, Named.as(TO_PAIR_COUNT))
                .to(
                        Topics.PAIR_COUNTS.name(),
                        Produced.with(Topics.PAIR_COUNTS.keySerde(), Topics.PAIR_COUNTS.valueSerde())
                                .withName(SINK));

        contributions.aggregate(
                () -> PairCounts.ZERO,
                (pair, contribution, counts) -> counts.add(contribution),
                Named.as(TOTALS_AGGREGATE),
                Materialized.<String, PairCounts, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                        .withKeySerde(pairSerde)
                        .withValueSerde(countsSerde));

        return builder.build();
    }

    /**
     * This stream's settings over {@code base}; every key present in {@code base} wins, so an
     * operator can override any of them from the configuration file.
     */
    public static Properties streamsConfig(Properties base) {
        Properties config = StreamsDefaults.forApplication(APPLICATION_ID);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL.toMillis()));
        config.putAll(base);
        return config;
    }

    private static List<KeyValue<String, PairCounts>> toContributions(String articleId, EnrichedArticle article) {
        return ArticleContribution.of(article).entrySet().stream()
                .map((Map.Entry<String, PairCounts> entry) -> KeyValue.pair(entry.getKey(), entry.getValue()))
                .toList();
    }

    private static KeyValue<String, PairCount> toPairCount(Windowed<String> bucket, PairCounts counts) {
        String pair = bucket.key();
        PairCount update = PairCount.newBuilder()
                .setPair(pair)
                .setBucketStart(Instant.ofEpochMilli(bucket.window().start()))
                .setBucketEnd(Instant.ofEpochMilli(bucket.window().end()))
                .setMentions(counts.mentions())
                .setArticles(counts.articles())
                .build();
        return KeyValue.pair(pair, update);
    }
}
