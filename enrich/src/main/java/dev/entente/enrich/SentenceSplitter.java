package dev.entente.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*");

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
        Matcher breaks = PARAGRAPH_BREAK.matcher(text);
        int paragraphStart = 0;
        while (breaks.find()) {
            splitParagraph(text, paragraphStart, breaks.start(), sentences);
            paragraphStart = breaks.end();
        }
        splitParagraph(text, paragraphStart, text.length(), sentences);
        return List.copyOf(sentences);
    }

    private void splitParagraph(String text, int from, int to, List<Sentence> out) {
        int sentenceStart = from;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?') {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < to && isTerminatorOrCloser(text.charAt(end))) {
                end++;
            }
            int next = end;
            while (next < to && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            boolean spaceFollows = next > end || end == to;
            if (spaceFollows && (next == to || endsSentence(text, i, end, next, to))) {
                add(text, sentenceStart, end, out);
                sentenceStart = next;
            }
            i = Math.max(end, i + 1);
        }
        add(text, sentenceStart, to, out);
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

    private static void add(String text, int from, int to, List<Sentence> out) {
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            out.add(new Sentence(start, end, text.substring(start, end)));
        }
    }
}
