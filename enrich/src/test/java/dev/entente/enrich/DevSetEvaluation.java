package dev.entente.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entente.enrich.rules.TriggerLexicon;
import dev.entente.schemas.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores the enricher on a labelled set, the development set {@code devset.jsonl} or a held-out set
 * ({@code heldout-a.jsonl}, {@code heldout-b.jsonl}): precision, recall and F1 of cooperation pairs, overall
 * and per event subtype, and every error.
 *
 * <p>Each line of the set is {@code {"id", "title"?, "text", "date"?, "pairs": {"KP-RU": "treaty-alliance"}}}:
 * the gold pairs of the passage with the subtype of the cooperation that ties them; an empty object marks
 * a passage that asserts no military cooperation. A passage is enriched at noon UTC of its date, so that
 * leaders are read with the terms of office of that day. A predicted pair matches a gold pair of the same
 * passage; a true positive is attributed to its gold subtype, a false positive to the subtype the
 * enricher gave it. The subtype accuracy counts the true positives whose gold subtype is among the
 * subtypes of the events that tie the pair.
 *
 * <p>Print the reports with {@code mvn -q -o -pl enrich test-compile exec:exec -Pevaluate} (both bundled
 * sets), or of your own labelled files with {@code -Devaluate.files="a.jsonl b.jsonl"}.
 */
public final class DevSetEvaluation {

    /** Classpath resource of the development set, next to this class. */
    public static final String RESOURCE = "devset.jsonl";

    /**
     * Classpath resource of the first held-out set: passages written by someone who had not seen the rules or
     * the development set. Its errors have since been used to generalise the rules, so it is blind no more.
     */
    public static final String HELD_OUT_A_RESOURCE = "heldout-a.jsonl";

    /**
     * Classpath resource of the second held-out set, written the same way in another style (indirect phrasing,
     * longer passages) and never used to tune the rules: its figures are the honest ones.
     */
    public static final String HELD_OUT_B_RESOURCE = "heldout-b.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "(none)";
    /** The subtype of a gold pair labelled without one (the codebook's list of pairs). */
    static final String UNTYPED = "(untyped)";

    /** One passage of the set. */
    public record Passage(String id, Optional<String> title, String text, Optional<LocalDate> date,
            Map<String, String> pairs, Optional<String> story) {}

    /** True positives, false positives and false negatives of one slice. */
    public record Counts(int tp, int fp, int fn) {
        Counts plus(int tpAdd, int fpAdd, int fnAdd) {
            return new Counts(tp + tpAdd, fp + fpAdd, fn + fnAdd);
        }

        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** The outcome over the whole set. */
    public record Report(String name, int passages, Counts overall, Map<String, Counts> bySubtype, int subtypeCorrect,
            int subtypeLabelled, List<String> errors) {

        public double subtypeAccuracy() {
            return subtypeLabelled == 0 ? 1.0 : (double) subtypeCorrect / subtypeLabelled;
        }

        /** The figures without the errors: for a test split, whose errors nobody may read. */
        public String figures() {
            String all = format();
            return all.substring(0, all.indexOf("errors ("));
        }

        /** The report as text, one figure or error a line. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s: %d passages, %d gold pairs%n", name, passages,
                    overall.tp() + overall.fn()));
            out.append(line("pairs (all)", overall));
            bySubtype.forEach((subtype, counts) -> out.append(line("  " + subtype, counts)));
            out.append(String.format(Locale.ROOT, "subtype accuracy on true positives with a gold subtype: %.3f (%d/%d)%n",
                    subtypeAccuracy(), subtypeCorrect, subtypeLabelled));
            out.append(String.format("errors (%d):%n", errors.size()));
            errors.forEach(error -> out.append("  ").append(error).append(System.lineSeparator()));
            return out.toString();
        }

        private static String line(String label, Counts c) {
            return String.format(Locale.ROOT, "%-24s P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)%n", label,
                    c.precision(), c.recall(), c.f1(), c.tp(), c.fp(), c.fn());
        }
    }

    private DevSetEvaluation() {}

    /**
     * Prints the report of each labelled file named in the arguments (JSON Lines in the format above), or
     * without arguments those of the development and held-out sets, under the bundled dictionaries.
     */
    public static void main(String[] args) throws IOException {
        Enricher enricher = Enricher.fromResources();
        if (args.length == 0) {
            System.out.print(evaluate("Development set", enricher, load(RESOURCE)).format());
            System.out.print(evaluate("Held-out set A", enricher, load(HELD_OUT_A_RESOURCE)).format());
            System.out.print(evaluate("Held-out set B", enricher, load(HELD_OUT_B_RESOURCE)).format());
        }
        for (String file : args) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                System.out.print(evaluate(file, enricher, read(in, file)).format());
            }
        }
    }

    /** The passages of a bundled set: {@link #RESOURCE}, {@link #HELD_OUT_A_RESOURCE} or {@link #HELD_OUT_B_RESOURCE}. */
    public static List<Passage> load(String resource) {
        try (InputStream in = DevSetEvaluation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Passage> read(InputStream in, String source) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Passage> passages = new ArrayList<>();
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (!line.isBlank()) {
                passages.add(parse(JSON.readTree(line), source, number));
            }
        }
        return passages;
    }

    private static Passage parse(JsonNode node, String resource, int line) {
        if (!node.hasNonNull("id") || !node.hasNonNull("text") || !node.has("pairs")
                || !(node.get("pairs").isObject() || node.get("pairs").isArray())) {
            throw new IllegalArgumentException(resource + " line " + line + ": needs id, text and pairs");
        }
        Map<String, String> pairs = new TreeMap<>();
        if (node.get("pairs").isArray()) {
            // The codebook's format (../shared/LABELLING.md): pairs without subtypes.
            node.get("pairs").forEach(pair -> pairs.put(pair.asText(), UNTYPED));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("pairs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            pairs.put(entry.getKey(), entry.getValue().asText());
        }
        return new Passage(node.get("id").asText(),
                Optional.ofNullable(node.get("title")).map(JsonNode::asText),
                node.get("text").asText(),
                Optional.ofNullable(node.get("date")).map(JsonNode::asText).map(LocalDate::parse),
                pairs, Optional.ofNullable(node.get("story")).map(JsonNode::asText));
    }

    /** Scores the enricher on the passages of the set with the given name. */
    public static Report evaluate(String name, Enricher enricher, List<Passage> passages) {
        Counts overall = new Counts(0, 0, 0);
        Map<String, Counts> bySubtype = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int subtypeCorrect = 0;
        int subtypeUntyped = 0;
        for (Passage passage : passages) {
            Instant time = passage.date().map(d -> d.atTime(12, 0).toInstant(ZoneOffset.UTC)).orElse(Instant.now());
            Enrichment enrichment = enricher.enrich(passage.title().orElse(null), passage.text(), time);
            Map<String, Set<String>> predicted = new LinkedHashMap<>();
            for (String pair : enrichment.cooperationPairs()) {
                predicted.put(pair, subtypesOf(pair, enrichment.events()));
            }
            for (Map.Entry<String, String> gold : passage.pairs().entrySet()) {
                String subtype = gold.getValue();
                if (predicted.containsKey(gold.getKey())) {
                    overall = overall.plus(1, 0, 0);
                    bySubtype.merge(subtype, new Counts(1, 0, 0), DevSetEvaluation::sum);
                    if (subtype.equals(UNTYPED)) {
                        subtypeUntyped++;
                    } else if (predicted.get(gold.getKey()).contains(subtype)) {
                        subtypeCorrect++;
                    } else {
                        errors.add(passage.id() + " SUBTYPE " + gold.getKey() + " gold " + subtype + ", got "
                                + predicted.get(gold.getKey()));
                    }
                } else {
                    overall = overall.plus(0, 0, 1);
                    bySubtype.merge(subtype, new Counts(0, 0, 1), DevSetEvaluation::sum);
                    errors.add(passage.id() + " MISSED " + gold.getKey() + " (" + subtype + "): " + passage.text());
                }
            }
            for (Map.Entry<String, Set<String>> guess : predicted.entrySet()) {
                if (!passage.pairs().containsKey(guess.getKey())) {
                    String subtype = guess.getValue().isEmpty() ? NONE : guess.getValue().iterator().next();
                    overall = overall.plus(0, 1, 0);
                    bySubtype.merge(subtype, new Counts(0, 1, 0), DevSetEvaluation::sum);
                    errors.add(passage.id() + " SPURIOUS " + guess.getKey() + " (" + subtype + "): " + passage.text());
                }
            }
        }
        return new Report(name, passages.size(), overall, bySubtype, subtypeCorrect, overall.tp() - subtypeUntyped, errors);
    }

    private static Set<String> subtypesOf(String pair, List<Event> events) {
        String[] codes = pair.split("-");
        Set<String> subtypes = new TreeSet<>();
        for (Event event : events) {
            if (event.getType().equals(TriggerLexicon.MILITARY_COOPERATION) && event.getActors().contains(codes[0])
                    && event.getActors().contains(codes[1])) {
                subtypes.add(event.getSubtype());
            }
        }
        return subtypes;
    }

    private static Counts sum(Counts a, Counts b) {
        return a.plus(b.tp(), b.fp(), b.fn());
    }
}
