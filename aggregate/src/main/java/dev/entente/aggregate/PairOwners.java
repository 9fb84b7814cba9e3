package dev.entente.aggregate;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which aggregate instance (by its {@code application.server} host and port) holds which pairs.
 * Both count stores live in the same sub-topology, so one pair's hourly buckets and total are
 * always on the same instance.
 */
public interface PairOwners {

    /** The instance holding the pair's active store; empty while unknown, e.g. during a rebalance. */
    Optional<HostInfo> ownerOf(String pair);

    /** Every instance holding a part of the count stores. */
    Set<HostInfo> all();

    /** Ownership as the running stream's metadata tells it. */
    static PairOwners of(KafkaStreams streams) {
        return new PairOwners() {
            @Override
            public Optional<HostInfo> ownerOf(String pair) {
                KeyQueryMetadata metadata =
                        streams.queryMetadataForKey(AggregateTopology.TOTALS_STORE, pair, Serdes.String().serializer());
                if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                    return Optional.empty();
                }
                return Optional.of(metadata.activeHost());
            }

            @Override
            public Set<HostInfo> all() {
                return streams.streamsMetadataForStore(AggregateTopology.TOTALS_STORE).stream()
                        .map(StreamsMetadata::hostInfo)
                        .collect(Collectors.toUnmodifiableSet());
            }
        };
    }
}
