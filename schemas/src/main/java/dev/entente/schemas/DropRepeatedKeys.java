package dev.entente.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a record the first time its key (an article id) is seen and drops later records with
 * the same key, so an article that ingest sends again (after a crash between sending and saving its
 * cursor, or a restart) is processed once.
 *
 * <p>The store maps the key to the wall-clock time it was first seen. Keys are kept for
 * {@code retention} and purged by a wall-clock punctuator every {@code purgeInterval}: feeds keep an
 * item for days, rarely for weeks, so a redelivery later than the retention is not expected, and
 * keeping keys forever would grow the store without bound. Wall-clock time, not event time, because
 * redeliveries come from re-polling feeds, which happens in real time whatever the article's date.
 *
 * <p>Works partition-locally: the topics it reads are keyed by article id, so every delivery of an
 * id reaches the same task and store. Under exactly-once the store update and the output commit
 * together, so a crash can neither lose nor double a record here.
 */
public final class DropRepeatedKeys<V> implements FixedKeyProcessor<String, V, V> {

    /** Default for how long an article id is remembered. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Default for how often expired ids are purged. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(DropRepeatedKeys.class);

    private final String storeName;
    private final Duration retention;
    private final Duration purgeInterval;
    private FixedKeyProcessorContext<String, V> context;
    private KeyValueStore<String, Long> seen;

    public DropRepeatedKeys(String storeName, Duration retention, Duration purgeInterval) {
        this.storeName = storeName;
        this.retention = retention;
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purgeOlderThanRetention);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String key = record.key();
        Long firstSeen = seen.get(key);
        if (firstSeen != null) {
            LOG.debug("{}: {} already seen at {}, dropping the repeat", storeName, key, Instant.ofEpochMilli(firstSeen));
            return;
        }
        seen.put(key, context.currentSystemTimeMs());
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
            LOG.info("{}: forgot {} ids first seen before {}", storeName, expired.size(), Instant.ofEpochMilli(cutoff));
        }
    }
}
