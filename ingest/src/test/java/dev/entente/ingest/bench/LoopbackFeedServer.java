package dev.entente.ingest.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The feeds of {@link PollingBenchmark}, served from its own process so that its CPU is not counted
 * with ingest's. Listens on one port on each of the loopback addresses 127.0.0.1 to 127.0.0.{hosts}
 * (Linux routes all of 127/8 to loopback), so that ingest's per-host fetch limit sees many hosts.
 * {@code GET /feed/<n>} answers a request carrying the current ETag with 304, except that with
 * probability {@code changeRate} the feed gets a new item and is sent whole (200, 10 items, new
 * ETag); a request without it gets the feed. Prints {@code port <n>} once listening; stops when its
 * standard input closes.
 *
 * <p>Arguments: hosts, feeds, changeRate, seed.
 */
public final class LoopbackFeedServer {

    private final int[] versions;
    private final SplittableRandom random;
    private final double changeRate;

    private LoopbackFeedServer(int feeds, double changeRate, long seed) {
        this.versions = new int[feeds];
        this.random = new SplittableRandom(seed);
        this.changeRate = changeRate;
    }

    public static void main(String[] args) throws IOException {
        int hosts = Integer.parseInt(args[0]);
        LoopbackFeedServer feeds = new LoopbackFeedServer(Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                Long.parseLong(args[3]));
        ExecutorService executor = Executors.newFixedThreadPool(4);
        List<HttpServer> servers = new ArrayList<>();
        int port = 0;
        for (int host = 1; host <= hosts; host++) {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host}), port), 200);
            port = server.getAddress().getPort();
            server.createContext("/feed/", feeds::handle);
            server.setExecutor(executor);
            server.start();
            servers.add(server);
        }
        System.out.println("port " + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the benchmark closes our standard input (or dies).
        }
        servers.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int feed = Integer.parseInt(exchange.getRequestURI().getPath().substring("/feed/".length()));
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            int version;
            boolean send;
            synchronized (this) {
                send = !etag(feed, versions[feed]).equals(ifNoneMatch) || random.nextDouble() < changeRate;
                if (send && ifNoneMatch != null) {
                    versions[feed]++;
                }
                version = versions[feed];
            }
            exchange.getResponseHeaders().set("ETag", etag(feed, version));
            if (!send) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = document(feed, version);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String etag(int feed, int version) {
        return "\"" + feed + "-" + version + "\"";
    }

    private static byte[] document(int feed, int version) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
                .append("<title>Feed ").append(feed).append("</title><link>https://loopback.example.org/").append(feed)
                .append("/</link><description>bench</description>");
        for (int item = version; item > version - 10; item--) {
            xml.append("<item><title>Item ").append(item).append("</title><link>https://loopback.example.org/")
                    .append(feed).append('/').append(item).append("</link><pubDate>Tue, 03 Jun 2025 09:30:00 GMT</pubDate>")
                    .append("<description><![CDATA[<p>Ministers met on <b>Tuesday</b>.</p><p>Talks continue.</p>]]></description></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
