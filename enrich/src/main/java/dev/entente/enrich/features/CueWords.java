package dev.entente.enrich.features;

import dev.entente.enrich.gazetteer.BundledResources;
import dev.entente.enrich.text.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The cue classes of {@value #RESOURCE}: which words of a sentence are weapons, forces, supply verbs,
 * negations, criticism and so on.
 *
 * <p>Contract: a form of one to three words matches where the sentence's tokens ({@link Tokens}) spell it,
 * joined by single spaces; a hyphenated token ("Chinese-built") also matches its last part with the hyphen
 * ("-built"). {@link #classes} gives each token the classes of every form that starts there, as bits indexed
 * by {@link Cue#ordinal()}. Immutable and thread-safe.
 */
public final class CueWords {

    public static final String RESOURCE = "cue-words.tsv";

    /** The classes of the file, in its order. */
    public enum Cue {
        WEAPON, FORCE, DEFENCE, EXERCISE, BASE, DEAL, SUPPLY, BUY, PRODUCE, MADE_BY, TRAIN, VISIT, COOP, PACT, INTENT,
        NEGATION, MODALITY, CONFLICT, CRITICISM, SANCTION, TRADE, RELIEF, POLICE, DIPLOMACY, SPEECH, OBSERVER,
        NONSTATE, REFERENCE, PLACE, WITH, TIME;

        /** The class as the file names it, e.g. {@code made-by}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public boolean in(long mask) {
            return (mask & (1L << ordinal())) != 0;
        }
    }

    /** The classes that make a sentence military, so that its country pairs become candidates. */
    public static final long MILITARY = bits(Cue.WEAPON, Cue.FORCE, Cue.DEFENCE, Cue.EXERCISE, Cue.PACT, Cue.TRAIN);

    private final Map<String, Long> forms;
    /** The first words (and first two words) of the forms of two words or more: only these start a longer look-up. */
    private final java.util.Set<String> starts;
    private final int longest;
    private final String version;

    private CueWords(Map<String, Long> forms, int longest, String version) {
        this.version = version;
        this.forms = new HashMap<>(forms);
        this.longest = longest;
        this.starts = new java.util.HashSet<>();
        for (String form : forms.keySet()) {
            String[] words = form.split(" ");
            for (int n = 1; n < words.length; n++) {
                starts.add(String.join(" ", java.util.Arrays.copyOf(words, n)));
            }
        }
    }

    /** The bundled file. */
    public static CueWords fromResources() {
        try {
            return parse(BundledResources.text(CueWords.class, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CueWords parse(String text) throws IOException {
        Map<String, Long> forms = new HashMap<>();
        int longest = 1;
        BufferedReader lines = new BufferedReader(new StringReader(text));
        boolean header = false;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                header = true;
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 2) {
                throw new IllegalArgumentException(RESOURCE + " line " + lineNumber + ": expected 2 columns");
            }
            Cue cue = Cue.valueOf(cells[0].strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            for (String form : cells[1].split("\\|")) {
                String key = Tokens.of(form.strip()).size() == 0 ? "" : String.join(" ", words(form.strip()));
                if (!key.isEmpty()) {
                    forms.merge(key, 1L << cue.ordinal(), (a, b) -> a | b);
                    longest = Math.max(longest, key.split(" ").length);
                }
            }
        }
        return new CueWords(forms, longest, BundledResources.digest(text));
    }

    private static String[] words(String form) {
        Tokens tokens = Tokens.of(form);
        String[] words = new String[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = tokens.word(i);
        }
        // A form that starts with a hyphen ("-built") is the tail of a hyphenated token.
        if (form.startsWith("-") && words.length == 2 && words[0].equals("-")) {
            return new String[] {"-" + words[1]};
        }
        return words;
    }

    /** A digest of the file, e.g. {@code 1a2b3c4d}. */
    public String version() {
        return version;
    }

    /** The cue bits of each token: the classes of every form that starts at it. */
    public long[] classes(Tokens tokens) {
        int size = tokens.size();
        long[] masks = new long[size];
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < size; i++) {
            String word = tokens.word(i);
            long mask = forms.getOrDefault(word, 0L);
            int hyphen = word.lastIndexOf('-');
            if (hyphen > 0) {
                mask |= forms.getOrDefault(word.substring(hyphen), 0L);
            }
            if (starts.contains(word)) {
                key.setLength(0);
                key.append(word);
                for (int n = 1; n < longest && i + n < size; n++) {
                    key.append(' ').append(tokens.word(i + n));
                    String phrase = key.toString();
                    Long more = forms.get(phrase);
                    if (more != null) {
                        mask |= more;
                    }
                    if (!starts.contains(phrase)) {
                        break;
                    }
                }
            }
            masks[i] = mask;
        }
        return masks;
    }

    static long bits(Cue... cues) {
        long mask = 0;
        for (Cue cue : cues) {
            mask |= 1L << cue.ordinal();
        }
        return mask;
    }
}
