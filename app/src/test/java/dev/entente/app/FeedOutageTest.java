package dev.entente.app;

import static dev.entente.app.TestSupport.await;
import static dev.entente.app.TestSupport.freePort;
import static dev.entente.app.TestSupport.get;
import static dev.entente.app.TestSupport.loadConfig;
import static dev.entente.app.TestSupport.pairCounts;
import static dev.entente.app.TestSupport.writeConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed server goes away mid-run and comes back with more items: nothing is lost, nothing is
 * counted twice, and {@code /api/v1/feeds} shows the failures while it is away.
 */
class FeedOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final List<String> STORIES = List.of(
            "Russia and North Korea signed a defence agreement.",
            "France will send tanks to Ukraine.",
            "Japan and the Philippines held joint naval drills.",
            "Russia and North Korea began joint military exercises.");

    @TempDir
    Path dir;

    private HttpServer feedServer;
    private Pipeline pipeline;
    private final AtomicInteger published = new AtomicInteger(2);

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (feedServer != null) {
            feedServer.stop(0);
        }
    }

    @Test
    void countsEveryItemOnceAcrossAFeedOutageAndReportsTheFailures() throws Exception {
        int feedPort = freePort();
        serveFeed(feedPort);
        EntenteConfig config = loadConfig(writeConfig(dir, freePort(), "outage", "http://127.0.0.1:" + feedPort + "/feed.xml", "1s"));
        URI pairs = URI.create("http://127.0.0.1:" + config.api().port() + "/api/v1/pairs?window=7d");
        URI feeds = URI.create("http://127.0.0.1:" + config.api().port() + "/api/v1/feeds");
        pipeline = Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class), true, Clock.systemUTC());
        await("the first two stories counted", DEADLINE, () -> pairCounts(pairs).size() == 2);

        feedServer.stop(0);
        await("the outage reported", DEADLINE, () -> feed(feeds).path("consecutiveFailures").asInt() >= 2);
        JsonNode failing = feed(feeds);
        assertThat(failing.path("lastError").asText()).isNotBlank();
        assertThat(failing.path("itemsEmitted").asLong()).isEqualTo(2);

        published.set(STORIES.size());
        serveFeed(feedPort);
        await("the feed back", DEADLINE, () -> feed(feeds).path("consecutiveFailures").asInt() == 0);
        await("all four stories counted", DEADLINE, () -> pairCounts(pairs).equals(Map.of(
                "FR-UA", "mentions=1 articles=1",
                "JP-PH", "mentions=1 articles=1",
                "KP-RU", "mentions=2 articles=2")));
        assertThat(feed(feeds).path("itemsEmitted").asLong()).isEqualTo(STORIES.size());
        assertThat(feed(feeds).path("lastError").isNull()).isTrue();
    }

    private void serveFeed(int port) throws IOException {
        feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        feedServer.createContext("/feed.xml", exchange -> {
            byte[] body = feed(published.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feedServer.start();
    }

    private static JsonNode feed(URI feeds) {
        try {
            return AvroJson.MAPPER.readTree(get(feeds).body()).path("feeds").path(0);
        } catch (IOException e) {
            return AvroJson.MAPPER.createObjectNode();
        }
    }

    private static String feed(int items) {
        String published = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Outage wire</title><link>http://127.0.0.1/</link>
                <description>Written for Entente's feed outage test.</description>
                """);
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>Bulletin %d</title><link>http://127.0.0.1/story/%d</link><pubDate>%s</pubDate>"
                    .formatted(i, i, published))
                    .append("<description>").append(STORIES.get(i)).append("</description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }
}
