package dev.entente.enrich.bench;

import dev.entente.enrich.Enricher;
import dev.entente.enrich.EnricherStages;
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
 * The per-stage split of {@link ExtractBenchmark}: each benchmark runs one stage of {@link Enricher#enrich}
 * on one article (inputs of the stage precomputed), so its score is articles per second for that stage
 * alone and {@code 1e6 / score} its cost in microseconds per article. Stages: text normalisation
 * ({@code normalise}), sentence split ({@code split}), gazetteer and lexicon matching ({@code match}), and
 * classification: references, relations, events and the output records ({@code classify}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class StageBenchmark {

    @Param({"TYPICAL", "DENSE"})
    public WireArticles.Density density;

    private EnricherStages stages;
    private int next;

    @Setup
    public void setUp() {
        List<WireArticles.Article> articles =
                WireArticles.generate(density, ExtractBenchmark.ARTICLES, ExtractBenchmark.SEED);
        stages = new EnricherStages(Enricher.fromResources(),
                articles.stream().map(WireArticles.Article::title).toList(),
                articles.stream().map(WireArticles.Article::text).toList(),
                articles.stream().map(WireArticles.Article::time).toList());
    }

    private int nextArticle() {
        int i = next;
        next = (next + 1) % stages.size();
        return i;
    }

    @Benchmark
    public Object normalise() {
        return stages.prepare(nextArticle());
    }

    @Benchmark
    public Object split() {
        return stages.split(nextArticle());
    }

    @Benchmark
    public Object match() {
        return stages.match(nextArticle());
    }

    @Benchmark
    public Object classify() {
        return stages.classify(nextArticle());
    }
}
