package dev.entente.enrich.scorer;

import dev.entente.enrich.candidates.Candidate;
import dev.entente.enrich.gazetteer.BundledResources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The learned pair scorer: a logistic regression over the features of a candidate ({@link PairFeatures}),
 * trained by {@link PairScorerTrainer} and bundled as {@value #RESOURCE}.
 *
 * <p>Contract: {@link #probability} is {@code 1 / (1 + exp(-(bias + sum of the weights of the features
 * present)))}; a feature the model does not know weighs nothing. {@link #threshold()} is the confidence from
 * which a candidate counts, chosen on the validation split for precision of at least 0.95. The model file is
 * text: {@code #} comments, then {@code bias}, {@code threshold} and {@code C} rows, then a {@code feature
 * weight} header and one row per feature. Immutable and thread-safe.
 */
public final class PairScorer {

    public static final String RESOURCE = "pair-scorer.tsv";

    private final Map<String, Double> weights;
    private final double bias;
    private final double threshold;
    private final String version;
    private final String digest;

    public PairScorer(Map<String, Double> weights, double bias, double threshold, String version) {
        this(weights, bias, threshold, version, "untrained");
    }

    private PairScorer(Map<String, Double> weights, double bias, double threshold, String version, String digest) {
        this.digest = digest;
        // A HashMap rather than Map.copyOf: lookups of absent features are the common case, and the immutable
        // map's probing is several times slower for them on a few thousand keys.
        this.weights = new HashMap<>(weights);
        this.bias = bias;
        this.threshold = threshold;
        this.version = version;
    }

    /** A scorer that knows nothing: every candidate gets 0.5. For training, where only the features matter. */
    public static PairScorer untrained() {
        return new PairScorer(Map.of(), 0, 0.5, "untrained");
    }

    /** The bundled model. */
    public static PairScorer fromResources() {
        return parse(BundledResources.text(PairScorer.class, RESOURCE), RESOURCE);
    }

    /** Reads a model file. */
    public static PairScorer parse(String text, String sourceName) {
        Map<String, Double> weights = new HashMap<>();
        Double bias = null;
        Double threshold = null;
        String version = "";
        boolean header = false;
        try {
            BufferedReader lines = new BufferedReader(new StringReader(text));
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("# version ")) {
                    version = line.substring("# version ".length()).strip();
                }
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 2) {
                    throw new IllegalArgumentException(sourceName + " line " + lineNumber + ": expected 2 columns");
                }
                if (!header) {
                    switch (cells[0]) {
                        case "bias" -> bias = Double.parseDouble(cells[1]);
                        case "threshold" -> threshold = Double.parseDouble(cells[1]);
                        case "feature" -> header = true;
                        default -> { }
                    }
                    continue;
                }
                weights.put(cells[0], Double.parseDouble(cells[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sourceName + ": " + e.getMessage(), e);
        }
        if (bias == null || threshold == null || !header) {
            throw new IllegalArgumentException(sourceName + ": needs bias and threshold rows and a feature header");
        }
        return new PairScorer(weights, bias, threshold, version, BundledResources.digest(text));
    }

    /** The probability that a candidate with these features is reported as cooperating. */
    public double probability(List<String> features) {
        double sum = bias;
        for (String feature : features) {
            Double weight = weights.get(feature);
            if (weight != null) {
                sum += weight;
            }
        }
        return 1 / (1 + Math.exp(-sum));
    }

    /** The candidate with its confidence. */
    public Candidate score(Candidate candidate) {
        return candidate.scored(probability(candidate.features()));
    }

    /** The five features that weighed most for a candidate, strongest first, as {@code feature:+0.83}. */
    public List<String> evidence(Candidate candidate) {
        return evidence(candidate.features(), 5);
    }

    /** The {@code limit} features that weighed most, strongest first, as {@code feature:+0.83}. */
    public List<String> evidence(List<String> features, int limit) {
        List<String> known = new ArrayList<>();
        for (String feature : features) {
            if (weights.containsKey(feature)) {
                known.add(feature);
            }
        }
        known.sort(Comparator.comparingDouble((String f) -> -Math.abs(weights.get(f))).thenComparing(f -> f));
        List<String> evidence = new ArrayList<>();
        for (String feature : known.subList(0, Math.min(limit, known.size()))) {
            evidence.add(String.format(Locale.ROOT, "%s:%+.2f", feature, weights.get(feature)));
        }
        return evidence;
    }

    /** The confidence from which a candidate counts, chosen on the validation split. */
    public double threshold() {
        return threshold;
    }

    /** The model's version line, e.g. {@code 2026.2 trained on 1,480 passages}. */
    public String version() {
        return version;
    }

    /** A digest of the model file, e.g. {@code 1a2b3c4d}; {@code untrained} for a scorer made in code. */
    public String digest() {
        return digest;
    }

    /** The weight of a feature, if the model knows it. */
    public Optional<Double> weight(String feature) {
        return Optional.ofNullable(weights.get(feature));
    }
}
