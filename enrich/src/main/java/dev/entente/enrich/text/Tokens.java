package dev.entente.enrich.text;

import java.util.Arrays;
import java.util.Locale;

/**
 * The word tokens of one sentence, lower-cased, with their offsets.
 *
 * <p>Contract: a token is a run of letters and digits, joined across a hyphen or a period that has letters or
 * digits on both sides ("co-develop", "Chinese-built", "U.S."), or an {@code 's} after such a run, or any
 * other single char that is not white space (",", ";", "(", a dash). Tokens never overlap and come in order.
 */
public final class Tokens {

    private final String[] words;
    private final int[] starts;
    private final int[] ends;

    private Tokens(String[] words, int[] starts, int[] ends) {
        this.words = words;
        this.starts = starts;
        this.ends = ends;
    }

    /** The tokens of a sentence. */
    public static Tokens of(String sentence) {
        int capacity = Math.max(8, sentence.length() / 4);
        String[] words = new String[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int count = 0;
        int length = sentence.length();
        int i = 0;
        while (i < length) {
            char c = sentence.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                i++;
                while (i < length) {
                    char d = sentence.charAt(i);
                    if (Character.isLetterOrDigit(d)) {
                        i++;
                    } else if ((d == '-' || d == '.') && i + 1 < length && Character.isLetterOrDigit(sentence.charAt(i + 1))) {
                        i += 2;
                    } else {
                        break;
                    }
                }
            } else if (c == '\'' && i + 1 < length && (sentence.charAt(i + 1) == 's' || sentence.charAt(i + 1) == 'S')
                    && (i + 2 == length || !Character.isLetterOrDigit(sentence.charAt(i + 2)))) {
                i += 2;
            } else {
                i++;
            }
            if (count == words.length) {
                words = Arrays.copyOf(words, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            words[count] = sentence.substring(start, i).toLowerCase(Locale.ROOT);
            starts[count] = start;
            ends[count] = i;
            count++;
        }
        return new Tokens(Arrays.copyOf(words, count), Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    public int size() {
        return words.length;
    }

    /** The lower-cased token at {@code index}; an empty string outside the sentence. */
    public String word(int index) {
        return index < 0 || index >= words.length ? "" : words[index];
    }

    public int start(int index) {
        return starts[index];
    }

    public int end(int index) {
        return ends[index];
    }

    /** The index of the token that holds the char at {@code offset}, or of the first token after it. */
    public int at(int offset) {
        int low = 0;
        int high = words.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (ends[mid] <= offset) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Math.min(low, Math.max(0, words.length - 1));
    }
}
