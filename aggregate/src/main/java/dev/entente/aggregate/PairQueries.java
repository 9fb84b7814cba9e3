package dev.entente.aggregate;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The questions the HTTP API asks of the aggregate stream's state.
 *
 * <p>Both methods throw {@link IllegalArgumentException} for a query that cannot be answered as
 * asked (bad limit, a series with too many points), and
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores are not
 * queryable yet, e.g. during a rebalance.
 */
public interface PairQueries {

    /**
     * The most mentioned pairs in the window ending at {@code now}, ordered by {@link PairRanking}.
     *
     * @param limit 1..{@value PairRanking#MAX_LIMIT}
     * @param country an upper-case ISO 3166-1 alpha-2 code; when present, only pairs including it
     */
    List<PairTotal> top(Window window, int limit, Optional<String> country, Instant now);

    /**
     * One pair's totals and series over the window ending at {@code now}; zeros when the pair has
     * no data.
     *
     * @param pair a pair in any order, e.g. {@code RU-KP}; it is answered in its sorted form
     */
    PairSeries series(String pair, Window window, Bucket bucket, Instant now);

    /**
     * The queries answering from this instance's stores only, used for requests that another
     * instance already forwarded here. For a single-instance implementation, itself.
     */
    default PairQueries local() {
        return this;
    }

    /**
     * The queries for a running aggregate stream: when {@code streamsConfig} names an
     * {@value StreamsConfig#APPLICATION_SERVER_CONFIG} (this instance's API as other instances
     * reach it), a {@link RoutingPairQueries} that answers for every pair of the cluster; else a
     * {@link LocalPairQueries} over this instance's stores, enough for a single instance.
     *
     * @param http used only to forward to other instances; owned by the caller
     */
    static PairQueries forStreams(KafkaStreams streams, Properties streamsConfig, HttpClient http) {
        LocalPairQueries local = new LocalPairQueries(PairStores.of(streams));
        String applicationServer = streamsConfig.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, "");
        if (applicationServer.isBlank()) {
            return local;
        }
        HostInfo self = HostInfo.buildFromEndpoint(applicationServer);
        return new RoutingPairQueries(local, self, PairOwners.of(streams), http);
    }
}
