package dev.entente.aggregate;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Read access to the aggregate stream's two count stores. Production code reads them through
 * {@link #of(KafkaStreams)}; tests hand in the stores of a {@code TopologyTestDriver}.
 */
public interface PairStores {

    /** {@value AggregateTopology#HOURLY_STORE}: counts per pair and UTC hour. */
    ReadOnlyWindowStore<String, PairCounts> hourly();

    /** {@value AggregateTopology#TOTALS_STORE}: all-time counts per pair. */
    ReadOnlyKeyValueStore<String, PairCounts> totals();

    /**
     * The stores of this instance's active tasks. Each call looks the store up again, so a query
     * after a rebalance sees the newly assigned partitions; the lookup throws
     * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while they are not ready.
     */
    static PairStores of(KafkaStreams streams) {
        return new PairStores() {
            @Override
            public ReadOnlyWindowStore<String, PairCounts> hourly() {
                return streams.store(StoreQueryParameters.fromNameAndType(
                        AggregateTopology.HOURLY_STORE, QueryableStoreTypes.<String, PairCounts>windowStore()));
            }

            @Override
            public ReadOnlyKeyValueStore<String, PairCounts> totals() {
                return streams.store(StoreQueryParameters.fromNameAndType(
                        AggregateTopology.TOTALS_STORE, QueryableStoreTypes.<String, PairCounts>keyValueStore()));
            }
        };
    }
}
