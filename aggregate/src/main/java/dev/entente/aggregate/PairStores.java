package dev.entente.aggregate;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read access to the aggregate stream's two count stores. Production code reads them through
 * {@link #of(KafkaStreams)}; tests hand in the stores of a {@code TopologyTestDriver}.
 */
public interface PairStores {

    /**
     * How far (in changelog records) a standby copy may be behind its active task and still answer
     * a query: about a second of traffic at the rates the benchmark reaches. A copy further behind
     * answers 503 instead, since its counts would be visibly old.
     */
    long MAX_STANDBY_LAG = 1_000;

    /** {@value AggregateTopology#HOURLY_STORE}: counts per pair and UTC hour. */
    ReadOnlyWindowStore<String, PairCounts> hourly();

    /** {@value AggregateTopology#TOTALS_STORE}: all-time counts per pair. */
    ReadOnlyKeyValueStore<String, PairCounts> totals();

    /**
     * The stores to read one pair from: those of the active task holding the pair, which throw
     * {@link InvalidStateStoreException} when this instance does not hold it. The default (tests,
     * one store holding everything) is these stores.
     */
    default PairStores activeFor(String pair) {
        return this;
    }

    /**
     * A copy of the pair's stores on this instance, a standby or a restoring active task, that is
     * at most {@link #MAX_STANDBY_LAG} behind; empty when there is none.
     */
    default Optional<PairStores> freshCopyFor(String pair) {
        return Optional.empty();
    }

    /**
     * The stores of a running aggregate stream. Reads of all pairs are answered only while the
     * stream is RUNNING: during a rebalance part of the partitions may be missing, and a partial
     * list must not pass for a whole one, so they throw {@link InvalidStateStoreException} (HTTP
     * 503). Each call looks the stores up again, so a query after a rebalance sees the newly
     * assigned partitions.
     */
    static PairStores of(KafkaStreams streams) {
        return new StreamsPairStores(streams, Optional.empty(), false);
    }

    /** {@link PairStores} over a running {@link KafkaStreams}, optionally pinned to one partition. */
    final class StreamsPairStores implements PairStores {

        private static final Logger LOG = LoggerFactory.getLogger(PairStores.class);

        private final KafkaStreams streams;
        private final Optional<Integer> partition;
        private final boolean stale;

        private StreamsPairStores(KafkaStreams streams, Optional<Integer> partition, boolean stale) {
            this.streams = streams;
            this.partition = partition;
            this.stale = stale;
        }

        @Override
        public ReadOnlyWindowStore<String, PairCounts> hourly() {
            return store(AggregateTopology.HOURLY_STORE, QueryableStoreTypes.<String, PairCounts>windowStore());
        }

        @Override
        public ReadOnlyKeyValueStore<String, PairCounts> totals() {
            return store(AggregateTopology.TOTALS_STORE, QueryableStoreTypes.<String, PairCounts>keyValueStore());
        }

        @Override
        public PairStores activeFor(String pair) {
            return new StreamsPairStores(streams, Optional.of(partitionOf(pair)), false);
        }

        @Override
        public Optional<PairStores> freshCopyFor(String pair) {
            int partitionOfPair = partitionOf(pair);
            Map<String, Map<Integer, LagInfo>> lags;
            try {
                lags = streams.allLocalStorePartitionLags();
            } catch (StreamsException e) {
                LOG.debug("no store lags while the stream is {}: {}", streams.state(), e.getMessage());
                return Optional.empty();
            }
            for (String store : new String[] {AggregateTopology.HOURLY_STORE, AggregateTopology.TOTALS_STORE}) {
                LagInfo lag = lags.getOrDefault(store, Map.of()).get(partitionOfPair);
                if (lag == null || lag.offsetLag() > MAX_STANDBY_LAG) {
                    return Optional.empty();
                }
            }
            return Optional.of(new StreamsPairStores(streams, Optional.of(partitionOfPair), true));
        }

        private int partitionOf(String pair) {
            KeyQueryMetadata metadata =
                    streams.queryMetadataForKey(AggregateTopology.TOTALS_STORE, pair, Serdes.String().serializer());
            if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw new InvalidStateStoreException("the partition of " + pair + " is not known yet");
            }
            return metadata.partition();
        }

        private <T> T store(String name, QueryableStoreType<T> type) {
            if (partition.isEmpty() && streams.state() != KafkaStreams.State.RUNNING) {
                throw new InvalidStateStoreException(
                        "the aggregate stream is " + streams.state() + ", so a list of all pairs could be partial");
            }
            StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(name, type);
            if (partition.isPresent()) {
                parameters = parameters.withPartition(partition.get());
            }
            if (stale) {
                parameters = parameters.enableStaleStores();
            }
            return streams.store(parameters);
        }
    }
}
