package dev.entente.enrich;

import dev.entente.schemas.Pairs;
import java.io.BufferedReader;
import java.io.IOException;


import java.io.Reader;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds countries in text by their names, demonyms and capitals, as listed in {@code countries.tsv}.
 *
 * <p>Contract: matches are whole words, case-sensitive (so {@code "US"} is the United States and
 * {@code "us"} is not; an ALL-CAPS copy of every name that has lower-case letters is matched too, for
 * headlines), never overlapping, and the longest form wins ({@code "South Korea"} over {@code "Korea"},
 * {@code "Papua New Guinea"} over {@code "Guinea"}). Forms in the file's {@code blocked} column are
 * matched and dropped, so {@code "New Mexico"} yields nothing. Typographic apostrophes count as
 * straight ones. Offsets are those of the text given.
 */
public final class Gazetteer {

    /** Classpath resource, next to this class. */
    public static final String RESOURCE = "countries.tsv";

    private static final String HEADER = "code\tnames\tdemonyms\tcapitals\tblocked";

    /** What a surface form stands for; an empty code marks a blocked phrase. */
    private record Entry(String code, CountryMention.Type type) {
        boolean blocked() {
            return code.isEmpty();
        }
    }

    private final Map<String, Entry> entries;
    private final Map<String, Set<String>> formsByCode;
    private final Trie trie;

    private Gazetteer(Map<String, Entry> entries, Map<String, Set<String>> formsByCode) {
        this.entries = Map.copyOf(entries);
        this.formsByCode = Map.copyOf(formsByCode);
        this.trie = Trie.builder().onlyWholeWords().ignoreOverlaps().addKeywords(entries.keySet()).build();
    }

    /** The gazetteer of the bundled {@code countries.tsv}. */
    public static Gazetteer fromResources() {
        return BundledResources.parse(Gazetteer.class, RESOURCE, Gazetteer::parse);
    }

    /**
     * Reads a gazetteer in the format of {@code countries.tsv}.
     *
     * @throws IllegalArgumentException naming the line when a code is unknown or repeated, or a form
     *     stands for two countries
     */
    public static Gazetteer parse(Reader reader, String sourceName) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        Map<String, Set<String>> formsByCode = new TreeMap<>();
        BufferedReader lines = new BufferedReader(reader);
        boolean headerSeen = false;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = sourceName + " line " + lineNumber + ": ";
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException(where + "expected header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException(where + "expected 5 tab-separated columns, got " + cells.length);
            }
            String code = cells[0].strip();
            if (!Pairs.isCountry(code)) {
                throw new IllegalArgumentException(where + "'" + code + "' is not an ISO 3166-1 alpha-2 code");
            }
            if (formsByCode.containsKey(code)) {
                throw new IllegalArgumentException(where + "second row for " + code);
            }
            Set<String> forms = new LinkedHashSet<>();
            Entry country = new Entry(code, CountryMention.Type.COUNTRY);
            for (String name : list(cells[1])) {
                add(entries, forms, name, country, where);
            }
            for (String demonym : list(cells[2])) {
                add(entries, forms, demonym, country, where);
                plural(demonym).ifPresent(p -> add(entries, forms, p, country, where));
            }
            for (String capital : list(cells[3])) {
                add(entries, forms, capital, new Entry(code, CountryMention.Type.CAPITAL), where);
            }
            for (String blocked : list(cells[4])) {
                add(entries, new LinkedHashSet<>(), blocked, new Entry("", CountryMention.Type.COUNTRY), where);
            }
            formsByCode.put(code, forms);
        }
        addAllCapsForms(entries);
        return new Gazetteer(entries, formsByCode);
    }

    /** Every country that has a row, as ISO codes. */
    public Set<String> codes() {
        return formsByCode.keySet();
    }

    /** The names, demonyms and capitals listed for a code (empty when it has no row). */
    public Set<String> formsOf(String code) {
        return formsByCode.getOrDefault(code, Set.of());
    }

    /** The countries named in the text, in order of appearance. */
    public List<CountryMention> find(String text) {
        String normalized = normalize(text);
        List<CountryMention> mentions = new ArrayList<>();
        for (Emit emit : trie.parseText(normalized)) {
            Entry entry = entries.get(emit.getKeyword());
            if (entry == null || entry.blocked()) {
                continue;
            }
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            mentions.add(new CountryMention(entry.type(), entry.code(), text.substring(start, end), start, end));
        }
        mentions.sort(Comparator.comparingInt(CountryMention::start));
        return List.copyOf(mentions);
    }

    /** Same length as the input, so offsets carry over. */
    static String normalize(String text) {
        return text.replace('\u2019', '\'');
    }

    private static List<String> list(String cell) {
        List<String> values = new ArrayList<>();
        for (String value : cell.split("\\|")) {
            if (!value.isBlank()) {
                values.add(normalize(value.strip()));
            }
        }
        return values;
    }

    private static Optional<String> plural(String demonym) {
        String lower = demonym.toLowerCase(Locale.ROOT);
        for (String ending : new String[] {"s", "sh", "ch", "x", "z", "ese"}) {
            if (lower.endsWith(ending)) {
                return Optional.empty();
            }
        }
        return Optional.of(demonym + "s");
    }

    private static void add(Map<String, Entry> entries, Set<String> forms, String form, Entry entry, String where) {
        Entry previous = entries.putIfAbsent(form, entry);
        if (previous != null && !previous.code().equals(entry.code())) {
            String was = previous.blocked() ? "a blocked phrase" : previous.code();
            throw new IllegalArgumentException(where + "'" + form + "' already stands for " + was);
        }
        if (!entry.blocked()) {
            forms.add(form);
        }
    }

    private static void addAllCapsForms(Map<String, Entry> entries) {
        Map<String, Entry> caps = new HashMap<>();
        entries.forEach((form, entry) -> {
            String upper = form.toUpperCase(Locale.ROOT);
            if (!upper.equals(form) && !entries.containsKey(upper)) {
                caps.putIfAbsent(upper, entry);
            }
        });
        entries.putAll(caps);
    }
}
