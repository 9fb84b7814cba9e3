package dev.entente.ingest.bench;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.entente.ingest.ArticleMapper;
import dev.entente.ingest.FeedException;
import dev.entente.ingest.FeedParser;
import dev.entente.ingest.FeedReader;
import dev.entente.ingest.FetchResult;
import dev.entente.ingest.HtmlText;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cross-check of {@link ParseBenchmark} on a shared machine: runs the same work on one thread and
 * divides by that thread's CPU time rather than by wall time, so time slices taken by other
 * processes do not count (shared caches still do). For each input and step it prints MB and items
 * per CPU second, the median of {@value #ROUNDS} rounds after a warm-up. The extra step
 * {@code html} is {@link HtmlText} alone over every item's description, the main part of the mapper.
 */
public final class CpuTimeCheck {

    static final int ROUNDS = 7;
    private static final URI URL = URI.create("https://bench.example.org/feed.xml");
    private static final Instant FETCHED = Instant.parse("2025-06-03T12:00:00Z");

    private CpuTimeCheck() {}

    interface Step {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        run(out, "TYPICAL", List.of(BenchFeeds.generatedRss(50, 1500)), 20);
        run(out, "LARGE", List.of(BenchFeeds.generatedRss(1000, 1500)), 1);
        List<byte[]> corpus = BenchFeeds.validCorpusFiles();
        if (!corpus.isEmpty()) {
            run(out, "CORPUS", corpus, 1);
        }
    }

    private static void run(PrintStream out, String name, List<byte[]> all, int passes) throws Exception {
        FeedParser parser = new FeedParser();
        ArticleMapper mapper = new ArticleMapper();
        List<byte[]> documents = new ArrayList<>();
        List<SyndFeed> parsed = new ArrayList<>();
        for (byte[] document : all) {
            try {
                parsed.add(parser.parse(document));
                documents.add(document);
            } catch (FeedException e) {
                // Beyond Rome (INDEX.md notes which); left out of every step alike.
            }
        }
        long bytes = documents.stream().mapToLong(d -> d.length).sum();
        int items = parsed.stream().mapToInt(f -> f.getEntries().size()).sum();
        out.printf("%s: %d documents, %.1f KB, %d items per pass%n", name, documents.size(), bytes / 1024.0, items);
        AtomicInteger next = new AtomicInteger();
        FeedReader reader = new FeedReader((url, validators) ->
                new FetchResult(200, documents.get(next.getAndIncrement() % documents.size()), validators, Optional.empty()));
        step(out, name, "rome", bytes, items, passes, () -> {
            long n = 0;
            for (byte[] document : documents) {
                try {
                    n += new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(document))).getEntries().size();
                } catch (com.rometools.rome.io.FeedException | IllegalArgumentException e) {
                    n--;
                }
            }
            return n;
        });
        step(out, name, "parser", bytes, items, passes, () -> {
            long n = 0;
            for (byte[] document : documents) {
                n += parser.parse(document).getEntries().size();
            }
            return n;
        });
        step(out, name, "mapper", bytes, items, passes, () -> {
            long n = 0;
            for (SyndFeed feed : parsed) {
                n += mapper.map("bench", URL, feed, FETCHED).size();
            }
            return n;
        });
        step(out, name, "html", bytes, items, passes, () -> {
            long n = 0;
            for (SyndFeed feed : parsed) {
                for (SyndEntry entry : feed.getEntries()) {
                    if (entry.getDescription() != null) {
                        n += HtmlText.toPlainText(entry.getDescription().getValue()).length();
                    }
                }
            }
            return n;
        });
        step(out, name, "reader", bytes, items, passes, () -> {
            long n = 0;
            for (int i = 0; i < documents.size(); i++) {
                n += reader.read("bench", URL, FETCHED).size();
            }
            return n;
        });
    }

    private static void step(PrintStream out, String input, String name, long bytes, int items, int passes, Step step)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmUntil = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += step.run();
        }
        double[] seconds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                sink += step.run();
            }
            seconds[round] = (threads.getCurrentThreadCpuTime() - start) / 1e9 / passes;
        }
        Arrays.sort(seconds);
        double median = seconds[ROUNDS / 2];
        out.printf("%-8s %-7s %8.2f MB/s %10.0f items/s per CPU second  (%.2f ms CPU per pass; sink %d)%n",
                input, name, bytes / 1e6 / median, items / median, median * 1e3, sink);
    }
}
