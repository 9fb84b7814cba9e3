package dev.entente.enrich.knowledge;

import dev.entente.enrich.gazetteer.BundledResources;
import dev.entente.enrich.gazetteer.KeywordIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Background knowledge that news leaves unsaid: who makes a weapon system or owns a defence firm, who hosts a
 * named exercise, who belongs to a pact. "Pakistan inducted its first J-10C fighters" names one country, but
 * the fighters name the other.
 *
 * <p>Contract: four tables bundled under {@code knowledge/} ({@value #WEAPONS}, {@value #FIRMS},
 * {@value #EXERCISES}, {@value #PACTS}; their headers say what each column holds). Names are matched
 * case-sensitively on whole words, the longest match winning; a name listed in two tables is an error. Pact
 * members are those of the article's date (a pact's start inclusive, its end exclusive). Thread-safe and
 * immutable.
 */
public final class Knowledge {

    public static final String WEAPONS = "weapons.tsv";
    public static final String FIRMS = "firms.tsv";
    public static final String EXERCISES = "exercises.tsv";
    public static final String PACTS = "pacts.tsv";

    /** What a name stands for; pacts carry their dates. */
    public record Entry(KnowledgeMention.Kind kind, String id, List<String> countries, LocalDate from, LocalDate until) {}

    private final KeywordIndex<Entry> index;
    private final String version;

    private Knowledge(Map<String, Entry> forms, String version) {
        this.index = new KeywordIndex<>(forms);
        this.version = version;
    }

    /** The bundled tables. */
    public static Knowledge fromResources() {
        Map<String, Entry> forms = new HashMap<>();
        StringBuilder all = new StringBuilder();
        for (String table : List.of(WEAPONS, FIRMS, EXERCISES, PACTS)) {
            String text = BundledResources.text(Knowledge.class, table);
            all.append(text);
            read(table, text, forms);
        }
        return new Knowledge(forms, BundledResources.digest(all.toString()));
    }

    /** A digest of the four tables, e.g. {@code 1a2b3c4d}. */
    public String version() {
        return version;
    }

    /** Every occurrence of a name in a whole normalised article, for {@link #match}. */
    public KeywordIndex.Hits<Entry> scan(String normalizedText) {
        return index.scan(normalizedText, normalizedText);
    }

    /**
     * The names in one sentence of an article scanned once with {@link #scan}; offsets relative to the sentence.
     *
     * @param offset where the sentence starts in the scanned text
     * @param date the article's date, for pact membership
     */
    public List<KnowledgeMention> match(String sentence, int offset, KeywordIndex.Hits<Entry> hits, LocalDate date) {
        List<KeywordIndex.Match<Entry>> matches = index.select(hits, offset, offset + sentence.length());
        if (matches.isEmpty()) {
            return List.of();
        }
        List<KnowledgeMention> mentions = new ArrayList<>(matches.size());
        for (KeywordIndex.Match<Entry> match : matches) {
            Entry entry = match.value();
            if (entry.from() != null && date.isBefore(entry.from())
                    || entry.until() != null && !date.isBefore(entry.until())) {
                continue;
            }
            int start = match.start() - offset;
            int end = match.end() - offset;
            mentions.add(new KnowledgeMention(entry.kind(), entry.id(), entry.countries(), sentence.substring(start, end),
                    start, end));
        }
        return mentions;
    }

    /** The names in a text on its own, as of a date. */
    public List<KnowledgeMention> match(String text, LocalDate date) {
        return match(text, 0, scan(text), date);
    }

    private static void read(String table, String text, Map<String, Entry> forms) {
        KnowledgeMention.Kind kind = switch (table) {
            case WEAPONS -> KnowledgeMention.Kind.WEAPON;
            case FIRMS -> KnowledgeMention.Kind.FIRM;
            case EXERCISES -> KnowledgeMention.Kind.EXERCISE;
            default -> KnowledgeMention.Kind.PACT;
        };
        try {
            BufferedReader lines = new BufferedReader(new StringReader(text));
            String[] header = null;
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String where = table + " line " + lineNumber + ": ";
                String[] cells = line.split("\t", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.length != header.length) {
                    throw new IllegalArgumentException(
                            where + "expected " + header.length + " tab-separated columns, got " + cells.length);
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i].strip());
                }
                String countryColumn = switch (kind) {
                    case WEAPON -> "maker";
                    case FIRM -> "country";
                    case EXERCISE -> "hosts";
                    case PACT -> "members";
                };
                List<String> countries = codes(row.getOrDefault(countryColumn, ""), where);
                LocalDate from = kind == KnowledgeMention.Kind.PACT ? date(row.get("start"), false, where) : null;
                LocalDate until = kind == KnowledgeMention.Kind.PACT ? date(row.get("end"), true, where) : null;
                Entry entry = new Entry(kind, row.get("id"), countries, from, until);
                for (String name : row.getOrDefault("names", "").split("\\|")) {
                    String form = name.strip();
                    if (form.isEmpty()) {
                        continue;
                    }
                    Entry previous = forms.putIfAbsent(form, entry);
                    if (previous != null && previous != entry && !previous.id().equals(entry.id())) {
                        throw new IllegalArgumentException(where + "'" + form + "' is already listed for " + previous.id());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> codes(String cell, String where) {
        Set<String> codes = new TreeSet<>();
        for (String code : cell.split("\\|")) {
            String c = code.strip();
            if (c.isEmpty()) {
                continue;
            }
            if (!c.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException(where + "'" + c + "' is not an ISO 3166-1 alpha-2 code");
            }
            codes.add(c);
        }
        return List.copyOf(codes);
    }

    /** A year ({@code 2023}, read as its first or, for an end, its last day's next day) or an ISO date; null when blank. */
    private static LocalDate date(String cell, boolean end, String where) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        try {
            if (cell.matches("\\d{4}")) {
                int year = Integer.parseInt(cell);
                return end ? LocalDate.of(year + 1, 1, 1) : LocalDate.of(year, 1, 1);
            }
            if (cell.matches("\\d{4}-\\d{2}")) {
                LocalDate month = LocalDate.parse(cell + "-01");
                return end ? month.plusMonths(1) : month;
            }
            return LocalDate.parse(cell);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + "'" + cell + "' is not a year or a date");
        }
    }

}
