package dev.entente.enrich;

import dev.entente.schemas.DeadLetterHandlers;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.DropRepeatedKeys;
import dev.entente.schemas.RawArticle;
import dev.entente.schemas.StreamsDefaults;
import dev.entente.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich stream: {@code news.raw} (key article id, value {@link RawArticle}) to {@code news.enriched}
 * (key article id, value {@link EnrichedArticle}).
 *
 * <p>Each article is enriched over its title, summary and content ({@link #body}); its event time is
 * {@link #eventTime}. An article id already enriched is dropped ({@link DropRepeatedKeys}, store
 * {@value #SEEN_ARTICLES_STORE}, ids kept 30 days): ingest may send an item again after a crash
 * between sending it and saving its cursor, and downstream must see it once. No repartition topics.
 *
 * <p>Bad input never stops the stream; the handlers set in {@link #streamsConfig} skip it. A value
 * that cannot be read as a {@code RawArticle}, and an article the enricher throws on (processor
 * {@value #ENRICH}), are copied with their original key and value bytes to {@code news.dead-letter}
 * with the {@code DeadLetters} headers (stage {@code entente-enrich/deserialize} or
 * {@code entente-enrich/enrich-article} under the default application id), and a warning is logged
 * per record; see {@link DeadLetterHandlers}.
 */
public final class EnrichTopology {

    public static final String APPLICATION_ID = "entente-enrich";

    /** Processor names, fixed so that the topology stays the same across upgrades. */
    public static final String SOURCE = "raw-articles";
    public static final String DEDUPLICATE = "drop-repeated-raw-articles";
    public static final String SEEN_ARTICLES_STORE = "enrich-seen-articles";
    public static final String ENRICH = "enrich-article";
    public static final String SINK = "enriched-articles";

    /** How far past its fetch time a publication time may lie before it is distrusted. */
    public static final Duration MAX_FUTURE_PUBLICATION = Duration.ofHours(1);

    private EnrichTopology() {}

    public static Topology buildTopology(Enricher enricher) {
        Objects.requireNonNull(enricher, "enricher");
        return buildTopology(raw -> enrichArticle(raw, enricher));
    }

    /** The same topology around any enrich function; tests use it to make enriching fail. */
    static Topology buildTopology(Function<RawArticle, EnrichedArticle> enrich) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_ARTICLES_STORE), Serdes.String(), Serdes.Long()));
        builder.stream(Topics.RAW.name(), Consumed.with(Topics.RAW.keySerde(), Topics.RAW.valueSerde()).withName(SOURCE))
                .processValues(() -> new DropRepeatedKeys<RawArticle>(SEEN_ARTICLES_STORE,
                                DropRepeatedKeys.DEFAULT_RETENTION, DropRepeatedKeys.DEFAULT_PURGE_INTERVAL),
                        Named.as(DEDUPLICATE), SEEN_ARTICLES_STORE)
                .mapValues(enrich::apply, Named.as(ENRICH))
                .to(Topics.ENRICHED.name(),
                        Produced.with(Topics.ENRICHED.keySerde(), Topics.ENRICHED.valueSerde()).withName(SINK));
        return builder.build();
    }

    /**
     * Settings for the enrich stream over {@code base}: application id {@value #APPLICATION_ID}, explicit
     * internal resource naming, exactly-once v2, and the shared {@link DeadLetterHandlers} for records
     * that cannot be read or enriched, writing to {@code news.dead-letter}. Every key in {@code base} wins.
     */
    public static Properties streamsConfig(Properties base) {
        Properties props = StreamsDefaults.forApplication(APPLICATION_ID);
        props.putAll(base);
        return props;
    }

    /** The enriched form of one article. */
    public static EnrichedArticle enrichArticle(RawArticle raw, Enricher enricher) {
        Instant eventTime = eventTime(raw);
        // Leaders are read with the terms of office of the article's own date, not of the processing time.
        Enrichment enrichment = enricher.enrich(raw.getTitle(), body(raw), eventTime);
        return EnrichedArticle.newBuilder()
                .setId(raw.getId())
                .setFeedId(raw.getFeedId())
                .setLink(raw.getLink())
                .setTitle(raw.getTitle() == null ? "" : raw.getTitle())
                .setEventTime(eventTime)
                .setEntities(enrichment.entities())
                .setEvents(enrichment.events())
                .setPairMentions(enrichment.pairMentions())
                .setCooperationPairs(enrichment.cooperationPairs())
                .setDictionaryVersion(enricher.dictionaryVersion())
                .build();
    }

    /**
     * The article's time: its publication time, or its fetch time when that is missing or more than
     * {@link #MAX_FUTURE_PUBLICATION} after the fetch.
     */
    public static Instant eventTime(RawArticle raw) {
        Instant published = raw.getPublishedAt();
        Instant fetched = raw.getFetchedAt();
        if (published == null || published.isAfter(fetched.plus(MAX_FUTURE_PUBLICATION))) {
            return fetched;
        }
        return published;
    }

    /**
     * The text enriched after the title: summary and content separated by a blank line, leaving out
     * empty parts and the summary when the content starts with it (feeds often repeat it there).
     */
    public static String body(RawArticle raw) {
        String summary = raw.getSummary() == null ? "" : raw.getSummary().strip();
        String content = raw.getContent() == null ? "" : raw.getContent().strip();
        List<String> parts = new ArrayList<>();
        if (!summary.isEmpty() && !content.startsWith(summary)) {
            parts.add(summary);
        }
        if (!content.isEmpty()) {
            parts.add(content);
        }
        return String.join("\n\n", parts);
    }
}
