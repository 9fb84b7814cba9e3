package dev.entente.enrich.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits plain text into sentences with their offsets.
 *
 * <p>Contract: a blank line (paragraph break) always ends a sentence. Inside a paragraph a sentence
 * ends at {@code .}, {@code !} or {@code ?} (with any closing quotes or brackets) followed by white
 * space and a char that is not a lower-case letter, except after a known abbreviation ({@code Mr.},
 * {@code Gen.}, {@code Jan.}), a single initial ({@code J.}) or a dotted abbreviation such as
 * {@code U.S.}; after a dotted abbreviation the sentence ends only when the next word is a typical
 * sentence opener ({@code The}, {@code It}...). Decimals ({@code 3.5}) never end a sentence because no
 * space follows the point. Single line breaks count as spaces. Sentences are trimmed; empty ones are
 * dropped.
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "St", "Jr", "Sr", "Sen", "Sens", "Rep", "Reps", "Gov", "Pres",
            "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Lieut",
            "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "No", "Nos", "vs", "Inc", "Corp", "Co", "Ltd", "Bros", "Mt", "Ft", "approx", "Ave", "Fig", "Vol");

    private static final Set<String> SENTENCE_OPENERS = Set.of(
            "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "His", "Her",
            "Their", "There", "In", "On", "At", "But", "A", "An", "However", "Meanwhile", "Officials", "After",
            "While", "Some", "Many", "Both", "Earlier", "Later", "Last", "Next");

    /** The sentences of the text, in order. */
    public List<Sentence> split(String text) {
        List<Sentence> sentences = new ArrayList<>();
        // The scans below look at every char: an array spares charAt its bounds and coder checks.
        char[] chars = text.toCharArray();
        Terminators terminators = new Terminators(text);
        int paragraphStart = 0;
        int length = text.length();
        int i = text.indexOf('\n');
        while (i >= 0) {
            int breakEnd = paragraphBreakEnd(text, i, length);
            if (breakEnd < 0) {
                i = text.indexOf('\n', i + 1);
                continue;
            }
            splitParagraph(text, chars, terminators, paragraphStart, i, sentences);
            paragraphStart = breakEnd;
            i = text.indexOf('\n', breakEnd);
        }
        splitParagraph(text, chars, terminators, paragraphStart, length, sentences);
        return List.copyOf(sentences);
    }

    /**
     * Where a paragraph break that starts with the line feed at {@code at} ends, or -1 when there is none: a
     * line feed, blanks other than line feeds, a second line feed, then any white space (as the regex
     * {@code \n[ \t\x0B\f\r]*\n\s*} would find it, written as a loop because it runs over every article).
     */
    private static int paragraphBreakEnd(String text, int at, int length) {
        int j = at + 1;
        while (j < length && isBlankButNewline(text.charAt(j))) {
            j++;
        }
        if (j >= length || text.charAt(j) != '\n') {
            return -1;
        }
        j++;
        while (j < length && (text.charAt(j) == '\n' || isBlankButNewline(text.charAt(j)))) {
            j++;
        }
        return j;
    }

    private static boolean isBlankButNewline(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * Where the next {@code .}, {@code !} or {@code ?} stands. {@link String#indexOf(int, int)} compares many
     * chars at a time, and each of the three is searched for again only once the split has passed it, so the
     * text is read at most once for each.
     */
    private static final class Terminators {
        private final String text;
        private int dot = -1;
        private int exclamation = -1;
        private int question = -1;

        Terminators(String text) {
            this.text = text;
        }

        /** The first terminator at or after {@code from}, or the length of the text. */
        int next(int from) {
            if (dot < from) {
                dot = indexOrLength('.', from);
            }
            if (exclamation < from) {
                exclamation = indexOrLength('!', from);
            }
            if (question < from) {
                question = indexOrLength('?', from);
            }
            return Math.min(dot, Math.min(exclamation, question));
        }

        private int indexOrLength(char c, int from) {
            int at = text.indexOf(c, from);
            return at < 0 ? text.length() : at;
        }
    }

    /** @param chars the chars of {@code text} */
    private void splitParagraph(String text, char[] chars, Terminators terminators, int from, int to,
            List<Sentence> out) {
        int sentenceStart = from;
        int i = from;
        while (i < to) {
            i = terminators.next(i);
            if (i >= to) {
                break;
            }
            int end = i + 1;
            while (end < to && isTerminatorOrCloser(chars[end])) {
                end++;
            }
            int next = end;
            while (next < to && Character.isWhitespace(chars[next])) {
                next++;
            }
            boolean spaceFollows = next > end || end == to;
            if (spaceFollows && (next == to || endsSentence(text, i, end, next, to))) {
                add(text, chars, sentenceStart, end, out);
                sentenceStart = next;
            }
            i = Math.max(end, i + 1);
        }
        add(text, chars, sentenceStart, to, out);
    }

    private static boolean isTerminatorOrCloser(char c) {
        return c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')' || c == ']'
                || c == '\u201D' || c == '\u2019';
    }

    private boolean endsSentence(String text, int terminator, int end, int next, int to) {
        if (Character.isLowerCase(text.charAt(next))) {
            return false;
        }
        if (text.charAt(terminator) != '.' || end - terminator > 1) {
            return true;
        }
        String word = wordBefore(text, terminator);
        if (word.isEmpty()) {
            return true;
        }
        if (ABBREVIATIONS.contains(word)) {
            return false;
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return false;
        }
        if (word.indexOf('.') >= 0) {
            return SENTENCE_OPENERS.contains(wordAt(text, next, to));
        }
        return true;
    }

    /** The letters and inner dots just before the given point, e.g. {@code U.S} before the final dot. */
    private static String wordBefore(String text, int dot) {
        int start = dot;
        while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            start--;
        }
        return text.substring(start, dot);
    }

    private static String wordAt(String text, int from, int to) {
        int end = from;
        while (end < to && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(from, end);
    }

    private static void add(String text, char[] chars, int from, int to, List<Sentence> out) {
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        if (start < end) {
            out.add(new Sentence(start, end, text.substring(start, end)));
        }
    }
}
