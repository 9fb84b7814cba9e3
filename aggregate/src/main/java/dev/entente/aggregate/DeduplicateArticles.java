package dev.entente.aggregate;

import dev.entente.schemas.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards each article the first time its id is seen and drops later deliveries of the same id,
 * so that an article fetched or enriched twice is counted once.
 *
 * <p>The store maps article id to the wall-clock time it was first seen. Ids are kept for
 * {@link AggregateTopology#SEEN_ARTICLES_RETENTION} and purged by a wall-clock punctuator every
 * {@link AggregateTopology#SEEN_ARTICLES_PURGE_INTERVAL}: feeds keep an item for days, rarely for
 * weeks, so a redelivery later than that is not expected; keeping ids forever would grow the store
 * without bound. Wall-clock time (not event time) is used because redeliveries come from re-polling
 * feeds, which happens in real time whatever the article's publication date.
 *
 * <p>Works partition-locally: {@code news.enriched} is keyed by article id, so every delivery of an
 * id reaches the same task and store.
 *
 * <p>The article's pairs are validated before its id is recorded, so an article rejected to the
 * dead-letter topic is not remembered as counted.
 */
final class DeduplicateArticles implements Processor<String, EnrichedArticle, String, EnrichedArticle> {

    private static final Logger LOG = LoggerFactory.getLogger(DeduplicateArticles.class);

    private final String storeName;
    private final Duration retention;
    private final Duration purgeInterval;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, Long> seen;

    DeduplicateArticles(String storeName, Duration retention, Duration purgeInterval) {
        this.storeName = storeName;
        this.retention = retention;
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purgeOlderThanRetention);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle article = record.value();
        ArticleContribution.of(article);
        String id = article.getId();
        Long firstSeen = seen.get(id);
        if (firstSeen != null) {
            LOG.debug("article {} already counted (first seen at {}), dropping redelivery", id, firstSeen);
            return;
        }
        seen.put(id, context.currentSystemTimeMs());
        context.forward(record);
    }

    private void purgeOlderThanRetention(long now) {
        long cutoff = now - retention.toMillis();
        // Deletes are collected first: deleting while iterating is not guaranteed by every store.
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(seen::delete);
        if (!expired.isEmpty()) {
            LOG.info("forgot {} article ids first seen before {}", expired.size(), Instant.ofEpochMilli(cutoff));
        }
    }
}
