package dev.entente.enrich.bench;

import dev.entente.enrich.Enricher;
import dev.entente.enrich.EnricherStages;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * A cross-check of {@link ExtractBenchmark} on a shared machine: enriches the same articles on one thread and
 * divides by the CPU time of that thread rather than by wall time, so time slices taken by other processes do
 * not count (caches shared with them still do). Prints articles per CPU second for each density, after a
 * warm-up, as the median of {@value #ROUNDS} rounds, then the same for each stage alone (see
 * {@link StageBenchmark}) with its cost in microseconds of CPU per article.
 */
public final class CpuTimeCheck {

    static final int ROUNDS = 9;
    static final int PASSES_PER_ROUND = 8;

    private CpuTimeCheck() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Enricher enricher = Enricher.fromResources();
        for (WireArticles.Density density : WireArticles.Density.values()) {
            List<WireArticles.Article> articles =
                    WireArticles.generate(density, ExtractBenchmark.ARTICLES, ExtractBenchmark.SEED);
            long checksum = 0;
            for (int warmUp = 0; warmUp < 20; warmUp++) {
                checksum += run(enricher, articles);
            }
            double[] rates = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int pass = 0; pass < PASSES_PER_ROUND; pass++) {
                    checksum += run(enricher, articles);
                }
                long cpuNanos = threads.getCurrentThreadCpuTime() - start;
                rates[round] = articles.size() * (double) PASSES_PER_ROUND / (cpuNanos / 1e9);
            }
            java.util.Arrays.sort(rates);
            out.printf("%-8s extract   %8.0f articles per CPU second (median of %d rounds, min %.0f, max %.0f; checksum %d)%n",
                    density, rates[ROUNDS / 2], ROUNDS, rates[0], rates[ROUNDS - 1], checksum);
            EnricherStages stages = new EnricherStages(enricher,
                    articles.stream().map(WireArticles.Article::title).toList(),
                    articles.stream().map(WireArticles.Article::text).toList(),
                    articles.stream().map(WireArticles.Article::time).toList());
            stage(out, threads, density, "normalise", stages, Stage.NORMALISE);
            stage(out, threads, density, "split", stages, Stage.SPLIT);
            stage(out, threads, density, "match", stages, Stage.MATCH);
            stage(out, threads, density, "classify", stages, Stage.CLASSIFY);
        }
    }

    private enum Stage { NORMALISE, SPLIT, MATCH, CLASSIFY }

    private static void stage(PrintStream out, ThreadMXBean threads, WireArticles.Density density, String name,
            EnricherStages stages, Stage stage) {
        int sink = 0;
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            sink += runStage(stages, stage);
        }
        double[] rates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int pass = 0; pass < PASSES_PER_ROUND; pass++) {
                sink += runStage(stages, stage);
            }
            long cpuNanos = threads.getCurrentThreadCpuTime() - start;
            rates[round] = stages.size() * (double) PASSES_PER_ROUND / (cpuNanos / 1e9);
        }
        java.util.Arrays.sort(rates);
        double median = rates[ROUNDS / 2];
        out.printf("%-8s %-9s %8.0f articles per CPU second, %7.1f us per article (sink %d)%n",
                density, name, median, 1e6 / median, sink);
    }

    private static int runStage(EnricherStages stages, Stage stage) {
        int sink = 0;
        for (int i = 0; i < stages.size(); i++) {
            Object result = switch (stage) {
                case NORMALISE -> stages.prepare(i);
                case SPLIT -> stages.split(i);
                case MATCH -> stages.match(i);
                case CLASSIFY -> stages.classify(i);
            };
            sink += result.hashCode() & 1;
        }
        return sink;
    }

    private static long run(Enricher enricher, List<WireArticles.Article> articles) {
        long found = 0;
        for (WireArticles.Article article : articles) {
            found += enricher.enrich(article.title(), article.text(), article.time()).entities().size();
        }
        return found;
    }
}
