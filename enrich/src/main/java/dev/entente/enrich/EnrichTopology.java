package dev.entente.enrich;

import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich stream: {@code news.raw} (key article id, value {@link RawArticle}) to {@code news.enriched}
 * (key article id, value {@link EnrichedArticle}).
 *
 * <p>Each article is enriched over its title, summary and content ({@link #body}); its event time is
 * {@link #eventTime}. Nothing stops the stream: a value that cannot be read goes to
 * {@code news.dead-letter} through {@link DeadLetterDeserializationHandler}; an article the enricher
 * throws on goes there too, re-encoded as a {@code RawArticle}, with the {@code DeadLetters} headers
 * (stage {@value #ENRICH}), and one warning is logged per such record. Stateless: no stores, no
 * repartition topics.
 */
public final class EnrichTopology {

    public static final String APPLICATION_ID = "entente-enrich";

    /** Processor names, fixed so that the topology stays the same across upgrades. */
    public static final String SOURCE = "raw-articles";
    public static final String ENRICH = "enrich-article";
    public static final String SPLIT = "enrich-outcome-";
    public static final String OK_BRANCH = "ok";
    public static final String FAILED_BRANCH = "failed";
    public static final String UNWRAP = "enriched-value";
    public static final String DEAD_LETTER_RECORD = "enrich-dead-letter-record";
    public static final String SINK = "enriched-articles";
    public static final String DEAD_LETTER_SINK = "enrich-dead-letters";

    /** How far past its fetch time a publication time may lie before it is distrusted. */
    public static final Duration MAX_FUTURE_PUBLICATION = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(EnrichTopology.class);

    private EnrichTopology() {}

    /** Either an enriched article or the raw one with why enriching it failed. */
    private sealed interface Outcome permits Enriched, Failed {}

    private record Enriched(EnrichedArticle article) implements Outcome {}

    private record Failed(RawArticle raw, RuntimeException error) implements Outcome {}

    public static Topology buildTopology(Enricher enricher) {
        Objects.requireNonNull(enricher, "enricher");
        return buildTopology(raw -> enrichArticle(raw, enricher));
    }

    /** The same topology around any enrich function; tests use it to make enriching fail. */
    static Topology buildTopology(Function<RawArticle, EnrichedArticle> enrich) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Outcome> outcomes = builder
                .stream(Topics.RAW.name(), Consumed.with(Topics.RAW.keySerde(), Topics.RAW.valueSerde()).withName(SOURCE))
                .mapValues((id, raw) -> enrichOrFail(id, raw, enrich), Named.as(ENRICH));
        Map<String, KStream<String, Outcome>> branches = outcomes
                .split(Named.as(SPLIT))
                .branch((id, outcome) -> outcome instanceof Enriched, Branched.as(OK_BRANCH))
                .branch((id, outcome) -> outcome instanceof Failed, Branched.as(FAILED_BRANCH))
                .noDefaultBranch();
        branches.get(SPLIT + OK_BRANCH)
                .mapValues(outcome -> ((Enriched) outcome).article(), Named.as(UNWRAP))
                .to(Topics.ENRICHED.name(),
                        Produced.with(Topics.ENRICHED.keySerde(), Topics.ENRICHED.valueSerde()).withName(SINK));
        // The dead-letter key is the article id as UTF-8, the same bytes the String key serde read.
        branches.get(SPLIT + FAILED_BRANCH)
                .processValues(DeadLetterRecord::new, Named.as(DEAD_LETTER_RECORD))
                .to(Topics.DEAD_LETTER.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(DEAD_LETTER_SINK));
        return builder.build();
    }

    /**
     * Settings for the enrich stream over {@code base}: application id {@value #APPLICATION_ID}, explicit
     * internal resource naming, exactly-once v2, and dead-lettering of unreadable records to
     * {@code news.dead-letter}. Every key in {@code base} wins.
     */
    public static Properties streamsConfig(Properties base) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER.name());
        props.putAll(base);
        return props;
    }

    /** The enriched form of one article. */
    public static EnrichedArticle enrichArticle(RawArticle raw, Enricher enricher) {
        Enrichment enrichment = enricher.enrich(raw.getTitle(), body(raw));
        return EnrichedArticle.newBuilder()
                .setId(raw.getId())
                .setFeedId(raw.getFeedId())
                .setLink(raw.getLink())
                .setTitle(raw.getTitle() == null ? "" : raw.getTitle())
                .setEventTime(eventTime(raw))
                .setEntities(enrichment.entities())
                .setEvents(enrichment.events())
                .setPairMentions(enrichment.pairMentions())
                .setCooperationPairs(enrichment.cooperationPairs())
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

    private static Outcome enrichOrFail(String id, RawArticle raw, Function<RawArticle, EnrichedArticle> enrich) {
        try {
            return new Enriched(enrich.apply(raw));
        } catch (RuntimeException e) {
            LOG.warn("could not enrich article {} from feed {}; sending it to {}: {}", id, raw.getFeedId(),
                    Topics.DEAD_LETTER.name(), DeadLetterDeserializationHandler.oneLine(e));
            return new Failed(raw, e);
        }
    }

    /** Turns a failed outcome into the dead-letter value (the raw article's bytes) with its headers. */
    private static final class DeadLetterRecord implements FixedKeyProcessor<String, Outcome, byte[]> {

        private FixedKeyProcessorContext<String, byte[]> context;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Outcome> record) {
            Failed failed = (Failed) record.value();
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.RAW.name());
            int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
            long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
            DeadLetterDeserializationHandler.addHeaders(headers, topic, partition, offset, ENRICH, failed.error());
            byte[] value = Topics.RAW.valueSerde().serializer().serialize(topic, failed.raw());
            context.forward(record.withValue(value).withHeaders(headers));
        }
    }
}
