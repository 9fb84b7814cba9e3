package dev.entente.aggregate;

import dev.entente.schemas.DeadLetterHandlers;
import dev.entente.schemas.DropRepeatedKeys;
import dev.entente.schemas.StreamsDefaults;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.Topics;
import java.time.Duration;
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
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregate stream: per-country-pair counts of military-cooperation mentions.
 *
 * <ul>
 *   <li>Input: {@code news.enriched}, key article id, value {@code EnrichedArticle}; time is the
 *       article's {@code eventTime} ({@link EventTimeExtractor}).
 *   <li>Each article id is counted once ({@link DropRepeatedKeys}, store {@value #SEEN_ARTICLES_STORE}).
 *   <li>Each article becomes one record per pair it mentions (key pair, value its
 *       {@link ArticleContribution}), repartitioned by pair through {@value #CONTRIBUTIONS_REPARTITION}.
 *   <li>Store {@value #HOURLY_STORE}: window store of {@link PairCounts} per pair and UTC hour, kept
 *       {@link AggregateSettings#hourlyRetention()}; rolling windows are summed from it at query time.
 *       A contribution later than {@link AggregateSettings#grace()} behind the stream time is left
 *       out of it and counted ({@link DropLateContributions}, store {@value #STREAM_TIME_STORE}).
 *   <li>Store {@value #TOTALS_STORE}: key-value store of all-time {@link PairCounts} per pair,
 *       late contributions included.
 *   <li>Output: {@code news.pair-counts}, key pair, value {@code PairCount} with the pair's rolling
 *       24 h, 7 d, 30 d and all-time counts, at most once per pair per
 *       {@link AggregateSettings#countsInterval()} ({@link EmitPairCounts}, store {@value #DIRTY_PAIRS_STORE}).
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
    public static final String DROP_LATE = "drop-late-pair-contributions";
    public static final String STREAM_TIME_STORE = "pair-contributions-stream-time";
    public static final String HOURLY_AGGREGATE = "pair-counts-hourly-aggregate";
    public static final String HOURLY_STORE = "pair-counts-hourly";
    public static final String TOTALS_AGGREGATE = "pair-counts-total-aggregate";
    public static final String TOTALS_STORE = "pair-counts-total";
    public static final String EMIT_PAIR_COUNTS = "emit-changed-pair-counts";
    public static final String DIRTY_PAIRS_STORE = "pair-counts-changed-pairs";
    public static final String SINK = "pair-count-updates";

    /** Width of one stored bucket; query windows and series are built from these. */
    public static final Duration BUCKET_SIZE = Duration.ofHours(1);
    /** How long an article id is remembered to drop redeliveries (see {@link DropRepeatedKeys}). */
    public static final Duration SEEN_ARTICLES_RETENTION = DropRepeatedKeys.DEFAULT_RETENTION;
    public static final Duration SEEN_ARTICLES_PURGE_INTERVAL = DropRepeatedKeys.DEFAULT_PURGE_INTERVAL;
    /**
     * Commit interval. Under exactly-once the counting stage only sees the first stage's output once
     * its transaction commits, so this bounds how soon the API shows an article (measured p99 about
     * 450 ms at 100 ms, 1.2 s at 1 s; see BENCHMARKS.md); it is also Kafka's default for exactly-once.
     */
    public static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    public static final int DEFAULT_STANDBY_REPLICAS = 1;

    private AggregateTopology() {}

    /** The topology with {@link AggregateSettings#DEFAULT}. */
    public static Topology buildTopology() {
        return buildTopology(AggregateSettings.DEFAULT);
    }

    /**
     * The topology with the {@link AggregateSettings} found in {@code streamsConfig}.
     *
     * @throws IllegalArgumentException naming the key of a bad setting
     */
    public static Topology buildTopology(Properties streamsConfig) {
        return buildTopology(AggregateSettings.from(streamsConfig));
    }

    public static Topology buildTopology(AggregateSettings settings) {
        Serde<String> pairSerde = Serdes.String();
        Serde<PairCounts> countsSerde = PairCountsSerde.create();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_ARTICLES_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STREAM_TIME_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DIRTY_PAIRS_STORE), Serdes.String(), Serdes.Long()));

        KStream<String, PairCounts> contributions = builder.stream(
                        Topics.ENRICHED.name(),
                        Consumed.with(Topics.ENRICHED.keySerde(), Topics.ENRICHED.valueSerde())
                                .withTimestampExtractor(new EventTimeExtractor())
                                .withName(SOURCE))
                // Reading the contributions validates the pairs, so an article rejected to the
                // dead-letter topic is not remembered as counted by the next step.
                .filter((id, article) -> article != null && !ArticleContribution.of(article).isEmpty(), Named.as(WITH_PAIRS))
                .processValues(
                        () -> new DropRepeatedKeys<EnrichedArticle>(
                                SEEN_ARTICLES_STORE, SEEN_ARTICLES_RETENTION, SEEN_ARTICLES_PURGE_INTERVAL),
                        Named.as(DEDUPLICATE),
                        SEEN_ARTICLES_STORE)
                .flatMap(AggregateTopology::toContributions, Named.as(TO_CONTRIBUTIONS))
                .repartition(Repartitioned.<String, PairCounts>as(CONTRIBUTIONS_REPARTITION)
                        .withKeySerde(pairSerde)
                        .withValueSerde(countsSerde));

        GraceRule grace = new GraceRule(BUCKET_SIZE, settings.grace());
        contributions
                .processValues(() -> new DropLateContributions(grace, STREAM_TIME_STORE), Named.as(DROP_LATE), STREAM_TIME_STORE)
                .groupByKey(Grouped.with(pairSerde, countsSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(BUCKET_SIZE, settings.grace()))
                .aggregate(
                        () -> PairCounts.ZERO,
                        (pair, contribution, counts) -> counts.add(contribution),
                        Named.as(HOURLY_AGGREGATE),
                        Materialized.<String, PairCounts, WindowStore<Bytes, byte[]>>as(HOURLY_STORE)
                                .withKeySerde(pairSerde)
                                .withValueSerde(countsSerde)
                                .withRetention(settings.hourlyRetention()));

        contributions
                .groupByKey(Grouped.with(pairSerde, countsSerde))
                .aggregate(
                        () -> PairCounts.ZERO,
                        (pair, contribution, counts) -> counts.add(contribution),
                        Named.as(TOTALS_AGGREGATE),
                        Materialized.<String, PairCounts, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(pairSerde)
                                .withValueSerde(countsSerde));

        // Added last, so each contribution reaches both aggregations before its pair is marked.
        contributions
                .process(
                        () -> new EmitPairCounts(settings.countsInterval()),
                        Named.as(EMIT_PAIR_COUNTS),
                        DIRTY_PAIRS_STORE, HOURLY_STORE, TOTALS_STORE)
                .to(
                        Topics.PAIR_COUNTS.name(),
                        Produced.with(Topics.PAIR_COUNTS.keySerde(), Topics.PAIR_COUNTS.valueSerde())
                                .withName(SINK));

        return builder.build();
    }

    /**
     * This stream's settings over {@code base}; every key present in {@code base} wins, so an
     * operator can override any of them from the configuration file.
     */
    public static Properties streamsConfig(Properties base) {
        Properties config = StreamsDefaults.forApplication(APPLICATION_ID);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL.toMillis()));
        // A standby copy of each store lets another instance answer at once when one stops, instead
        // of 503 until the changelog is replayed; with a single instance it is simply not assigned.
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(DEFAULT_STANDBY_REPLICAS));
        config.putAll(base);
        return config;
    }

    private static List<KeyValue<String, PairCounts>> toContributions(String articleId, EnrichedArticle article) {
        return ArticleContribution.of(article).entrySet().stream()
                .map((Map.Entry<String, PairCounts> entry) -> KeyValue.pair(entry.getKey(), entry.getValue()))
                .toList();
    }
}
