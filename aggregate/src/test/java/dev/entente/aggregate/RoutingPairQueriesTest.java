package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances in one JVM, each owning some pairs, each answering through its own HTTP API. */
class RoutingPairQueriesTest {

    private static final Instant NOW = Instant.parse("2025-03-10T18:30:00Z");
    private static final Instant OTHER_CLOCK = Instant.parse("2025-03-10T18:31:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final InstanceQueries localA = new InstanceQueries(Map.of(
            "FR-UA", new PairCounts(4, 2), "BY-RU", new PairCounts(1, 1)));
    private final InstanceQueries localB = new InstanceQueries(Map.of(
            "KP-RU", new PairCounts(9, 3), "CN-RU", new PairCounts(2, 2)));
    private ApiServer serverA;
    private ApiServer serverB;
    private HostInfo hostA;
    private HostInfo hostB;
    private RoutingPairQueries routingA;

    @BeforeEach
    void startTwoInstances() {
        Deferred deferredA = new Deferred();
        Deferred deferredB = new Deferred();
        // B's clock differs from A's: forwarded queries must use the time of the original request.
        serverA = ApiServer.start("127.0.0.1", 0, deferredA, () -> true, Clock.fixed(NOW, ZoneOffset.UTC));
        serverB = ApiServer.start("127.0.0.1", 0, deferredB, () -> true, Clock.fixed(OTHER_CLOCK, ZoneOffset.UTC));
        hostA = new HostInfo("127.0.0.1", serverA.port());
        hostB = new HostInfo("127.0.0.1", serverB.port());
        PairOwners owners = new PairOwners() {
            @Override
            public Optional<HostInfo> ownerOf(String pair) {
                if (Set.of("FR-UA", "BY-RU").contains(pair)) {
                    return Optional.of(hostA);
                }
                return pair.equals("DE-PL") ? Optional.empty() : Optional.of(hostB);
            }

            @Override
            public Set<HostInfo> all() {
                return Set.of(hostA, hostB);
            }
        };
        routingA = new RoutingPairQueries(localA, hostA, owners, HTTP);
        deferredA.target = routingA;
        deferredB.target = new RoutingPairQueries(localB, hostB, owners, HTTP);
    }

    @AfterEach
    void stopInstances() {
        serverA.close();
        serverB.close();
    }

    @Test
    void mergesTheTopPairsOfEveryInstance() {
        assertThat(routingA.top(Window.DEFAULT, 3, Optional.empty(), NOW))
                .containsExactly(
                        new PairTotal("KP-RU", 9, 3), new PairTotal("FR-UA", 4, 2), new PairTotal("CN-RU", 2, 2));
        assertThat(localB.lastNow).isEqualTo(NOW);
    }

    @Test
    void passesTheCountryFilterToEveryInstance() {
        assertThat(routingA.top(Window.ALL, 20, Optional.of("RU"), NOW))
                .extracting(PairTotal::pair)
                .containsExactly("KP-RU", "CN-RU", "BY-RU");
    }

    @Test
    void answersAPairItOwnsFromItsOwnStores() {
        PairSeries series = routingA.series("UA-FR", Window.DEFAULT, Bucket.DAY, NOW);

        assertThat(series.pair()).isEqualTo("FR-UA");
        assertThat(series.mentions()).isEqualTo(4);
        assertThat(localA.seriesCalls.get()).isEqualTo(1);
        assertThat(localB.seriesCalls.get()).isZero();
    }

    @Test
    void forwardsAPairOwnedElsewhereToItsOwnerOnce() {
        PairSeries series = routingA.series("KP-RU", Window.parse("30d"), Bucket.DAY, NOW);

        assertThat(series).isEqualTo(new PairSeries(
                "KP-RU", NOW.minus(Duration.ofDays(30)), NOW, 9, 3,
                List.of(new SeriesPoint(Bucket.DAY.floor(NOW), 9, 3))));
        assertThat(localB.seriesCalls.get()).isEqualTo(1);
        assertThat(localB.lastNow).isEqualTo(NOW);
    }

    @Test
    void reportsNotReadyWhenNoInstanceOwnsThePairYetAndNoCopyIsHere() {
        assertThatThrownBy(() -> routingA.series("DE-PL", Window.DEFAULT, Bucket.DAY, NOW))
                .isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void answersFromItsOwnCopyWhenThePairsOwnerDoesNotAnswer() {
        localA.counts.put("KP-RU", new PairCounts(9, 3));
        serverB.close();

        assertThat(routingA.series("KP-RU", Window.DEFAULT, Bucket.DAY, NOW).mentions()).isEqualTo(9);
    }

    @Test
    void reportsNotReadyWhenThePairsOwnerDoesNotAnswerAndNoCopyIsHere() {
        serverB.close();

        assertThatThrownBy(() -> routingA.series("KP-RU", Window.DEFAULT, Bucket.DAY, NOW))
                .isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void reportsNotReadyWhenAnotherInstanceDoesNotAnswer() {
        serverB.close();

        assertThatThrownBy(() -> routingA.top(Window.DEFAULT, 20, Optional.empty(), NOW))
                .isInstanceOf(InvalidStateStoreException.class);
    }

    /** Lets a server start before the queries that need its port exist. */
    private static final class Deferred implements PairQueries {
        volatile PairQueries target;

        @Override
        public List<PairTotal> top(Window window, int limit, Optional<String> country, Instant now) {
            return target.top(window, limit, country, now);
        }

        @Override
        public PairSeries series(String pair, Window window, Bucket bucket, Instant now) {
            return target.series(pair, window, bucket, now);
        }

        @Override
        public PairQueries local() {
            return target.local();
        }
    }

    /** One instance's stores: fixed counts per pair, whatever the window. */
    private static final class InstanceQueries implements PairQueries {
        final Map<String, PairCounts> counts;
        final AtomicInteger seriesCalls = new AtomicInteger();
        volatile Instant lastNow;

        InstanceQueries(Map<String, PairCounts> counts) {
            this.counts = new ConcurrentHashMap<>(counts);
        }

        @Override
        public List<PairTotal> top(Window window, int limit, Optional<String> country, Instant now) {
            lastNow = now;
            List<PairTotal> totals = counts.entrySet().stream()
                    .map(entry -> PairTotal.of(entry.getKey(), entry.getValue()))
                    .toList();
            return PairRanking.rank(totals, limit, country);
        }

        @Override
        public PairSeries series(String pair, Window window, Bucket bucket, Instant now) {
            lastNow = now;
            seriesCalls.incrementAndGet();
            PairCounts total = counts.get(pair);
            if (total == null) {
                // Like LocalPairQueries: a pair neither held nor copied here is not answered as zeros.
                throw new InvalidStateStoreException("neither an active task nor a fresh copy holds " + pair);
            }
            return new PairSeries(pair, window.from(now), now, total.mentions(), total.articles(),
                    List.of(new SeriesPoint(bucket.floor(now), total.mentions(), total.articles())));
        }
    }
}
