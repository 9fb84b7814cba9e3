package dev.entente.enrich.gazetteer;

import dev.entente.schemas.Pairs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
import java.util.zip.CRC32;

/**
 * Finds countries, leaders, institutions, organisations and outlets in text, from versioned data files:
 * {@code countries.tsv} (names, demonyms, capitals, blocked phrases of every ISO 3166-1 country),
 * {@code entities.tsv} (institutions, state agencies, organisations, outlets, ambiguous forms) and
 * {@code leaders.tsv} (office holders with their terms of office).
 *
 * <p>Contract: matches are whole words, case-sensitive (so {@code "US"} is the United States and
 * {@code "us"} is not; an ALL-CAPS copy of every form of three or more chars that has lower-case letters is
 * matched too, for headlines and datelines), never overlapping, and the longest form wins ({@code "South
 * Korea"} over {@code "Korea"}, {@code "The Washington Post"} over {@code "Washington"}). Blocked phrases are
 * matched and dropped, so {@code "New Mexico"} yields nothing. Typographic apostrophes count as straight ones.
 * A leader's name stands for its country only on dates inside one of its terms and when "former" or
 * "late" does not stand just before it. A country name that is also a common personal name (Jordan, Chad,
 * Georgia, Washington, Israel) is read as a person when a capitalised word that is not a title or function
 * word stands right before it, or (outside title-case headlines) right after it ("Michael Jordan",
 * "Chad Johnson"). Offsets are those of the text given.
 *
 * <p>A user dictionary may be merged over the bundled files ({@link #fromResources(Optional)}). It holds one or
 * more tables, each starting with the header line of one of the three files and running to the next header;
 * comment and blank lines may stand anywhere. Country rows add forms to their country; entity rows add
 * institutions, agencies, organisations, outlets or ambiguous forms; leader rows add office holders, all the
 * rows of one id making its terms. A form the user file lists (a blocked one included) replaces the bundled
 * meaning of that form, so a leader named there is read with the user's terms only.
 */
public final class Gazetteer {

    /** Classpath resources, next to this class. */
    public static final String RESOURCE = "countries.tsv";
    public static final String ENTITIES_RESOURCE = "entities.tsv";
    public static final String LEADERS_RESOURCE = "leaders.tsv";

    private static final String HEADER = "code\tnames\tdemonyms\tcapitals\tblocked";
    private static final String ENTITIES_HEADER = "id\ttype\tcountry\tnames";
    private static final String LEADERS_HEADER = "id\tnames\tcountry\trole\tstart\tend";

    /** Country names that are also common first names, surnames or US places. */
    private static final Set<String> PERSON_LIKE = Set.of("Jordan", "Chad", "Georgia", "Washington", "Israel");

    /** Capitalised words that may stand next to a country name without making it a person's name. */
    private static final Set<String> NOT_NAMES = Set.of(
            "The", "A", "An", "In", "On", "At", "And", "But", "For", "From", "To", "With", "By", "Of", "As", "When",
            "While", "After", "Before", "Both", "Neither", "Either", "Only", "Also", "Meanwhile", "Officials", "If",
            "Unless", "Why", "How", "What", "Where", "Will", "Would", "Could", "Has", "Have", "Is", "Was", "Says",
            "Said", "President", "King", "Queen", "Prince", "Emir", "Kingdom", "Republic", "State", "Northern",
            "Southern", "Eastern", "Western", "Central", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "Exclusive", "Analysis", "Update", "Breaking",
            "Vs", "Versus", "D.C", "DC", "Congress");

    enum Kind { COUNTRY, CAPITAL, INSTITUTION, AGENCY, ORGANISATION, OUTLET, AMBIGUOUS, LEADER, BLOCKED }

    /** One term of office: from {@code start} inclusive to {@code end} exclusive. */
    record Term(String code, LocalDate start, LocalDate end) {
        boolean covers(LocalDate date) {
            return !date.isBefore(start) && date.isBefore(end);
        }
    }

    /** What a surface form stands for. */
    public record Entry(Kind kind, String id, String code, List<String> candidates, List<Term> terms) {
        static Entry of(Kind kind, String code) {
            return new Entry(kind, code, code, List.of(), List.of());
        }
    }

    private final Map<String, Entry> entries;
    private final Map<String, Set<String>> formsByCode;
    private final KeywordIndex<Entry> index;
    private final String version;

    private Gazetteer(Map<String, Entry> entries, Map<String, Set<String>> formsByCode, String version) {
        this.entries = Map.copyOf(entries);
        this.formsByCode = Map.copyOf(formsByCode);
        this.index = new KeywordIndex<>(this.entries);
        this.version = version;
    }

    /** The gazetteer of the bundled data files. */
    public static Gazetteer fromResources() {
        return fromResources(Optional.empty());
    }

    /**
     * The gazetteer of the bundled data files, with a user dictionary (tables in the formats of
     * {@code countries.tsv}, {@code entities.tsv} and {@code leaders.tsv}, see the class comment) merged over
     * them when one is given.
     *
     * @throws IllegalArgumentException naming the file and line when the user dictionary is malformed
     * @throws UncheckedIOException when the user dictionary cannot be read
     */
    public static Gazetteer fromResources(Optional<Path> userDictionary) {
        Builder builder = new Builder();
        builder.countries(BundledResources.text(Gazetteer.class, RESOURCE), RESOURCE, false);
        builder.entities(BundledResources.text(Gazetteer.class, ENTITIES_RESOURCE), ENTITIES_RESOURCE, false);
        builder.leaders(BundledResources.text(Gazetteer.class, LEADERS_RESOURCE), LEADERS_RESOURCE, false);
        if (userDictionary.isPresent()) {
            Path path = userDictionary.get();
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read user dictionary " + path, e);
            }
            builder.userTables(text, path.toString());
        }
        return builder.build();
    }

    /**
     * Reads a gazetteer of countries only, in the format of {@code countries.tsv}.
     *
     * @throws IllegalArgumentException naming the line when a code is unknown or repeated, or a form
     *     stands for two countries
     */
    public static Gazetteer parse(Reader reader, String sourceName) throws IOException {
        Builder builder = new Builder();
        builder.countries(readAll(reader), sourceName, false);
        return builder.build();
    }

    /** Every country that has a row, as ISO codes. */
    public Set<String> codes() {
        return formsByCode.keySet();
    }

    /** The names, demonyms and capitals listed for a code (empty when it has no row). */
    public Set<String> formsOf(String code) {
        return formsByCode.getOrDefault(code, Set.of());
    }

    /** A digest of the data the gazetteer was built from, e.g. {@code 1a2b3c4d}. */
    public String version() {
        return version;
    }

    /** The countries named in the text by name, demonym or capital, in order of appearance. */
    public List<CountryMention> find(String text) {
        List<CountryMention> mentions = new ArrayList<>();
        for (EntityMention mention : match(text, LocalDate.now())) {
            if (mention.type().equals("country") || mention.type().equals("capital")) {
                CountryMention.Type type = mention.type().equals("country")
                        ? CountryMention.Type.COUNTRY : CountryMention.Type.CAPITAL;
                mentions.add(new CountryMention(type, mention.country(), mention.text(), mention.start(), mention.end()));
            }
        }
        return List.copyOf(mentions);
    }

    /** Every known entity in the text, in order of appearance, with leaders read as of the given date. */
    public List<EntityMention> match(String text, LocalDate date) {
        String normalized = normalize(text);
        return match(text, normalized, 0, scan(normalized), date);
    }

    /** Every occurrence of a form in a whole normalised article ({@link #normalize}), for {@link #match(String, String, int, KeywordIndex.Hits, LocalDate)}. */
    public KeywordIndex.Hits<Entry> scan(String normalizedText) {
        return index.scan(normalizedText, normalizedText);
    }

    /**
     * The entities of one sentence of an article scanned once with {@link #scan}, as {@link #match(String,
     * LocalDate)} of the sentence alone would find them: offsets relative to the sentence.
     *
     * @param sentence the sentence as it stands in the text
     * @param normalized the same sentence normalised
     * @param offset where the sentence starts in the scanned text
     */
    public List<EntityMention> match(String sentence, String normalized, int offset, KeywordIndex.Hits<Entry> hits,
            LocalDate date) {
        List<KeywordIndex.Match<Entry>> matches = index.select(hits, offset, offset + sentence.length());
        if (matches.isEmpty()) {
            return List.of();
        }
        List<EntityMention> mentions = new ArrayList<>(matches.size());
        for (KeywordIndex.Match<Entry> match : matches) {
            Entry entry = match.value();
            if (entry.kind() == Kind.BLOCKED) {
                continue;
            }
            int start = match.start() - offset;
            int end = match.end() - offset;
            mentionOf(entry, sentence.substring(start, end), normalized, start, end, date).ifPresent(mentions::add);
        }
        return List.copyOf(mentions);
    }

    private static Optional<EntityMention> mentionOf(Entry entry, String surface, String text, int start, int end,
            LocalDate date) {
        return switch (entry.kind()) {
            case COUNTRY, CAPITAL -> {
                if (PERSON_LIKE.contains(surface) && looksLikePersonName(text, start, end)) {
                    yield Optional.empty();
                }
                String type = entry.kind() == Kind.COUNTRY ? "country" : "capital";
                yield Optional.of(new EntityMention(type, entry.code(), entry.code(), surface, start, end, true, List.of()));
            }
            case LEADER -> {
                Optional<Term> term = entry.terms().stream().filter(t -> t.covers(date)).findFirst();
                if (term.isEmpty() || formerBefore(text, start)) {
                    yield Optional.of(new EntityMention("person", entry.id(), "", surface, start, end, false, List.of()));
                }
                yield Optional.of(new EntityMention("leader", entry.id(), term.get().code(), surface, start, end, true,
                        List.of()));
            }
            case INSTITUTION -> Optional.of(
                    new EntityMention("institution", entry.id(), entry.code(), surface, start, end, true, List.of()));
            case AGENCY -> Optional.of(
                    new EntityMention("agency", entry.id(), entry.code(), surface, start, end, false, List.of()));
            case ORGANISATION -> Optional.of(
                    new EntityMention("organisation", entry.id(), "", surface, start, end, false, List.of()));
            case OUTLET -> Optional.of(new EntityMention("outlet", entry.id(), "", surface, start, end, false, List.of()));
            case AMBIGUOUS -> Optional.of(
                    new EntityMention("ambiguous", entry.id(), "", surface, start, end, false, entry.candidates()));
            case BLOCKED -> Optional.empty();
        };
    }

    private static boolean looksLikePersonName(String text, int start, int end) {
        String before = wordBefore(text, start);
        if (!before.isEmpty() && Character.isUpperCase(before.charAt(0)) && !NOT_NAMES.contains(before)
                && !before.equals(before.toUpperCase(Locale.ROOT))) {
            return true;
        }
        String after = wordAfter(text, end);
        return !after.isEmpty() && Character.isUpperCase(after.charAt(0)) && !NOT_NAMES.contains(after)
                && !after.equals(after.toUpperCase(Locale.ROOT)) && !titleCase(text);
    }

    /** The word right before {@code start}, separated by one space only, or empty. */
    private static String wordBefore(String text, int start) {
        int end = start - 1;
        if (end < 1 || text.charAt(end) != ' ') {
            return "";
        }
        int from = end;
        while (from > 0 && (Character.isLetter(text.charAt(from - 1)) || text.charAt(from - 1) == '.')) {
            from--;
        }
        return text.substring(from, end);
    }

    private static String wordAfter(String text, int end) {
        if (end + 1 >= text.length() || text.charAt(end) != ' ') {
            return "";
        }
        int to = end + 1;
        while (to < text.length() && Character.isLetter(text.charAt(to))) {
            to++;
        }
        return text.substring(end + 1, to);
    }

    /** Whether the text is a title-case headline: no lower-case word longer than a short function word. */
    private static boolean titleCase(String text) {
        for (String word : text.split("[^\\p{L}]+")) {
            if (word.length() > 3 && Character.isLowerCase(word.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean formerBefore(String text, int start) {
        String before = text.substring(Math.max(0, start - 40), start).toLowerCase(Locale.ROOT);
        String[] words = before.split("[^\\p{L}-]+");
        for (int i = Math.max(0, words.length - 3); i < words.length; i++) {
            if (words[i].equals("former") || words[i].equals("late") || words[i].startsWith("ex-")) {
                return true;
            }
        }
        return false;
    }

    /** Same length as the input, so offsets carry over. */
    public static String normalize(String text) {
        return text.replace('\u2019', '\'');
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            out.append(buffer, 0, n);
        }
        return out.toString();
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

    /** Collects the rows of the data files; a user file replaces bundled meanings of the forms it lists. */
    private static final class Builder {
        private final Map<String, Entry> entries = new HashMap<>();
        private final Map<String, Set<String>> formsByCode = new TreeMap<>();
        private final CRC32 digest = new CRC32();

        void countries(String text, String sourceName, boolean override) {
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            Set<String> seen = new java.util.HashSet<>();
            forEachRow(text, sourceName, HEADER, 5, (cells, where) -> {
                String code = cells[0].strip();
                if (!Pairs.isCountry(code)) {
                    throw new IllegalArgumentException(where + "'" + code + "' is not an ISO 3166-1 alpha-2 code");
                }
                if (!seen.add(code)) {
                    throw new IllegalArgumentException(where + "second row for " + code);
                }
                Set<String> forms = formsByCode.computeIfAbsent(code, c -> new LinkedHashSet<>());
                for (String name : list(cells[1])) {
                    add(name, Entry.of(Kind.COUNTRY, code), where, override);
                    forms.add(name);
                }
                for (String demonym : list(cells[2])) {
                    add(demonym, Entry.of(Kind.COUNTRY, code), where, override);
                    forms.add(demonym);
                    plural(demonym).ifPresent(p -> {
                        add(p, Entry.of(Kind.COUNTRY, code), where, override);
                        forms.add(p);
                    });
                }
                for (String capital : list(cells[3])) {
                    add(capital, Entry.of(Kind.CAPITAL, code), where, override);
                    forms.add(capital);
                }
                for (String blocked : list(cells[4])) {
                    add(blocked, new Entry(Kind.BLOCKED, "", "", List.of(), List.of()), where, override);
                    formsByCode.values().forEach(f -> f.remove(blocked));
                }
            });
        }

        /**
         * Reads each table of a user file with the reader of its header. Lines outside a table are blanked
         * rather than dropped, so that errors name the line of the file.
         */
        void userTables(String text, String sourceName) {
            List<String> headers = List.of(HEADER, ENTITIES_HEADER, LEADERS_HEADER);
            String[] lines = text.split("\n", -1);
            int at = 0;
            while (at < lines.length && (lines[at].isBlank() || lines[at].startsWith("#"))) {
                at++;
            }
            if (at < lines.length && !headers.contains(stripReturn(lines[at]))) {
                throw new IllegalArgumentException(sourceName + " line " + (at + 1) + ": expected one of the headers '"
                        + String.join("', '", headers) + "'");
            }
            while (at < lines.length) {
                String header = stripReturn(lines[at]);
                int end = at + 1;
                while (end < lines.length && !headers.contains(stripReturn(lines[end]))) {
                    end++;
                }
                StringBuilder table = new StringBuilder();
                for (int line = 0; line < lines.length; line++) {
                    if (line >= at && line < end) {
                        table.append(stripReturn(lines[line]));
                    }
                    table.append('\n');
                }
                if (header.equals(HEADER)) {
                    countries(table.toString(), sourceName, true);
                } else if (header.equals(ENTITIES_HEADER)) {
                    entities(table.toString(), sourceName, true);
                } else {
                    leaders(table.toString(), sourceName, true);
                }
                at = end;
            }
        }

        private static String stripReturn(String line) {
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        void entities(String text, String sourceName, boolean override) {
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            forEachRow(text, sourceName, ENTITIES_HEADER, 4, (cells, where) -> {
                String id = cells[0].strip();
                Kind kind;
                try {
                    kind = Kind.valueOf(cells[1].strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + "unknown type '" + cells[1] + "'", e);
                }
                List<String> codes = list(cells[2]);
                for (String code : codes) {
                    if (!Pairs.isCountry(code)) {
                        throw new IllegalArgumentException(where + "'" + code + "' is not an ISO 3166-1 alpha-2 code");
                    }
                }
                boolean needsOne = kind == Kind.INSTITUTION || kind == Kind.AGENCY;
                if ((needsOne && codes.size() != 1) || (kind == Kind.AMBIGUOUS && codes.size() < 2)) {
                    throw new IllegalArgumentException(where + kind.name().toLowerCase(Locale.ROOT)
                            + " needs " + (needsOne ? "one country" : "two or more countries"));
                }
                Entry entry = new Entry(kind, id, needsOne ? codes.get(0) : "",
                        kind == Kind.AMBIGUOUS ? codes : List.of(), List.of());
                for (String name : list(cells[3])) {
                    add(name, entry, where, override);
                }
            });
        }

        void leaders(String text, String sourceName, boolean override) {
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            Map<String, List<Term>> terms = new HashMap<>();
            Map<String, List<String>> names = new HashMap<>();
            Map<String, String> where = new HashMap<>();
            forEachRow(text, sourceName, LEADERS_HEADER, 6, (cells, at) -> {
                String id = cells[0].strip();
                String code = cells[2].strip();
                if (!Pairs.isCountry(code)) {
                    throw new IllegalArgumentException(at + "'" + code + "' is not an ISO 3166-1 alpha-2 code");
                }
                LocalDate start;
                LocalDate end;
                try {
                    start = LocalDate.parse(cells[4].strip());
                    end = cells[5].isBlank() ? LocalDate.MAX : LocalDate.parse(cells[5].strip());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(at + "start and end must be dates like 2024-05-14", e);
                }
                if (!end.isAfter(start)) {
                    throw new IllegalArgumentException(at + "term ends before it starts");
                }
                terms.computeIfAbsent(id, i -> new ArrayList<>()).add(new Term(code, start, end));
                names.computeIfAbsent(id, i -> new ArrayList<>()).addAll(list(cells[1]));
                where.putIfAbsent(id, at);
            });
            terms.forEach((id, list) -> {
                Entry entry = new Entry(Kind.LEADER, id, "", List.of(), List.copyOf(list));
                for (String name : new LinkedHashSet<>(names.get(id))) {
                    add(name, entry, where.get(id), override);
                }
            });
        }

        Gazetteer build() {
            Map<String, Entry> all = new HashMap<>(entries);
            entries.forEach((form, entry) -> {
                String upper = form.toUpperCase(Locale.ROOT);
                if (form.length() >= 3 && !upper.equals(form) && !entries.containsKey(upper)) {
                    all.putIfAbsent(upper, entry);
                }
            });
            return new Gazetteer(all, formsByCode, String.format("%08x", digest.getValue()));
        }

        private void add(String form, Entry entry, String where, boolean override) {
            Entry previous = entries.get(form);
            // A named entity may take over a phrase the country file only blocks ("Washington Post").
            boolean namesBlocked = previous != null && previous.kind() == Kind.BLOCKED
                    && entry.kind() != Kind.COUNTRY && entry.kind() != Kind.CAPITAL;
            if (previous != null && !override && !namesBlocked && !previous.equals(entry)) {
                String was = previous.kind() == Kind.BLOCKED ? "a blocked phrase"
                        : previous.kind() == Kind.COUNTRY || previous.kind() == Kind.CAPITAL ? previous.code() : previous.id();
                throw new IllegalArgumentException(where + "'" + form + "' already stands for " + was);
            }
            if (previous != null && override && previous.code() != null && !previous.code().equals(entry.code())) {
                Set<String> forms = formsByCode.get(previous.code());
                if (forms != null) {
                    forms.remove(form);
                }
            }
            entries.put(form, entry);
        }

        private interface RowHandler {
            void row(String[] cells, String where);
        }

        private static void forEachRow(String text, String sourceName, String header, int columns, RowHandler handler) {
            try {
                BufferedReader lines = new BufferedReader(new StringReader(text));
                boolean headerSeen = false;
                int lineNumber = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    lineNumber++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String where = sourceName + " line " + lineNumber + ": ";
                    if (!headerSeen) {
                        if (!line.equals(header)) {
                            throw new IllegalArgumentException(where + "expected header '" + header + "'");
                        }
                        headerSeen = true;
                        continue;
                    }
                    String[] cells = line.split("\t", -1);
                    if (cells.length != columns) {
                        throw new IllegalArgumentException(
                                where + "expected " + columns + " tab-separated columns, got " + cells.length);
                    }
                    handler.row(cells, where);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
