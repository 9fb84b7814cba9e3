package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiServerTest {

    private static final Instant NOW = Instant.parse("2025-03-10T18:30:00Z");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeQueries queries = new FakeQueries();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private ApiServer server;

    @BeforeEach
    void startServer() {
        server = ApiServer.start("127.0.0.1", 0, queries, healthy::get, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void listsTopPairsWithTheWindowBounds() throws Exception {
        HttpResponse<String> response = get("/api/v1/pairs?window=7d&limit=5&country=ru");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("window").asText()).isEqualTo("7d");
        assertThat(body.get("from").asText()).isEqualTo("2025-03-03T18:30:00Z");
        assertThat(body.get("to").asText()).isEqualTo("2025-03-10T18:30:00Z");
        assertThat(body.get("pairs").get(0).toString()).isEqualTo("{\"pair\":\"KP-RU\",\"mentions\":5,\"articles\":2}");
        assertThat(queries.limit).isEqualTo(5);
        assertThat(queries.country).contains("RU");
    }

    @Test
    void defaultsToSevenDaysAndTwentyPairs() throws Exception {
        HttpResponse<String> response = get("/api/v1/pairs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(queries.window).isEqualTo(Window.parse("7d"));
        assertThat(queries.limit).isEqualTo(ApiServer.DEFAULT_LIMIT);
        assertThat(queries.country).isEmpty();
    }

    @Test
    void answersAPairsSeriesInTheContractShape() throws Exception {
        HttpResponse<String> response = get("/api/v1/pairs/KP-RU?window=30d&bucket=1d");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"pair": "KP-RU", "window": "30d", "mentions": 9, "articles": 4,
                 "series": [{"start": "2025-03-10T00:00:00Z", "mentions": 9, "articles": 4}]}
                """));
        assertThat(queries.bucket).isEqualTo(Bucket.DAY);
    }

    @Test
    void answersAnUnsortedPairAsItsSortedForm() throws Exception {
        HttpResponse<String> response = get("/api/v1/pairs/ru-kp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(queries.pair).isEqualTo("KP-RU");
        assertThat(JSON.readTree(response.body()).get("pair").asText()).isEqualTo("KP-RU");
    }

    @Test
    void picksHourlyBucketsForShortWindowsAndDailyForLongOnes() throws Exception {
        get("/api/v1/pairs/KP-RU?window=48h");
        assertThat(queries.bucket).isEqualTo(Bucket.HOUR);
        get("/api/v1/pairs/KP-RU");
        assertThat(queries.window).isEqualTo(Window.DEFAULT);
        assertThat(queries.bucket).isEqualTo(Bucket.DAY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/pairs/KPRU|pair must be two ISO 3166-1 alpha-2 codes",
        "/api/v1/pairs/XX-RU|unknown country code 'XX'",
        "/api/v1/pairs/RU-RU|two different countries",
        "/api/v1/pairs?window=7w|window must be Nh, Nd or all",
        "/api/v1/pairs/KP-RU?window=0d|window must be between 1h and 3650d",
        "/api/v1/pairs?limit=0|limit must be between 1 and 1000",
        "/api/v1/pairs?limit=1001|limit must be between 1 and 1000",
        "/api/v1/pairs?limit=ten|limit must be a whole number",
        "/api/v1/pairs?country=XX|country must be an ISO 3166-1 alpha-2 code",
        "/api/v1/pairs/KP-RU?bucket=1w|bucket must be 1h or 1d",
        "/api/v1/pairs?window=|window must be Nh, Nd or all",
    })
    void rejectsBadInputWith400AndAMessage(String path, String message) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("error").asText()).contains(message);
    }

    @Test
    void passesOnAQueryTheStoresCannotAnswerAs400() throws Exception {
        queries.failure = new IllegalArgumentException("too many points");

        HttpResponse<String> response = get("/api/v1/pairs/KP-RU?window=400d&bucket=1h");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("too many points");
    }

    @Test
    void answers404ForAnUnknownPath() throws Exception {
        for (String path : List.of("/nothing", "/api/v1/pairs/KP-RU/more", "/api/v1/pairs/")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void answers405ForAMethodOtherThanGet() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(server.address().resolve("/api/v1/pairs"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void answers503WhileTheStoresAreNotReady() throws Exception {
        queries.failure = new InvalidStateStoreException("rebalancing");

        HttpResponse<String> response = get("/api/v1/pairs");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(ApiServer.NOT_READY);
    }

    @Test
    void answers500WithoutDetailsForAnUnexpectedFailure() throws Exception {
        queries.failure = new IllegalStateException("secret internals");

        HttpResponse<String> response = get("/api/v1/pairs");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret").doesNotContain("Exception");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(500);
    }

    @Test
    void reportsHealthUpOrDown() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");

        healthy.set(false);
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).get("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void tellsTheRealPortWhenAskedForAnyFreePort() {
        assertThat(server.port()).isPositive();
        assertThat(server.address()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    }

    @Test
    void servesHealthAndErrorsWithoutPairQueries() throws Exception {
        try (ApiServer bare = ApiServer.start("127.0.0.1", 0, healthy::get, Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(get(bare, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> pairs = get(bare, "/api/v1/pairs");
            assertThat(pairs.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(pairs.body()).get("status").asInt()).isEqualTo(404);
            assertThat(bare.paths()).containsExactly("/api/v1/openapi.json", "/health");
        }
    }

    @Test
    void answersAnExtraJsonRouteWithTheSuppliersValue() throws Exception {
        server.json("/api/v1/feeds", () -> new Feeds(List.of(new Feed("world-news", NOW))));

        HttpResponse<String> response = get("/api/v1/feeds");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"feeds": [{"id": "world-news", "nextPoll": "2025-03-10T18:30:00Z"}]}
                """));
        assertThat(server.paths()).contains("/api/v1/feeds", "/api/v1/pairs", "/api/v1/pairs/{pair}", "/health");
    }

    @Test
    void answersAnExtraTextRouteInItsContentType() throws Exception {
        server.text("/metrics", "text/plain; version=0.0.4", () -> "entente_up 1\n");

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4");
        assertThat(response.body()).isEqualTo("entente_up 1\n");
    }

    @Test
    void refusesAnExtraRouteOnAPathAlreadyServed() {
        server.json("/api/v1/feeds", List::of);

        assertThatThrownBy(() -> server.json("/api/v1/feeds", List::of)).hasMessageContaining("already has a route");
        assertThatThrownBy(() -> server.json("/health", List::of)).hasMessageContaining("served by the API itself");
    }

    @Test
    void answersAnExtraRouteThatFailsLikeAnyOther() throws Exception {
        server.json("/api/v1/broken", () -> {
            throw new IllegalStateException("secret internals");
        });

        HttpResponse<String> response = get("/api/v1/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void describesInItsOpenApiDocumentExactlyTheRoutesItServes() throws Exception {
        // The routes other modules add where they run: ingest's feeds, the process's metrics.
        server.json("/api/v1/feeds", () -> new Feeds(List.of()));
        server.text("/metrics", "text/plain; version=0.0.4", () -> "");

        HttpResponse<String> response = get(ApiServer.OPENAPI_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> described = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(described::add);
        assertThat(described).containsExactlyInAnyOrderElementsOf(server.paths());
        for (String path : described) {
            String concrete = path.replace("{pair}", "KP-RU");
            assertThat(get(concrete).statusCode()).as(path).isEqualTo(200);
            assertThat(document.get("paths").get(path).fieldNames()).toIterable().as(path).containsExactly("get");
            assertThat(document.get("paths").get(path).get("get").get("responses").has("200")).as(path).isTrue();
        }
    }

    @Test
    void describesEveryParameterThePairRoutesRead() throws Exception {
        JsonNode paths = ApiServer.openApiDocument().get("paths");

        assertThat(parameterNames(paths.get("/api/v1/pairs"))).containsExactlyInAnyOrder("window", "limit", "country");
        assertThat(parameterNames(paths.get("/api/v1/pairs/{pair}"))).containsExactlyInAnyOrder("pair", "window", "bucket");
    }

    private static List<String> parameterNames(JsonNode path) {
        JsonNode components = ApiServer.openApiDocument().get("components").get("parameters");
        List<String> names = new ArrayList<>();
        path.get("get").get("parameters").forEach(parameter -> {
            JsonNode resolved = parameter.has("$ref")
                    ? components.get(parameter.get("$ref").asText().substring("#/components/parameters/".length()))
                    : parameter;
            names.add(resolved.get("name").asText());
        });
        return names;
    }

    record Feed(String id, Instant nextPoll) {}

    record Feeds(List<Feed> feeds) {}

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(server, pathAndQuery);
    }

    private static HttpResponse<String> get(ApiServer target, String pathAndQuery)
            throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(target.address() + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Remembers the last query and answers canned data, or fails as told. */
    private static final class FakeQueries implements PairQueries {
        volatile Window window;
        volatile int limit;
        volatile Optional<String> country;
        volatile String pair;
        volatile Bucket bucket;
        volatile RuntimeException failure;

        @Override
        public List<PairTotal> top(Window window, int limit, Optional<String> country, Instant now) {
            this.window = window;
            this.limit = limit;
            this.country = country;
            failIfTold();
            return List.of(new PairTotal("KP-RU", 5, 2), new PairTotal("BY-RU", 3, 1));
        }

        @Override
        public PairSeries series(String pair, Window window, Bucket bucket, Instant now) {
            this.pair = pair;
            this.window = window;
            this.bucket = bucket;
            failIfTold();
            return new PairSeries(pair, window.from(now), now, 9, 4,
                    List.of(new SeriesPoint(Bucket.DAY.floor(now), 9, 4)));
        }

        private void failIfTold() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
