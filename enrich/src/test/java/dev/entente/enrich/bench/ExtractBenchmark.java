package dev.entente.enrich.bench;

import dev.entente.enrich.Enricher;
import dev.entente.enrich.Enrichment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Enricher#enrich} in articles per second on one thread, over the invented ~5 KB wire
 * articles of {@link WireArticles}; each operation enriches one article, cycling through 256 of them.
 * The commands that run it are in {@code BENCHMARKS.md}; {@code mvn verify} never runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Ten 3 s warm-up iterations: the JIT needs about 10 s to finish compiling the candidate and feature code (the
// first iterations run at 300-1,200 articles/s), and a shorter warm-up measures the compiler, not the enricher.
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ExtractBenchmark {

    static final int ARTICLES = 256;
    static final long SEED = 20_240_619L;

    @Param({"TYPICAL", "DENSE"})
    public WireArticles.Density density;

    private Enricher enricher;
    private List<WireArticles.Article> articles;
    private int next;

    @Setup
    public void setUp() {
        enricher = Enricher.fromResources();
        articles = WireArticles.generate(density, ARTICLES, SEED);
    }

    @Benchmark
    public Enrichment extract() {
        WireArticles.Article article = articles.get(next);
        next = (next + 1) % ARTICLES;
        return enricher.enrich(article.title(), article.text(), article.time());
    }
}
