package dev.entente.aggregate;

import dev.entente.schemas.PairCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Sends one {@code PairCount} per pair whose counts changed, at most once per pair per interval,
 * so a burst of articles about a pair makes one update rather than one per article.
 *
 * <p>Each contribution marks its pair in the store {@value AggregateTopology#DIRTY_PAIRS_STORE}
 * (pair → wall-clock time first marked). A wall-clock punctuator every interval reads each marked
 * pair's hourly buckets and total from the count stores, sends its {@link RollingCounts} as of the
 * punctuation time, and unmarks it. The marks are in a logged store, so a pair marked just before a
 * crash or a move to another instance is still sent; under exactly-once, the update and the unmark
 * commit together.
 *
 * <p>Updates follow new articles only: a pair whose rolling counts shrink because time passes
 * sends nothing until its next article; the API always answers the current window.
 */
final class EmitPairCounts implements Processor<String, PairCounts, String, PairCount> {

    private final Duration interval;
    private ProcessorContext<String, PairCount> context;
    private KeyValueStore<String, Long> dirty;
    private TimestampedWindowStore<String, PairCounts> hourly;
    private TimestampedKeyValueStore<String, PairCounts> totals;

    EmitPairCounts(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, PairCount> context) {
        this.context = context;
        this.dirty = context.getStateStore(AggregateTopology.DIRTY_PAIRS_STORE);
        this.hourly = context.getStateStore(AggregateTopology.HOURLY_STORE);
        this.totals = context.getStateStore(AggregateTopology.TOTALS_STORE);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::emitChangedPairs);
    }

    @Override
    public void process(Record<String, PairCounts> contribution) {
        if (dirty.get(contribution.key()) == null) {
            dirty.put(contribution.key(), context.currentSystemTimeMs());
        }
    }

    private void emitChangedPairs(long nowMillis) {
        // Deletes are collected first: deleting while iterating is not guaranteed by every store.
        List<String> changed = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = dirty.all()) {
            all.forEachRemaining((KeyValue<String, Long> entry) -> changed.add(entry.key));
        }
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (String pair : changed) {
            context.forward(new Record<>(pair, toPairCount(pair, rollingCounts(pair, now)), nowMillis));
            dirty.delete(pair);
        }
    }

    private RollingCounts rollingCounts(String pair, Instant now) {
        Map<Instant, PairCounts> buckets = new HashMap<>();
        try (WindowStoreIterator<ValueAndTimestamp<PairCounts>> hours =
                hourly.fetch(pair, RollingCounts.LONGEST.from(now), now)) {
            hours.forEachRemaining(hour -> buckets.put(Instant.ofEpochMilli(hour.key), hour.value.value()));
        }
        PairCounts allTime = Optional.ofNullable(ValueAndTimestamp.getValueOrNull(totals.get(pair)))
                .orElse(PairCounts.ZERO);
        return RollingCounts.of(buckets, allTime, now);
    }

    static PairCount toPairCount(String pair, RollingCounts counts) {
        return PairCount.newBuilder()
                .setPair(pair)
                .setBucketStart(Instant.EPOCH)
                .setBucketEnd(counts.now())
                .setMentions(counts.allTime().mentions())
                .setArticles(counts.allTime().articles())
                .setMentionsLast24h(counts.last24h().mentions())
                .setArticlesLast24h(counts.last24h().articles())
                .setMentionsLast7d(counts.last7d().mentions())
                .setArticlesLast7d(counts.last7d().articles())
                .setMentionsLast30d(counts.last30d().mentions())
                .setArticlesLast30d(counts.last30d().articles())
                .build();
    }
}
