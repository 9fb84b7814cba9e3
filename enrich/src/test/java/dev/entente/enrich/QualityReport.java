package dev.entente.enrich;

import dev.entente.enrich.candidates.Candidate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The quality table of the enrichment: on every labelled set, the enricher's pair precision, recall and F1
 * beside the naive baseline's ({@link NaiveBaseline}) and the candidates' recall (the share of gold pairs that
 * have a candidate at all, the ceiling of the scorer).
 *
 * <p>Errors are written, one file per set under {@code target/quality/}, only for sets whose errors may be read:
 * the train and validation splits, the project's older sets and the shared development set. The test split's
 * figures are printed, only when asked for with {@code --with-test}, and its errors never written. Run it with
 * {@code mvn -q -pl enrich -am -Pquality process-test-classes [-Dquality.args=--with-test]}.
 */
public final class QualityReport {

    /** One row of the table. */
    public record Row(String set, int passages, DevSetEvaluation.Counts model, DevSetEvaluation.Counts baseline,
            double candidateRecall) {

        public String format() {
            return String.format(Locale.ROOT, "%-28s %4d  model P %.3f R %.3f F1 %.3f | baseline P %.3f R %.3f F1 %.3f"
                    + " | candidates R %.3f", set, passages, model.precision(), model.recall(), model.f1(),
                    baseline.precision(), baseline.recall(), baseline.f1(), candidateRecall);
        }
    }

    private QualityReport() {}

    public static void main(String[] args) throws IOException {
        Enricher enricher = Enricher.fromResources();
        NaiveBaseline baseline = new NaiveBaseline();
        Path errors = Path.of("target", "quality");
        Files.createDirectories(errors);
        System.out.println("threshold " + enricher.minConfidence());
        if (List.of(args).contains("--sweep")) {
            sweep(enricher);
            return;
        }
        boolean withTest = List.of(args).contains("--with-test");
        for (RealReports.Split split : RealReports.Split.values()) {
            boolean readable = split != RealReports.Split.TEST;
            if (!readable && !withTest) {
                // The test split is looked at once, for the final report, so that no decision follows from it.
                continue;
            }
            System.out.println(row("real reports, " + split.name().toLowerCase(Locale.ROOT), enricher, baseline,
                    RealReports.load(split), readable ? Optional.of(errors) : Optional.empty()).format());
        }
        Optional<List<DevSetEvaluation.Passage>> shared = RealReports.sharedDev();
        if (shared.isPresent()) {
            System.out.println(row("shared real-reports-dev", enricher, baseline, shared.get(), Optional.of(errors)).format());
        }
        System.out.println(row("devset (train)", enricher, baseline, DevSetEvaluation.load(DevSetEvaluation.RESOURCE),
                Optional.of(errors)).format());
        System.out.println(row("held-out A (train)", enricher, baseline,
                DevSetEvaluation.load(DevSetEvaluation.HELD_OUT_A_RESOURCE), Optional.of(errors)).format());
        if (withTest) {
            // Set B stays blind like the test split: its figures only, and only for the final report.
            System.out.println(row("held-out B (blind)", enricher, baseline,
                    DevSetEvaluation.load(DevSetEvaluation.HELD_OUT_B_RESOURCE), Optional.empty()).format());
        }
    }

    /** Precision and recall at a range of thresholds on the sets whose errors may be read. */
    private static void sweep(Enricher enricher) {
        List<DevSetEvaluation.Passage> validation = RealReports.load(RealReports.Split.VALIDATION);
        List<DevSetEvaluation.Passage> shared = RealReports.sharedDev().orElse(List.of());
        for (int step = 1; step <= 19; step++) {
            double t = step / 20.0;
            Enricher at = enricher.withMinConfidence(t);
            DevSetEvaluation.Counts v = DevSetEvaluation.evaluate("v", at, validation).overall();
            DevSetEvaluation.Counts d = DevSetEvaluation.evaluate("d", at, shared).overall();
            System.out.printf(Locale.ROOT, "%.2f  validation P %.3f R %.3f F1 %.3f | shared dev P %.3f R %.3f F1 %.3f%n",
                    t, v.precision(), v.recall(), v.f1(), d.precision(), d.recall(), d.f1());
        }
    }

    /** The row of one set; its errors go to {@code errorDirectory} when given. */
    public static Row row(String name, Enricher enricher, NaiveBaseline baseline, List<DevSetEvaluation.Passage> passages,
            Optional<Path> errorDirectory) throws IOException {
        DevSetEvaluation.Report report = DevSetEvaluation.evaluate(name, enricher, passages);
        int gold = 0;
        int covered = 0;
        List<String> lines = new ArrayList<>();
        for (DevSetEvaluation.Passage passage : passages) {
            List<Candidate> candidates = enricher.enrich(passage.title().orElse(null), passage.text(),
                    passage.date().orElse(LocalDate.of(2024, 1, 1)).atTime(12, 0).toInstant(ZoneOffset.UTC)).candidates();
            Set<String> found = new TreeSet<>();
            candidates.forEach(candidate -> found.add(candidate.pair()));
            for (String pair : passage.pairs().keySet()) {
                gold++;
                if (found.contains(pair)) {
                    covered++;
                } else {
                    lines.add(passage.id() + " NO CANDIDATE " + pair + ": " + passage.title().orElse("") + " | "
                            + passage.text());
                }
            }
            for (Candidate candidate : candidates) {
                lines.add(String.format(Locale.ROOT, "%s cand %s %s %.3f gold=%s %s", passage.id(), candidate.pair(),
                        candidate.scope(), candidate.confidence(), passage.pairs().containsKey(candidate.pair()),
                        enricher.evidence(candidate)));
            }
        }
        if (errorDirectory.isPresent()) {
            List<String> all = new ArrayList<>(report.errors());
            all.addAll(lines);
            Files.write(errorDirectory.get().resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), all,
                    StandardCharsets.UTF_8);
        }
        return new Row(name, passages.size(), report.overall(), baseline.score(passages),
                gold == 0 ? 1.0 : (double) covered / gold);
    }
}
