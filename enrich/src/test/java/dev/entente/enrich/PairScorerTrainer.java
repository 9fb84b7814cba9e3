package dev.entente.enrich;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.entente.enrich.candidates.Candidate;
import dev.entente.enrich.features.CueWords;
import dev.entente.enrich.gazetteer.Gazetteer;
import dev.entente.enrich.knowledge.Knowledge;
import dev.entente.enrich.rules.CooperationDetector;
import dev.entente.enrich.rules.TriggerLexicon;
import dev.entente.enrich.scorer.PairScorer;
import dev.entente.enrich.text.SentenceSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the pair scorer ({@link PairScorer}) from the labelled data and writes its model file, deterministically:
 * the same data and code give the same file, byte for byte ({@code PairScorerModelTest} checks the committed one).
 *
 * <p>Training passages: the train split of the real-report data ({@link RealReports}) and the project's older
 * development set and held-out set A (both already used to write rules). Every candidate of a passage is an
 * example, positive when the passage's gold pairs hold its pair. Features seen in fewer than {@value #MIN_COUNT}
 * training candidates are dropped. The learner is L2-regularised logistic regression from LIBLINEAR (primal
 * trust-region Newton solver: no random order, so the weights do not depend on a seed). The threshold is then
 * chosen on the validation split: the lowest confidence at which the pairs of the passages have precision of at
 * least {@value #TARGET_PRECISION}. Held-out set B, the test split and the shared development set play no part.
 *
 * <p>Run it with {@code mvn -q -pl enrich -am -Ptrain process-test-classes} (see the README).
 */
public final class PairScorerTrainer {

    /** The committed model, relative to the enrich module. */
    static final Path MODEL = Path.of("src", "main", "resources", "dev", "entente", "enrich", "scorer", PairScorer.RESOURCE);
    static final int MIN_COUNT = 2;
    static final double C = Double.parseDouble(System.getProperty("entente.train.c", "0.5"));
    static final double TARGET_PRECISION = 0.95;

    private PairScorerTrainer() {}

    public static void main(String[] args) throws IOException {
        String model = train(System.out);
        Files.writeString(MODEL, model, StandardCharsets.UTF_8);
        System.out.println("wrote " + MODEL.toAbsolutePath());
    }

    /** The passages the scorer learns from. */
    static List<DevSetEvaluation.Passage> trainingPassages() {
        List<DevSetEvaluation.Passage> passages = new ArrayList<>(RealReports.load(RealReports.Split.TRAIN));
        passages.addAll(DevSetEvaluation.load(DevSetEvaluation.RESOURCE));
        passages.addAll(DevSetEvaluation.load(DevSetEvaluation.HELD_OUT_A_RESOURCE));
        return passages;
    }

    /** An enricher that finds candidates and their features but does not know any weights. */
    static Enricher featureEnricher() {
        return new Enricher(Gazetteer.fromResources(), new SentenceSplitter(), TriggerLexicon.fromResources(),
                new CooperationDetector(), Knowledge.fromResources(), CueWords.fromResources(), PairScorer.untrained(),
                Double.NaN);
    }

    /** Trains the model and returns the text of its file; progress and validation figures go to {@code log}. */
    static String train(java.io.PrintStream log) {
        Enricher enricher = featureEnricher();
        List<DevSetEvaluation.Passage> passages = trainingPassages();
        List<List<String>> examples = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        MessageDigest digest = sha256();
        for (DevSetEvaluation.Passage passage : passages) {
            digest.update((passage.id() + "\u0000" + passage.title().orElse("") + "\u0000" + passage.text() + "\u0000"
                    + passage.date().map(LocalDate::toString).orElse("") + "\u0000" + passage.pairs().keySet() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Candidate candidate : candidates(enricher, passage)) {
                examples.add(candidate.features());
                labels.add(passage.pairs().containsKey(candidate.pair()));
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        examples.forEach(features -> features.forEach(f -> counts.merge(f, 1, Integer::sum)));
        TreeMap<String, Integer> index = new TreeMap<>();
        counts.entrySet().stream().filter(e -> e.getValue() >= MIN_COUNT).map(Map.Entry::getKey).sorted()
                .forEach(f -> index.put(f, index.size() + 1));

        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = index.size() + 1;
        problem.bias = 1;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        int positives = 0;
        for (int i = 0; i < examples.size(); i++) {
            List<Integer> ids = new ArrayList<>();
            for (String feature : examples.get(i)) {
                Integer id = index.get(feature);
                if (id != null) {
                    ids.add(id);
                }
            }
            ids.sort(Integer::compare);
            Feature[] row = new Feature[ids.size() + 1];
            for (int k = 0; k < ids.size(); k++) {
                row[k] = new FeatureNode(ids.get(k), 1.0);
            }
            row[ids.size()] = new FeatureNode(problem.n, problem.bias);
            problem.x[i] = row;
            problem.y[i] = labels.get(i) ? 1 : -1;
            positives += labels.get(i) ? 1 : 0;
        }
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, C, 0.001));
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] w = model.getFeatureWeights();
        Map<String, Double> weights = new TreeMap<>();
        for (Map.Entry<String, Integer> entry : index.entrySet()) {
            double weight = round(sign * w[entry.getValue() - 1]);
            if (weight != 0) {
                weights.put(entry.getKey(), weight);
            }
        }
        double bias = round(sign * w[problem.n - 1]);
        log.printf(Locale.ROOT, "trained on %d passages: %d candidates (%d positive), %d features%n", passages.size(),
                examples.size(), positives, weights.size());

        PairScorer scorer = new PairScorer(weights, bias, 0.5, "");
        List<DevSetEvaluation.Passage> validation = RealReports.load(RealReports.Split.VALIDATION);
        Threshold threshold = chooseThreshold(enricher, scorer, validation, log);

        StringBuilder out = new StringBuilder();
        out.append("# Entente pair scorer: logistic regression over the features of PairFeatures. Generated by\n");
        out.append("# PairScorerTrainer (mvn -q -pl enrich -am -Ptrain process-test-classes); do not edit by hand.\n");
        out.append(String.format(Locale.ROOT, "# Learner: LIBLINEAR %d, L2R_LR, C=%s, bias term; features seen in >= %d "
                + "training candidates.%n", Linear.getVersion(), C, MIN_COUNT));
        out.append(String.format(Locale.ROOT, "# Trained on %d passages (real-report train split, devset, held-out A): "
                + "%d candidates, %d positive.%n", passages.size(), examples.size(), positives));
        out.append(String.format(Locale.ROOT, "# Threshold chosen on the validation split (%d passages) for precision "
                + ">= %.2f: P %.3f, R %.3f there.%n", validation.size(), TARGET_PRECISION, threshold.precision(),
                threshold.recall()));
        out.append("# version ").append(Enricher.DATA_VERSION).append(" data ")
                .append(HexFormat.of().formatHex(digest.digest(), 0, 6)).append('\n');
        out.append(String.format(Locale.ROOT, "bias\t%.6f%n", bias));
        out.append(String.format(Locale.ROOT, "threshold\t%.3f%n", threshold.value()));
        out.append("feature\tweight\n");
        weights.forEach((feature, weight) -> out.append(feature).append('\t')
                .append(String.format(Locale.ROOT, "%.6f", weight)).append('\n'));
        return out.toString();
    }

    record Threshold(double value, double precision, double recall) {}

    /**
     * The lowest threshold, on a grid of 0.005, at which the validation pairs reach the target precision; the
     * best-F1 one when none does. A pair of a passage is predicted when one of its candidates reaches it.
     */
    static Threshold chooseThreshold(Enricher enricher, PairScorer scorer, List<DevSetEvaluation.Passage> passages,
            java.io.PrintStream log) {
        List<Map<String, Double>> best = new ArrayList<>();
        for (DevSetEvaluation.Passage passage : passages) {
            Map<String, Double> byPair = new TreeMap<>();
            for (Candidate candidate : candidates(enricher, passage)) {
                byPair.merge(candidate.pair(), scorer.probability(candidate.features()), Math::max);
            }
            best.add(byPair);
        }
        Threshold chosen = null;
        Threshold bestF1 = null;
        double bestF1Value = -1;
        for (int step = 995; step >= 5; step -= 5) {
            double t = step / 1000.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < passages.size(); i++) {
                Map<String, String> gold = passages.get(i).pairs();
                for (Map.Entry<String, Double> entry : best.get(i).entrySet()) {
                    if (entry.getValue() >= t) {
                        if (gold.containsKey(entry.getKey())) {
                            tp++;
                        } else {
                            fp++;
                        }
                    }
                }
                for (String pair : gold.keySet()) {
                    if (best.get(i).getOrDefault(pair, 0.0) < t) {
                        fn++;
                    }
                }
            }
            double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            if (p >= TARGET_PRECISION && tp > 0) {
                chosen = new Threshold(t, p, r);
            }
            if (f1 > bestF1Value) {
                bestF1Value = f1;
                bestF1 = new Threshold(t, p, r);
            }
            if (step % 100 == 0) {
                log.printf(Locale.ROOT, "validation at %.2f: P %.3f R %.3f F1 %.3f%n", t, p, r, f1);
            }
        }
        Threshold result = chosen != null ? chosen : bestF1;
        log.printf(Locale.ROOT, "threshold %.3f: P %.3f R %.3f%s%n", result.value(), result.precision(),
                result.recall(), chosen != null ? "" : " (precision target not reached: best F1)");
        return result;
    }

    static List<Candidate> candidates(Enricher enricher, DevSetEvaluation.Passage passage) {
        return enricher.enrich(passage.title().orElse(null), passage.text(),
                passage.date().orElse(LocalDate.of(2024, 1, 1)).atTime(12, 0).toInstant(ZoneOffset.UTC)).candidates();
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
