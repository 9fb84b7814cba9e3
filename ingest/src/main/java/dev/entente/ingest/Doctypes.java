package dev.entente.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which DOCTYPE a feed may carry: only {@code <!DOCTYPE rss ...>} that names an external DTD and has
 * no internal subset, as RSS 0.91 feeds do
 * ({@code <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">}).
 * That DTD is never fetched, from the network or a file: the declaration is taken out before the
 * XML parser sees the document (which still refuses any DOCTYPE), and the HTML 4 entities such a
 * DTD declares ({@code &uuml;}) become character references ({@link Html4Entities}).
 *
 * <p>Any other DOCTYPE is refused: an internal subset can declare entities that read files or
 * expand into gigabytes, and another root (an HTML page) is not a feed anyway.
 */
final class Doctypes {

    private static final String LITERAL = "(?:\"[^\"]*\"|'[^']*')";
    private static final Pattern ALLOWED = Pattern.compile(
            "<!DOCTYPE\\s+rss(?:\\s+(?:SYSTEM|PUBLIC\\s+" + LITERAL + ")\\s+" + LITERAL + ")?\\s*>");

    private Doctypes() {}

    /**
     * The document to parse: {@code text} itself when it has no DOCTYPE; without its DOCTYPE and
     * with HTML 4 entity references made numeric when the DOCTYPE is the allowed kind.
     *
     * @throws FeedException for any other DOCTYPE
     */
    static String admit(String text) throws FeedException {
        int at = doctypeStart(text);
        if (at < 0) {
            return text;
        }
        Matcher m = ALLOWED.matcher(text).region(at, text.length());
        if (!m.lookingAt()) {
            throw new FeedException(FeedParser.PREFIX + "DOCTYPE declarations are not allowed, except <!DOCTYPE rss>"
                    + " naming an external DTD (others can load external files or expand entity bombs)");
        }
        // Keeping the line breaks keeps the line numbers of parser errors right.
        String lineBreaks = m.group().replaceAll("[^\n]", "");
        return text.substring(0, at) + lineBreaks + Html4Entities.toNumeric(text.substring(m.end()));
    }

    /**
     * Where the prolog (everything before the root element) holds a DOCTYPE, else -1. Only the
     * prolog is looked at, because HTML inside CDATA may legitimately contain the same characters.
     */
    private static int doctypeStart(String text) {
        int i = prologEnd(text);
        return text.regionMatches(true, i, "<!DOCTYPE", 0, "<!DOCTYPE".length()) ? i : -1;
    }

    /**
     * Where the XML declaration, processing instructions, comments and white space at the start of
     * {@code text} end: at a DOCTYPE, the root element, or junk the XML parser rejects on its own.
     */
    static int prologEnd(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("<?", i)) {
                i = skipPast(text, i, "?>");
            } else if (text.startsWith("<!--", i)) {
                i = skipPast(text, i, "-->");
            } else {
                return i;
            }
        }
        return n;
    }

    private static int skipPast(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }
}
