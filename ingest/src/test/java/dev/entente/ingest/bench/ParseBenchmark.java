package dev.entente.ingest.bench;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.entente.ingest.ArticleMapper;
import dev.entente.ingest.FeedException;
import dev.entente.ingest.FeedParser;
import dev.entente.ingest.FeedReader;
import dev.entente.ingest.FetchResult;
import dev.entente.schemas.RawArticle;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse and normalise throughput, single-threaded (so per core). One operation reads every document
 * of the input once; MB/s and items/s follow from ops/s and the sizes printed at setup:
 *
 * <ul>
 *   <li>{@code rome}: Rome alone ({@code SyndFeedInput} over Rome's {@code XmlReader}), for reference;
 *   <li>{@code parser}: {@link FeedParser} (charset policy, DOCTYPE check, Rome, xml:base and dates);
 *   <li>{@code mapper}: {@link ArticleMapper} alone, on feeds parsed at setup;
 *   <li>{@code reader}: the whole {@link FeedReader} path with a fetcher that hands out the bytes.
 * </ul>
 *
 * Inputs: {@code TYPICAL} is one generated RSS feed of 50 items with about 1.5 KB of HTML each
 * (~100 KB, the size of a busy news feed), {@code LARGE} one of 1,000 items (~2 MB), and
 * {@code CORPUS} every valid file of the shared corpus (mostly tiny test files).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    public enum Input { TYPICAL, LARGE, CORPUS }

    private static final URI URL = URI.create("https://bench.example.org/feed.xml");
    private static final Instant FETCHED = Instant.parse("2025-06-03T12:00:00Z");

    @Param({"TYPICAL", "LARGE", "CORPUS"})
    public Input input;

    private List<byte[]> documents;
    private List<SyndFeed> parsed;
    private final FeedParser parser = new FeedParser();
    private final ArticleMapper mapper = new ArticleMapper();
    private FeedReader reader;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws FeedException {
        documents = switch (input) {
            case TYPICAL -> List.of(BenchFeeds.generatedRss(50, 1500));
            case LARGE -> List.of(BenchFeeds.generatedRss(1000, 1500));
            case CORPUS -> BenchFeeds.validCorpusFiles();
        };
        if (documents.isEmpty()) {
            throw new IllegalStateException("no corpus at " + BenchFeeds.CORPUS.toAbsolutePath());
        }
        parsed = new ArrayList<>();
        List<byte[]> readable = new ArrayList<>();
        for (byte[] document : documents) {
            try {
                parsed.add(parser.parse(document));
                readable.add(document);
            } catch (FeedException e) {
                // A few valid files are beyond Rome (INDEX.md notes them); they are left out of every benchmark.
            }
        }
        documents = readable;
        long bytes = documents.stream().mapToLong(d -> d.length).sum();
        int items = parsed.stream().mapToInt(f -> f.getEntries().size()).sum();
        System.err.printf("input %s: %d documents, %d bytes, %d items per operation%n", input, documents.size(), bytes, items);
        // The reader's fetcher hands out the documents in turn; one operation calls it once per document.
        reader = new FeedReader((url, validators) -> {
            byte[] body = documents.get(next);
            next = (next + 1) % documents.size();
            return new FetchResult(200, body, validators, Optional.empty());
        });
    }

    @Benchmark
    public void rome(Blackhole bh) throws Exception {
        for (byte[] document : documents) {
            try {
                bh.consume(new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(document))));
            } catch (com.rometools.rome.io.FeedException | IllegalArgumentException e) {
                // Rome alone rejects some documents FeedParser recovers; the failure is work done, too.
                bh.consume(e);
            }
        }
    }

    @Benchmark
    public void parser(Blackhole bh) throws FeedException {
        for (byte[] document : documents) {
            bh.consume(parser.parse(document));
        }
    }

    @Benchmark
    public void mapper(Blackhole bh) {
        for (SyndFeed feed : parsed) {
            bh.consume(mapper.map("bench", URL, feed, FETCHED));
        }
    }

    @Benchmark
    public void reader(Blackhole bh) throws FeedException {
        for (int i = 0; i < documents.size(); i++) {
            List<RawArticle> articles = reader.read("bench", URL, FETCHED);
            bh.consume(articles);
        }
    }
}
