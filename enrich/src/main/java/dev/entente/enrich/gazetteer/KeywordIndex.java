package dev.entente.enrich.gazetteer;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dictionary matching with a double-array Aho-Corasick automaton (the library's, walked along its trie from
 * each word start): one pass over a whole article finds every whole-word occurrence of every form, and
 * {@link #select} then picks the matches of one sentence exactly as matching that sentence alone would.
 *
 * <p>Contract: an occurrence is a whole word when neither the char before nor the char after it is
 * alphabetic ({@link Character#isAlphabetic}). Within a sentence, matches never overlap: the longest wins, and
 * of two equally long ones the leftmost. A match crossing a sentence boundary is never selected, so a
 * sentence sees only its own text; since sentences are separated by white space, whole-word checks against
 * the article equal those against the sentence. Case folding, if any, is the caller's: {@link #scan} takes
 * the text to match (e.g. lower-cased char by char, so offsets carry over) and the text whose chars decide
 * word boundaries.
 *
 * @param <V> what a form stands for
 */
public final class KeywordIndex<V> {

    /** A selected match: {@code start} inclusive, {@code end} exclusive, offsets of the scanned text. */
    public record Match<V>(int start, int end, V value) {}

    /** Every whole-word occurrence in one text, ordered by end. */
    public static final class Hits<V> {
        private int[] starts;
        private int[] ends;
        private Object[] values;
        private int size;

        /** @param capacity a guess at the number of hits, so that the arrays rarely grow */
        private Hits(int capacity) {
            starts = new int[capacity];
            ends = new int[capacity];
            values = new Object[capacity];
        }

        private void add(int start, int end, Object value) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            values[size] = value;
            size++;
        }

        int size() {
            return size;
        }
    }

    private final WordStartTrie<V> trie = new WordStartTrie<>();

    /** @param forms the forms to find, as they must stand in the text given to {@link #scan} */
    public KeywordIndex(Map<String, V> forms) {
        trie.build(new TreeMap<>(forms));
        trie.indexPrefixes(forms.keySet());
    }

    /**
     * Every whole-word occurrence of a form in {@code text}.
     *
     * @param text the text to match, char for char as long as {@code boundaries}
     * @param boundaries the text whose chars next to an occurrence decide whether it is a whole word
     */
    public Hits<V> scan(String text, String boundaries) {
        // Wire text holds a whole-word hit every few dozen chars for the lexicon, fewer for the gazetteer.
        Hits<V> hits = new Hits<>(Math.max(16, text.length() / 32));
        char[] chars = text.toCharArray();
        char[] edges = boundaries.equals(text) ? chars : boundaries.toCharArray();
        trie.scanWordStarts(chars, edges, hits);
        sortByEnd(hits);
        return hits;
    }

    /**
     * The automaton of the library, walked along its trie from each word start only. A full Aho-Corasick pass
     * also follows failure links at every char and reports every occurrence inside words, which the whole-word
     * rule then drops; starting only where a whole word can start finds the same whole-word occurrences in
     * a fraction of the steps.
     */
    private static final class WordStartTrie<V> extends AhoCorasickDoubleArrayTrie<V> {

        /** Size of the table of three-char prefixes, a power of two: 8 KB. */
        private static final int PREFIX_BITS = 1 << 16;

        /*
         * Most word starts begin no form, yet a walk finds that out only after a few steps through the large
         * trie arrays, which miss the cache. Small tables that stay in the cache answer first, from the first
         * chars of the text at the start: the forms of one or two chars exactly, the first three chars of the
         * longer ones (hashed into a bit table: a collision only costs a walk), and the first chars of forms with
         * a char outside ASCII among their first three (text starting so always gets a walk).
         */
        private final boolean[] oneCharForms = new boolean[128];
        private final long[] twoCharForms = new long[128 * 128 / 64];
        private final long[] threeCharPrefixes = new long[PREFIX_BITS / 64];
        private final boolean[] walkAlways = new boolean[128];

        void indexPrefixes(Collection<String> forms) {
            for (String form : forms) {
                if (form.isEmpty() || form.charAt(0) >= 128) {
                    continue;
                }
                char first = form.charAt(0);
                int ascii = 1;
                while (ascii < Math.min(3, form.length()) && form.charAt(ascii) < 128) {
                    ascii++;
                }
                if (ascii < Math.min(3, form.length())) {
                    walkAlways[first] = true;
                } else if (form.length() == 1) {
                    oneCharForms[first] = true;
                } else if (form.length() == 2) {
                    setBit(twoCharForms, 128 * first + form.charAt(1));
                } else {
                    setBit(threeCharPrefixes, prefixBit(first, form.charAt(1), form.charAt(2)));
                }
            }
        }

        /** Whether a form can begin at {@code start}. */
        private boolean mayBeginForm(char[] chars, int start) {
            char first = chars[start];
            if (first >= 128 || walkAlways[first] || oneCharForms[first]) {
                return true;
            }
            if (start + 1 == chars.length || chars[start + 1] >= 128) {
                return false;
            }
            char second = chars[start + 1];
            if (isSet(twoCharForms, 128 * first + second)) {
                return true;
            }
            if (start + 2 == chars.length || chars[start + 2] >= 128) {
                return false;
            }
            return isSet(threeCharPrefixes, prefixBit(first, second, chars[start + 2]));
        }

        private static int prefixBit(char first, char second, char third) {
            int key = (first << 14) | (second << 7) | third;
            return (key * 0x9E3779B1) >>> (32 - Integer.numberOfTrailingZeros(PREFIX_BITS));
        }

        private static void setBit(long[] bits, int bit) {
            bits[bit >>> 6] |= 1L << bit;
        }

        private static boolean isSet(long[] bits, int bit) {
            return (bits[bit >>> 6] & (1L << bit)) != 0;
        }

        void scanWordStarts(char[] chars, char[] edges, Hits<V> hits) {
            int length = chars.length;
            // A whole word can start at 0 and right after each char that is not a letter: after a walk from
            // one such place, skip the run of letters that starts there, if any, and the char that ends it.
            for (int start = 0; start < length; start = nextWordStart(edges, start)) {
                if (!mayBeginForm(chars, start)) {
                    continue;
                }
                int state = 0;
                for (int i = start; i < length; i++) {
                    // 0 is the root (no form starts with this char), -1 no transition: no longer form here.
                    int next = transitionWithRoot(state, chars[i]);
                    if (next <= 0) {
                        break;
                    }
                    state = next;
                    // The boundary first: the next char is at hand, the state's outputs likely not in the cache.
                    int end = i + 1;
                    if (end < length && isLetter(edges[end])) {
                        continue;
                    }
                    int[] emits = output[state];
                    if (emits == null) {
                        continue;
                    }
                    // The state's outputs also hold the forms that are its suffixes; only the one as long as
                    // the path from the root starts here.
                    int depth = end - start;
                    for (int emit : emits) {
                        if (l[emit] == depth) {
                            hits.add(start, end, v[emit]);
                        }
                    }
                }
            }
        }
    }

    /** The first place after {@code start} that follows a char that is not a letter. */
    private static int nextWordStart(char[] edges, int start) {
        int next = start;
        while (next < edges.length && isLetter(edges[next])) {
            next++;
        }
        return next + 1;
    }

    /** Orders the hits by end, as {@link #select} needs (the walk finds them by start); stable. */
    private static void sortByEnd(Hits<?> hits) {
        for (int a = 1; a < hits.size; a++) {
            int start = hits.starts[a];
            int end = hits.ends[a];
            Object value = hits.values[a];
            int b = a - 1;
            while (b >= 0 && hits.ends[b] > end) {
                hits.starts[b + 1] = hits.starts[b];
                hits.ends[b + 1] = hits.ends[b];
                hits.values[b + 1] = hits.values[b];
                b--;
            }
            hits.starts[b + 1] = start;
            hits.ends[b + 1] = end;
            hits.values[b + 1] = value;
        }
    }

    /** {@link Character#isAlphabetic} of a char, with a quick answer for ASCII. */
    private static boolean isLetter(char c) {
        if (c < 128) {
            // Setting bit 5 maps 'A'-'Z' onto 'a'-'z' and no other ASCII char into that range: one compare.
            return (char) ((c | 0x20) - 'a') < 26;
        }
        return Character.isAlphabetic(c);
    }

    /**
     * The matches inside {@code [from, to)}: no two overlapping, the longest (then leftmost) winning, in order
     * of position; offsets stay those of the scanned text.
     */
    public List<Match<V>> select(Hits<V> hits, int from, int to) {
        int first = firstEndingAfter(hits, from);
        int count = 0;
        int[] candidates = null;
        for (int i = first; i < hits.size && hits.ends[i] <= to; i++) {
            if (hits.starts[i] >= from) {
                if (candidates == null) {
                    candidates = new int[Math.min(16, hits.size - first)];
                } else if (count == candidates.length) {
                    candidates = Arrays.copyOf(candidates, count * 2);
                }
                candidates[count++] = i;
            }
        }
        if (count == 0) {
            return List.of();
        }
        sortLongestFirst(hits, candidates, count);
        List<Match<V>> kept = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            if (!overlapsKept(kept, hits.starts[i], hits.ends[i])) {
                @SuppressWarnings("unchecked")
                V value = (V) hits.values[i];
                kept.add(new Match<>(hits.starts[i], hits.ends[i], value));
            }
        }
        kept.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return kept;
    }

    /** The index of the first hit whose end lies after {@code from} (ends are in ascending order). */
    private static int firstEndingAfter(Hits<?> hits, int from) {
        int low = 0;
        int high = hits.size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (hits.ends[mid] <= from) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Insertion sort (the candidates of a sentence are few): longer first, then leftmost. */
    private static void sortLongestFirst(Hits<?> hits, int[] candidates, int count) {
        for (int a = 1; a < count; a++) {
            int moving = candidates[a];
            int b = a - 1;
            while (b >= 0 && before(hits, moving, candidates[b])) {
                candidates[b + 1] = candidates[b];
                b--;
            }
            candidates[b + 1] = moving;
        }
    }

    private static boolean before(Hits<?> hits, int x, int y) {
        int lengthX = hits.ends[x] - hits.starts[x];
        int lengthY = hits.ends[y] - hits.starts[y];
        return lengthX > lengthY || (lengthX == lengthY && hits.starts[x] < hits.starts[y]);
    }

    private static boolean overlapsKept(List<? extends Match<?>> kept, int start, int end) {
        for (Match<?> match : kept) {
            if (match.start() < end && start < match.end()) {
                return true;
            }
        }
        return false;
    }
}
