package dev.entente.schemas;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The topics of the public contract (see CONTRACTS.md), with their key and value serdes. */
public final class Topics {

    /** Key: article id. Value: the item as ingest saw it. */
    public static final Topic<String, RawArticle> RAW =
            new Topic<>("news.raw", Serdes.String(), AvroSerdes.of(RawArticle.class));

    /** Key: article id. Value: the article with its entities, events and cooperating pairs. */
    public static final Topic<String, EnrichedArticle> ENRICHED =
            new Topic<>("news.enriched", Serdes.String(), AvroSerdes.of(EnrichedArticle.class));

    /** Key: pair such as {@code KP-RU}. Value: the pair's updated counts in one bucket. */
    public static final Topic<String, PairCount> PAIR_COUNTS =
            new Topic<>("news.pair-counts", Serdes.String(), AvroSerdes.of(PairCount.class));

    /**
     * Key: the original key bytes. Value: the original value bytes. Headers name the error and the
     * source topic (see {@link DeadLetters}).
     */
    public static final Topic<byte[], byte[]> DEAD_LETTER =
            new Topic<>("news.dead-letter", Serdes.ByteArray(), Serdes.ByteArray());

    /**
     * Compacted. Key: feed id. Value: ingest's cursor for the feed as JSON (HTTP validators and the
     * ids of recently sent items), so that a restarted ingest neither re-sends nor re-downloads.
     * Written and read only by ingest ({@code dev.entente.ingest.KafkaCursorStore}).
     */
    public static final Topic<String, String> INGEST_STATE =
            new Topic<>("news.ingest-state", Serdes.String(), Serdes.String());

    private Topics() {}

    /** The value serde of a contract topic, by its name (e.g. for {@code tail}, which reads any of them as bytes). */
    public static Serde<?> valueSerdeOf(String topicName) {
        return switch (topicName) {
            case "news.raw" -> RAW.valueSerde();
            case "news.enriched" -> ENRICHED.valueSerde();
            case "news.pair-counts" -> PAIR_COUNTS.valueSerde();
            default -> throw new IllegalArgumentException("unknown topic " + topicName);
        };
    }
}
