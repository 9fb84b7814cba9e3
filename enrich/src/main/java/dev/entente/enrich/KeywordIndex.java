package dev.entente.enrich;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dictionary matching with a double-array Aho-Corasick automaton: one pass over a whole article finds every
 * whole-word occurrence of every form, and {@link #select} then picks the matches of one sentence exactly as
 * matching that sentence alone would.
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
        private int[] starts = new int[32];
        private int[] ends = new int[32];
        private Object[] values = new Object[32];
        private int size;

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

    private final AhoCorasickDoubleArrayTrie<V> trie = new AhoCorasickDoubleArrayTrie<>();

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
        Hits<V> hits = new Hits<>();
        int length = boundaries.length();
        // The char[] entry point avoids a bounds and coder check per char of String.charAt.
        trie.parseText(text.toCharArray(), (start, end, value) -> {
            boolean wholeWord = (start == 0 || !Character.isAlphabetic(boundaries.charAt(start - 1)))
                    && (end >= length || !Character.isAlphabetic(boundaries.charAt(end)));
            if (wholeWord) {
                hits.add(start, end, value);
            }
        });
        return hits;
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
