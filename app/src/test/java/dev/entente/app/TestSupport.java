package dev.entente.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What the integration tests share: free ports, the API over HTTP, and waiting with a deadline. */
final class TestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);

    private TestSupport() {}

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    static HttpResponse<String> get(URI uri) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The status code, or -1 while nothing answers. */
    static int status(URI uri) {
        try {
            return get(uri).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * pair -> "mentions=N articles=M" from a {@code /api/v1/pairs} answer, in pair order; empty while
     * the API does not answer 200 (starting, rebalancing, stopping).
     */
    static Map<String, String> pairCounts(URI pairs) {
        Map<String, String> counts = new TreeMap<>();
        try {
            HttpResponse<String> response = get(pairs);
            if (response.statusCode() != 200) {
                return Map.of();
            }
            for (JsonNode pair : AvroJson.MAPPER.readTree(response.body()).path("pairs")) {
                counts.put(pair.path("pair").asText(),
                        "mentions=" + pair.path("mentions").asLong() + " articles=" + pair.path("articles").asLong());
            }
        } catch (IOException e) {
            return Map.of();
        }
        return counts;
    }

    /**
     * Writes {@code dir/entente.yml}: the embedded broker and state under {@code dir}, the API on
     * {@code apiPort}, and one feed polled at {@code interval}.
     */
    static Path writeConfig(Path dir, int apiPort, String feedId, String feedUrl, String interval) throws IOException {
        Path file = dir.resolve("entente.yml");
        Files.writeString(file, """
                embedded:
                  port: %d
                  dataDir: %s
                api:
                  port: %d
                streams:
                  state.dir: %s
                feeds:
                  - id: %s
                    url: %s
                    interval: %s
                """.formatted(freePort(), dir.resolve("kafka"), apiPort, dir.resolve("state"), feedId, feedUrl, interval));
        return file;
    }

    static EntenteConfig loadConfig(Path file) {
        return new ConfigLoader(Map.of()).load(file);
    }

    /** Polls the condition until it holds, failing the test when {@code within} has passed. */
    static void await(String what, Duration within, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s not reached within %s", what, within).isBefore(deadline);
            LockSupport.parkNanos(POLL_PAUSE.toNanos());
        }
    }
}
