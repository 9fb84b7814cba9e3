package dev.entente.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text from the HTML that feeds put in titles, descriptions and content: scripts and styles
 * are dropped, entities decoded, block elements (paragraphs, divs, line breaks, list items,
 * headings, quotes...) become paragraphs separated by one blank line ({@code "\n\n"}), and any other
 * run of whitespace becomes one space. Text without tags passes through with its whitespace
 * normalised the same way.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of(
            "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "ul", "ol", "dl", "dt", "dd", "pre", "table", "tr", "hr", "section", "article",
            "header", "footer", "aside", "figure", "figcaption", "address", "main", "nav");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final String DROPPED = "script, style, noscript, template, iframe, object";
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    private HtmlText() {}

    /** @return the plain text, or {@code ""} for null or blank input */
    public static String toPlainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            // No tag and no entity: nothing for an HTML parser to do (most titles), and it is far cheaper.
            return normalizeWhitespace(html);
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        body.select(DROPPED).remove();
        Paragraphs paragraphs = new Paragraphs();
        NodeTraversor.traverse(paragraphs, body);
        return paragraphs.text();
    }

    /** Collapses every run of whitespace (including no-break spaces) to one space and trims. */
    public static String normalizeWhitespace(String text) {
        if (text == null) {
            return "";
        }
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static final class Paragraphs implements NodeVisitor {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                current.append(text.getWholeText());
            } else if (node instanceof Element element) {
                boundary(element);
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                boundary(element);
            }
        }

        private void boundary(Element element) {
            String tag = element.normalName();
            if (BLOCKS.contains(tag)) {
                endParagraph();
            } else if (CELLS.contains(tag)) {
                current.append(' ');
            }
        }

        private void endParagraph() {
            String paragraph = normalizeWhitespace(current.toString());
            if (!paragraph.isEmpty()) {
                done.add(paragraph);
            }
            current.setLength(0);
        }

        String text() {
            endParagraph();
            return String.join("\n\n", done);
        }
    }
}
