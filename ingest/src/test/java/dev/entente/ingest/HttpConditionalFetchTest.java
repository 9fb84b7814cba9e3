package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditional GET, redirects, politeness and timeouts, against a loopback server. */
class HttpConditionalFetchTest {

    private static final String ETAG = "\"v1\"";
    private static final String LAST_MODIFIED = "Tue, 03 Jun 2025 09:30:00 GMT";
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(700);

    private HttpServer server;
    private final CountDownLatch releaseStalled = new CountDownLatch(1);
    private final AtomicInteger feedRequests = new AtomicInteger();
    private final HttpFeedFetcher fetcher = new HttpFeedFetcher(
            new HttpFeedFetcher.Settings(Duration.ofSeconds(2), SHORT_TIMEOUT, 64 * 1024, HttpFeedFetcher.MAX_REDIRECTS));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/feed.xml", exchange -> {
            feedRequests.incrementAndGet();
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
            if (ETAG.equals(ifNoneMatch) && LAST_MODIFIED.equals(ifModifiedSince)) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            respond(exchange, 200, utf8(Feeds.RSS), null);
        });
        server.createContext("/deflated.xml", exchange -> respond(exchange, 200, deflate(utf8(Feeds.RSS)), "deflate"));
        server.createContext("/latin1.xml", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=UTF-8");
            String latin1 = Feeds.RSS.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"").replace("World desk", "Désk");
            respond(exchange, 200, latin1.getBytes(StandardCharsets.ISO_8859_1), null);
        });
        for (int i = 0; i < 7; i++) {
            int hop = i;
            server.createContext("/hop" + i, exchange -> redirect(exchange, "/hop" + (hop + 1)));
        }
        server.createContext("/hop7", exchange -> redirect(exchange, "/feed.xml"));
        server.createContext("/loop-a", exchange -> redirect(exchange, "/loop-b"));
        server.createContext("/loop-b", exchange -> redirect(exchange, "/loop-a"));
        server.createContext("/busy", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "120");
            respond(exchange, 429, utf8("slow down"), null);
        });
        server.createContext("/down", exchange -> respond(exchange, 503, utf8("down"), null));
        server.createContext("/stalled.xml", exchange -> {
            exchange.sendResponseHeaders(200, 100_000);
            OutputStream out = exchange.getResponseBody();
            out.write(utf8("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>half"));
            out.flush();
            awaitRelease();
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseStalled.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void sendsTheValidatorsBackAndGetsNotModifiedWithoutABody() throws FeedException {
        FetchResult first = fetcher.fetch(url("/feed.xml"), Validators.NONE);
        FetchResult second = fetcher.fetch(url("/feed.xml"), first.validators());

        assertThat(first.notModified()).isFalse();
        assertThat(first.validators()).isEqualTo(Validators.of(ETAG, LAST_MODIFIED));
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
        assertThat(second.validators()).isEqualTo(first.validators());
    }

    @Test
    void aNotModifiedFeedYieldsNoItems() throws FeedException {
        FeedReader reader = new FeedReader(fetcher);

        FeedPoll poll = reader.poll("world", url("/feed.xml"), Validators.of(ETAG, LAST_MODIFIED), Instant.EPOCH);

        assertThat(poll.notModified()).isTrue();
        assertThat(poll.articles()).isEmpty();
        assertThat(poll.validators()).isEqualTo(Validators.of(ETAG, LAST_MODIFIED));
    }

    @Test
    void followsUpToFiveRedirects() throws FeedException {
        assertThat(fetcher.fetch(url("/hop3"), Validators.NONE).body()).isEqualTo(utf8(Feeds.RSS));
    }

    @Test
    void refusesASixthRedirect() {
        assertThatThrownBy(() -> fetcher.fetch(url("/hop2"), Validators.NONE))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("more than 5 redirects from " + url("/hop2"));
    }

    @Test
    void reportsARedirectLoop() {
        assertThatThrownBy(() -> fetcher.fetch(url("/loop-a"), Validators.NONE))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("redirect loop: ");
    }

    @Test
    void carriesRetryAfterOfA429() {
        assertThatThrownBy(() -> fetcher.fetch(url("/busy"), Validators.NONE))
                .isInstanceOfSatisfying(FeedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("HTTP 429 from " + url("/busy") + ", retry after 120 s");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThatThrownBy(() -> fetcher.fetch(url("/down"), Validators.NONE))
                .isInstanceOfSatisfying(FeedException.class, e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-06-03T09:30:00Z");

        assertThat(HttpFeedFetcher.retryAfter("30", now)).contains(Duration.ofSeconds(30));
        assertThat(HttpFeedFetcher.retryAfter("Tue, 03 Jun 2025 09:32:00 GMT", now)).contains(Duration.ofMinutes(2));
        assertThat(HttpFeedFetcher.retryAfter("soon", now)).isEmpty();
    }

    @Test
    void givesUpOnABodyThatStallsMidway() {
        Instant start = Instant.now();

        assertThatThrownBy(() -> fetcher.fetch(url("/stalled.xml"), Validators.NONE))
                .isInstanceOf(FeedException.class)
                .hasMessage("no complete response within 700 ms from " + url("/stalled.xml"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void decompressesADeflateBody() throws FeedException {
        assertThat(fetcher.fetch(url("/deflated.xml"), Validators.NONE).body()).isEqualTo(utf8(Feeds.RSS));
    }

    @Test
    void readsAFeedWhoseHttpCharsetIsWrong() throws FeedException {
        FetchResult result = fetcher.fetch(url("/latin1.xml"), Validators.NONE);
        assertThat(result.contentTypeCharset()).contains("UTF-8");

        assertThat(new FeedParser().parse(result.body(), result.contentTypeCharset()).getTitle()).isEqualTo("Désk");
    }

    private void awaitRelease() {
        try {
            releaseStalled.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String encoding) throws IOException {
        if (encoding != null) {
            exchange.getResponseHeaders().add("Content-Encoding", encoding);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientWentAway) {
            // Expected when the fetcher gives up on a response.
        }
    }

    private static byte[] deflate(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zip = new DeflaterOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
