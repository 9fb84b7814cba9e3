package dev.entente.aggregate;

import dev.entente.schemas.Pairs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Answers {@link PairQueries} from the stores this instance holds.
 *
 * <p>A rolling window sums the hourly buckets whose start lies in {@code [now - window, now]}.
 * Its {@code articles} is the sum of the buckets' article counts, which is exact: an article has
 * one event time and so falls into exactly one bucket. {@code all} reads the all-time totals store,
 * which also holds what is older than the hourly store's retention or arrived after the grace
 * period; its series is built from the hourly store and may therefore sum to less.
 *
 * <p>Scope: only the partitions assigned to this instance are seen. That is all of them when one
 * instance runs (the {@code run} command, or a single {@code aggregate}); with several instances
 * a caller must route a pair's query to the instance owning the pair (see
 * {@code KafkaStreams.queryMetadataForKey}) and gather top pairs from every instance.
 */
public final class LocalPairQueries implements PairQueries {

    /** The most points a series may have; a longer one is refused rather than built. */
    public static final int MAX_SERIES_POINTS = 10_000;

    private final PairStores stores;

    public LocalPairQueries(PairStores stores) {
        this.stores = stores;
    }

    @Override
    public List<PairTotal> top(Window window, int limit, Optional<String> country, Instant now) {
        PairRanking.requireValidLimit(limit);
        List<PairTotal> totals = new ArrayList<>();
        if (window.isAll()) {
            try (KeyValueIterator<String, PairCounts> all = stores.totals().all()) {
                all.forEachRemaining(entry -> totals.add(PairTotal.of(entry.key, entry.value)));
            }
        } else {
            Map<String, PairCounts> sums = new HashMap<>();
            try (KeyValueIterator<Windowed<String>, PairCounts> buckets =
                    stores.hourly().fetchAll(window.from(now), now)) {
                buckets.forEachRemaining(bucket -> sums.merge(bucket.key.key(), bucket.value, PairCounts::add));
            }
            sums.forEach((pair, counts) -> totals.add(PairTotal.of(pair, counts)));
        }
        return PairRanking.rank(totals, limit, country);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from the active task holding the pair; when this instance holds none (it is not the
     * owner, or a rebalance is under way), from a fresh enough copy ({@link PairStores#freshCopyFor});
     * else {@link InvalidStateStoreException}.
     */
    @Override
    public PairSeries series(String pair, Window window, Bucket bucket, Instant now) {
        String sortedPair = Pairs.parse(pair);
        try {
            return series(stores.activeFor(sortedPair), sortedPair, window, bucket, now);
        } catch (InvalidStateStoreException notActiveHere) {
            Optional<PairStores> copy = stores.freshCopyFor(sortedPair);
            if (copy.isEmpty()) {
                throw notActiveHere;
            }
            return series(copy.get(), sortedPair, window, bucket, now);
        }
    }

    private static PairSeries series(PairStores stores, String sortedPair, Window window, Bucket bucket, Instant now) {
        Instant from = window.from(now);
        if (!window.isAll()) {
            requireFewEnoughPoints(window, bucket, bucket.floor(from), now);
        }
        TreeMap<Instant, PairCounts> perBucket = new TreeMap<>();
        try (WindowStoreIterator<PairCounts> hours = stores.hourly().fetch(sortedPair, from, now)) {
            while (hours.hasNext()) {
                KeyValue<Long, PairCounts> hour = hours.next();
                perBucket.merge(bucket.floor(Instant.ofEpochMilli(hour.key)), hour.value, PairCounts::add);
            }
        }
        PairCounts total;
        Optional<Instant> firstPoint;
        if (window.isAll()) {
            total = Optional.ofNullable(stores.totals().get(sortedPair)).orElse(PairCounts.ZERO);
            firstPoint = perBucket.isEmpty() ? Optional.empty() : Optional.of(perBucket.firstKey());
        } else {
            total = perBucket.values().stream().reduce(PairCounts.ZERO, PairCounts::add);
            firstPoint = Optional.of(bucket.floor(from));
        }
        List<SeriesPoint> series = new ArrayList<>();
        if (firstPoint.isPresent()) {
            requireFewEnoughPoints(window, bucket, firstPoint.get(), now);
            for (Instant start = firstPoint.get(); !start.isAfter(now); start = start.plus(bucket.duration())) {
                PairCounts counts = perBucket.getOrDefault(start, PairCounts.ZERO);
                series.add(new SeriesPoint(start, counts.mentions(), counts.articles()));
            }
        }
        return new PairSeries(sortedPair, from, now, total.mentions(), total.articles(), series);
    }

    private static void requireFewEnoughPoints(Window window, Bucket bucket, Instant first, Instant now) {
        long points = Duration.between(first, bucket.floor(now)).dividedBy(bucket.duration()) + 1;
        if (points > MAX_SERIES_POINTS) {
            throw new IllegalArgumentException("window " + window + " in " + bucket + " buckets makes " + points
                    + " points, more than " + MAX_SERIES_POINTS + "; use a wider bucket or a shorter window");
        }
    }
}
