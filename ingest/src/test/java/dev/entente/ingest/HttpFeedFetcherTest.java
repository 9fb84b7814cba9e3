package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a loopback HTTP server started per test; nothing leaves the machine. */
class HttpFeedFetcherTest {

    private static final int SMALL_CAP = 1024;

    private HttpServer server;
    private final Map<String, String> requestHeaders = new ConcurrentHashMap<>();
    private final HttpFeedFetcher fetcher = new HttpFeedFetcher(SMALL_CAP);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.xml", exchange -> {
            requestHeaders.put("User-Agent", exchange.getRequestHeaders().getFirst("User-Agent"));
            requestHeaders.put("Accept-Encoding", exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            respond(exchange, 200, utf8("<rss/>"), false);
        });
        server.createContext("/gzipped.xml", exchange -> respond(exchange, 200, gzip(utf8("<rss>zipped</rss>")), true));
        server.createContext("/huge.xml", exchange -> respond(exchange, 200, new byte[SMALL_CAP * 8], false));
        server.createContext("/gzip-bomb.xml", exchange -> respond(exchange, 200, gzip(new byte[SMALL_CAP * 64]), true));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/feed.xml");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> respond(exchange, 404, utf8("not here"), false));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void returnsTheBodyAndIdentifiesItself() throws FeedException {
        assertThat(fetcher.fetch(url("/feed.xml"))).isEqualTo(utf8("<rss/>"));
        assertThat(requestHeaders).containsEntry("User-Agent", HttpFeedFetcher.USER_AGENT)
                .containsEntry("Accept-Encoding", "gzip, deflate");
    }

    @Test
    void decompressesAGzipBody() throws FeedException {
        assertThat(fetcher.fetch(url("/gzipped.xml"))).isEqualTo(utf8("<rss>zipped</rss>"));
    }

    @Test
    void followsRedirects() throws FeedException {
        assertThat(fetcher.fetch(url("/moved"))).isEqualTo(utf8("<rss/>"));
    }

    @Test
    void reportsAnErrorStatusWithTheUrl() {
        URI missing = url("/missing.xml");

        assertThatThrownBy(() -> fetcher.fetch(missing))
                .isInstanceOf(FeedException.class)
                .hasMessage("HTTP 404 from " + missing);
    }

    @Test
    void refusesABodyOverTheSizeCap() {
        assertThatThrownBy(() -> fetcher.fetch(url("/huge.xml")))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("feed larger than 1024 bytes: ");
    }

    @Test
    void appliesTheSizeCapAfterDecompression() {
        assertThatThrownBy(() -> fetcher.fetch(url("/gzip-bomb.xml"))).hasMessageStartingWith("feed larger than");
    }

    @Test
    void reportsAnUnreachableServer() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/feed.xml");
        }

        assertThatThrownBy(() -> fetcher.fetch(closed))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(closed.toString());
    }

    @Test
    void readsFileUrls(@TempDir Path dir) throws IOException, FeedException {
        Path file = Files.write(dir.resolve("feed.xml"), utf8("<rss/>"));

        assertThat(fetcher.fetch(file.toUri())).isEqualTo(utf8("<rss/>"));
    }

    @Test
    void reportsAMissingOrOversizedFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.xml");
        Path huge = Files.write(dir.resolve("huge.xml"), new byte[SMALL_CAP + 1]);

        assertThatThrownBy(() -> fetcher.fetch(missing.toUri())).hasMessage("no such file: " + missing);
        assertThatThrownBy(() -> fetcher.fetch(huge.toUri())).hasMessageStartingWith("feed larger than");
    }

    @Test
    void refusesOtherSchemes() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://example.org/feed.xml")))
                .hasMessage("unsupported URL (use http, https or file): ftp://example.org/feed.xml");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body, boolean gzipped)
            throws IOException {
        if (gzipped) {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientWentAway) {
            // Expected when the fetcher stops reading at its size cap.
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
