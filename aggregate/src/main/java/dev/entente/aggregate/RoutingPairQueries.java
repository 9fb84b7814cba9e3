package dev.entente.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.entente.schemas.Pairs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PairQueries} across every aggregate instance, for when several share the work (each
 * started with its own {@code application.server}).
 *
 * <ul>
 *   <li>A pair's series is answered by the instance that owns the pair: here, or forwarded over
 *       HTTP to the owner's API.
 *   <li>Top pairs are asked of every instance (in parallel) and merged. Each pair lives on exactly
 *       one instance, so the top N of the merged per-instance top-N lists is the global top N.
 * </ul>
 *
 * <p>A forwarded request carries {@value #FORWARDED_AT} with the query time, so every instance
 * computes the same window, and the receiver answers from its {@link #local()} stores, never
 * forwarding again (no ping-pong while two instances disagree during a rebalance). An instance
 * that does not answer makes the query fail as {@link InvalidStateStoreException} (HTTP 503): the
 * cluster is rebalancing or an instance is down, and a retry shortly after is the remedy.
 */
public final class RoutingPairQueries implements PairQueries {

    /** Header marking a request forwarded by another instance; its value is the query time. */
    public static final String FORWARDED_AT = "X-Entente-Forwarded-At";
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPairQueries.class);

    private final PairQueries local;
    private final HostInfo self;
    private final PairOwners owners;
    private final HttpClient http;

    /**
     * @param local answers from this instance's stores
     * @param self this instance's {@code application.server}
     * @param http shared by every forwarded request; owned by the caller
     */
    public RoutingPairQueries(PairQueries local, HostInfo self, PairOwners owners, HttpClient http) {
        this.local = local;
        this.self = self;
        this.owners = owners;
        this.http = http;
    }

    @Override
    public PairQueries local() {
        return local;
    }

    @Override
    public List<PairTotal> top(Window window, int limit, Optional<String> country, Instant now) {
        PairRanking.requireValidLimit(limit);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("window", window.text());
        query.put("limit", Integer.toString(limit));
        country.ifPresent(code -> query.put("country", code));
        List<CompletableFuture<List<PairTotal>>> answers = new ArrayList<>();
        boolean selfAsked = false;
        for (HostInfo host : owners.all()) {
            if (host.equals(self)) {
                selfAsked = true;
            } else {
                answers.add(get(host, ApiServer.PAIRS_PATH, query, now)
                        .thenApply(body -> read(body, ApiServer.TopPairs.class).pairs()));
            }
        }
        List<PairTotal> merged = new ArrayList<>();
        if (selfAsked || answers.isEmpty()) {
            merged.addAll(local.top(window, limit, country, now));
        }
        answers.forEach(answer -> merged.addAll(await(answer)));
        return PairRanking.rank(merged, limit, country);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Asked of the pair's owner. When no owner is known or it does not answer (a rebalance, an
     * instance that just stopped), this instance answers if it holds the pair or a fresh enough
     * standby copy of it; otherwise the query fails as {@link InvalidStateStoreException} (503).
     */
    @Override
    public PairSeries series(String pair, Window window, Bucket bucket, Instant now) {
        String sortedPair = Pairs.parse(pair);
        Optional<HostInfo> owner = owners.ownerOf(sortedPair);
        if (owner.isEmpty() || owner.get().equals(self)) {
            return local.series(sortedPair, window, bucket, now);
        }
        Map<String, String> query = Map.of("window", window.text(), "bucket", bucket.text());
        ApiServer.PairHistory history;
        try {
            history = read(await(get(owner.get(), ApiServer.PAIRS_PATH + "/" + sortedPair, query, now)),
                    ApiServer.PairHistory.class);
        } catch (InvalidStateStoreException ownerNotReady) {
            LOG.debug("owner {} of {} cannot answer ({}); trying this instance's copy",
                    owner.get(), sortedPair, ownerNotReady.getMessage());
            return local.series(sortedPair, window, bucket, now);
        }
        return new PairSeries(
                history.pair(), window.from(now), now, history.mentions(), history.articles(), history.series());
    }

    private CompletableFuture<String> get(HostInfo host, String path, Map<String, String> query, Instant now) {
        StringBuilder target = new StringBuilder("http://").append(host.host()).append(':').append(host.port()).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target.append(separator)
                    .append(parameter.getKey())
                    .append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        URI uri = URI.create(target.toString());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header(FORWARDED_AT, now.toString())
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (status == 400) {
                throw new IllegalArgumentException(read(response.body(), ApiServer.ApiError.class).error());
            }
            if (status == 503) {
                throw new InvalidStateStoreException("instance " + host + " is not ready: " + response.body());
            }
            throw new IllegalStateException("instance " + host + " answered " + status + " to " + uri);
        });
    }

    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            LOG.warn("another aggregate instance did not answer: {}", String.valueOf(cause));
            throw new InvalidStateStoreException("another aggregate instance did not answer: " + cause, cause);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return ApiServer.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer from another instance: " + e.getOriginalMessage(), e);
        }
    }
}
