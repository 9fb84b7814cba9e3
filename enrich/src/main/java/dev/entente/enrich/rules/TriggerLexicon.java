package dev.entente.enrich.rules;

import dev.entente.enrich.features.CueWords.Cue;
import dev.entente.enrich.gazetteer.BundledResources;
import dev.entente.enrich.gazetteer.Gazetteer;
import dev.entente.enrich.gazetteer.KeywordIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The military-cooperation lexicon of {@code triggers.tsv}: finds its cue words in one sentence and
 * composes them into event triggers.
 *
 * <p>Contract: cues match case-insensitively on whole words, never overlap, and the longest form wins
 * ({@code "joint military exercises"} over {@code "military exercises"}). A form may belong to several
 * kinds ({@code "troops"} is materiel, personnel and context). {@link Scan#triggers()} holds the
 * sentence's event triggers, in order: every {@link Kind#PHRASE}; every {@link Kind#WEAK_PHRASE} when a
 * {@link Kind#CONTEXT} word is in the sentence; a supply (supply or receive verb, then materiel within
 * {@value #SUPPLY_REACH} words); and a training (train verb, then personnel within {@value #TRAINING_REACH}
 * words), neither crossing {@code ; : .}.
 */
public final class TriggerLexicon {

    /** Classpath resource, next to this class. */
    public static final String RESOURCE = "triggers.tsv";

    static final int SUPPLY_REACH = 8;
    static final int TRAINING_REACH = 4;

    private static final String HEADER = "kind\ttype\tlemma\tforms";

    /** The role a cue plays; see the header of {@code triggers.tsv}. */
    public enum Kind {
        PHRASE, WEAK_PHRASE, CONTEXT, COOP_VERB, JOIN_VERB, SUPPLY_VERB, RECEIVE_VERB, MATERIEL, TRAIN_VERB,
        PERSONNEL, NEGATION, NON_AGENT, VISIT_VERB, EVENT, TERMINATE, STATION_VERB, CONSENT, PERMIT_VERB,
        PRODUCE_VERB;

        static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * One cue word or phrase in a sentence.
     *
     * @param standalone whether the cue is a trigger by itself in this sentence
     */
    public record Cue(Set<Kind> kinds, String eventType, String subtype, String text, int start, int end,
            boolean standalone) {

        public Cue {
            kinds = KindSet.of(kinds);
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(subtype, "subtype");
            Objects.requireNonNull(text, "text");
        }

        public boolean is(Kind kind) {
            return kinds.contains(kind);
        }

        public boolean isAny(Set<Kind> wanted) {
            if (wanted instanceof KindSet set) {
                return ((KindSet) kinds).intersects(set);
            }
            return !Collections.disjoint(kinds, wanted);
        }
    }

    /**
     * An event trigger: the words of the sentence that signal an event of the given type and subtype (empty
     * when the lexicon names none).
     */
    public record Trigger(String eventType, String subtype, String text, int start, int end) {}

    /** Everything the lexicon found in one sentence. */
    public record Scan(List<Cue> cues, List<Trigger> triggers) {
        public Scan {
            cues = List.copyOf(cues);
            triggers = List.copyOf(triggers);
        }
    }

    /** Default event type of rows that name none. */
    public static final String MILITARY_COOPERATION = "military-cooperation";

    public record Entry(Set<Kind> kinds, String eventType, String subtype, boolean typed) {}

    private final KeywordIndex<Entry> index;
    private final String version;

    private TriggerLexicon(Map<String, Entry> entries, String version) {
        this.version = version;
        Map<String, Entry> folded = new HashMap<>();
        // The text is folded char by char (see fold), so the forms are too; Locale.ROOT lower-casing of the file
        // may differ for a few chars outside ASCII.
        entries.forEach((form, entry) -> folded.putIfAbsent(fold(form),
                new Entry(KindSet.of(entry.kinds()), entry.eventType(), entry.subtype(), entry.typed())));
        this.index = new KeywordIndex<>(folded);
    }

    /** The lexicon of the bundled {@code triggers.tsv}. */
    public static TriggerLexicon fromResources() {
        return BundledResources.parse(TriggerLexicon.class, RESOURCE, TriggerLexicon::parse);
    }

    /**
     * Reads a lexicon in the format of {@code triggers.tsv}.
     *
     * @throws IllegalArgumentException naming the line when a row is malformed or a form is given two
     *     event types
     */
    public static TriggerLexicon parse(Reader reader, String sourceName) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        CRC32 digest = new CRC32();
        BufferedReader lines = new BufferedReader(reader);
        boolean headerSeen = false;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
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
            if (cells.length != 4) {
                throw new IllegalArgumentException(where + "expected 4 tab-separated columns, got " + cells.length);
            }
            Kind kind;
            try {
                kind = Kind.of(cells[0].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "unknown kind '" + cells[0] + "'", e);
            }
            String typeCell = cells[1].strip();
            int slash = typeCell.indexOf('/');
            boolean typed = slash >= 0;
            String type = typed ? typeCell.substring(0, slash) : typeCell;
            String subtype = typed ? typeCell.substring(slash + 1) : "";
            for (String raw : cells[3].split("\\|")) {
                String form = Gazetteer.normalize(raw.strip()).toLowerCase(Locale.ROOT);
                if (form.isEmpty()) {
                    continue;
                }
                Entry previous = entries.get(form);
                if (previous != null && typed && previous.typed()
                        && !(previous.eventType().equals(type) && previous.subtype().equals(subtype))) {
                    throw new IllegalArgumentException(where + "'" + form + "' already has event type "
                            + previous.eventType() + "/" + previous.subtype());
                }
                if (previous != null && !typed && !previous.typed() && !previous.eventType().equals(type)) {
                    throw new IllegalArgumentException(where + "'" + form + "' already has event type " + previous.eventType());
                }
                Set<Kind> kinds = previous == null ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(previous.kinds());
                kinds.add(kind);
                Entry entry = typed || previous == null
                        ? new Entry(kinds, type, subtype, typed)
                        : new Entry(kinds, previous.eventType(), previous.subtype(), previous.typed());
                entries.put(form, entry);
            }
        }
        return new TriggerLexicon(entries, String.format("%08x", digest.getValue()));
    }

    /** A digest of the lexicon file, e.g. {@code 1a2b3c4d}. */
    public String version() {
        return version;
    }

    /** The cues and triggers of one sentence; offsets are those of the sentence. */
    public Scan scan(String sentence) {
        String normalized = Gazetteer.normalize(sentence);
        return scan(sentence, 0, scan(fold(normalized), normalized));
    }

    /**
     * Every occurrence of a cue in a whole article, for {@link #scan(String, int, KeywordIndex.Hits)}.
     *
     * @param folded the normalised article ({@link Gazetteer#normalize}) folded with {@link #fold}
     * @param normalized the normalised article
     */
    public KeywordIndex.Hits<Entry> scan(String folded, String normalized) {
        return index.scan(folded, normalized);
    }

    /**
     * The cues and triggers of one sentence of an article scanned once, as {@link #scan(String)} of the
     * sentence alone would find them; offsets relative to the sentence.
     *
     * @param offset where the sentence starts in the scanned text
     */
    public Scan scan(String sentence, int offset, KeywordIndex.Hits<Entry> hits) {
        List<KeywordIndex.Match<Entry>> matches = index.select(hits, offset, offset + sentence.length());
        if (matches.isEmpty()) {
            return EMPTY;
        }
        boolean context = false;
        for (KeywordIndex.Match<Entry> match : matches) {
            context |= match.value().kinds().contains(Kind.CONTEXT);
        }
        List<Cue> cues = new ArrayList<>(matches.size());
        for (KeywordIndex.Match<Entry> match : matches) {
            Entry entry = match.value();
            int start = match.start() - offset;
            int end = match.end() - offset;
            boolean standalone = entry.kinds().contains(Kind.PHRASE) || (entry.kinds().contains(Kind.WEAK_PHRASE) && context);
            cues.add(new Cue(entry.kinds(), entry.eventType(), entry.subtype(), sentence.substring(start, end), start, end,
                    standalone));
        }
        return new Scan(cues, triggers(sentence, cues));
    }

    private static final Scan EMPTY = new Scan(List.of(), List.of());

    /** Lower case char by char, so that offsets carry over (unlike {@link String#toLowerCase}). */
    public static String fold(String text) {
        // Nearly every text has an upper-case letter, so copy it at once and work on the array, which spares
        // the bounds and coder checks of charAt on each char.
        char[] chars = text.toCharArray();
        boolean changed = false;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            // ASCII first: the same answer as Character.toLowerCase without its table lookup.
            char lower = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c);
            if (lower != c) {
                chars[i] = lower;
                changed = true;
            }
        }
        return changed ? new String(chars) : text;
    }

    private static List<Trigger> triggers(String sentence, List<Cue> cues) {
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            if (cue.standalone() || cue.is(Kind.EVENT)) {
                triggers.add(new Trigger(cue.eventType(), cue.subtype(), cue.text(), cue.start(), cue.end()));
            } else if (cue.is(Kind.SUPPLY_VERB) || cue.is(Kind.RECEIVE_VERB)) {
                composite(sentence, cues, i, Kind.MATERIEL, SUPPLY_REACH).ifPresent(triggers::add);
            } else if (cue.is(Kind.TRAIN_VERB)) {
                composite(sentence, cues, i, Kind.PERSONNEL, TRAINING_REACH).ifPresent(triggers::add);
            }
        }
        return triggers;
    }

    private static Optional<Trigger> composite(String sentence, List<Cue> cues, int verb, Kind object, int reach) {
        Cue head = cues.get(verb);
        for (int j = verb + 1; j < cues.size(); j++) {
            Cue candidate = cues.get(j);
            if (wordsIn(sentence, head.end(), candidate.start()) > reach
                    || hasClauseMark(sentence, head.end(), candidate.start())) {
                break;
            }
            if (candidate.is(object)) {
                String text = sentence.substring(head.start(), candidate.end());
                // A training verb names its own subtype ("train ... troops" is training, not troops sent).
                String subtype = head.subtype().isEmpty() ? candidate.subtype() : head.subtype();
                return Optional.of(new Trigger(head.eventType(), subtype, text, head.start(), candidate.end()));
            }
        }
        return Optional.empty();
    }

    private static boolean hasClauseMark(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ';' || c == ':' || c == '.') {
                return true;
            }
        }
        return false;
    }

    /** How many words a stretch of text holds; detectors use the same count. */
    static int wordsIn(String text) {
        return wordsIn(text, 0, text.length());
    }

    /** How many words (runs of letters and numbers) {@code text} holds from {@code from} to {@code to}. */
    static int wordsIn(String text, int from, int to) {
        int count = 0;
        boolean inWord = false;
        for (int i = from; i < to; ) {
            int c = text.codePointAt(i);
            boolean wordChar = Character.isLetter(c) || isNumber(c);
            if (wordChar && !inWord) {
                count++;
            }
            inWord = wordChar;
            i += Character.charCount(c);
        }
        return count;
    }

    private static boolean isNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
