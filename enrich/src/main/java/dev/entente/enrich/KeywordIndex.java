package dev.entente.enrich;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.Arrays;
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
final class KeywordIndex<V> {

    /** A selected match: {@code start} inclusive, {@code end} exclusive, offsets of the scanned text. */
    record Match<V>(int start, int end, V value) {}

    /** Every whole-word occurrence in one text, ordered by end. */
    static final class Hits<V> {
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
    KeywordIndex(Map<String, V> forms) {
        trie.build(new TreeMap<>(forms));
    }

    /**
     * Every whole-word occurrence of a form in {@code text}.
     *
     * @param text the text to match, char for char as long as {@code boundaries}
     * @param boundaries the text whose chars next to an occurrence decide whether it is a whole word
     */
    Hits<V> scan(String text, String boundaries) {
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

        void scanWordStarts(char[] chars, char[] edges, Hits<V> hits) {
            int length = chars.length;
            for (int start = 0; start < length; start++) {
                if (start > 0 && isLetter(edges[start - 1])) {
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
                    int[] emits = output[state];
                    if (emits == null) {
                        continue;
                    }
                    int end = i + 1;
                    if (end < length && isLetter(edges[end])) {
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
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return Character.isAlphabetic(c);
    }

    /**
     * The matches inside {@code [from, to)}: no two overlapping, the longest (then leftmost) winning, in order
     * of position; offsets stay those of the scanned text.
     */
    List<Match<V>> select(Hits<V> hits, int from, int to) {
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
