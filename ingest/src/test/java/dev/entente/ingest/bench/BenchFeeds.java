package dev.entente.ingest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Benchmark inputs: generated RSS documents, and the valid files of the shared corpus. */
final class BenchFeeds {

    static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../../shared/feeds"));

    private BenchFeeds() {}

    /**
     * An RSS 2.0 document of {@code items} items, each with an HTML description of about
     * {@code descriptionChars} characters (paragraphs, links, an inline script, entities), a
     * tracking-parameter link, a guid and an RFC 822 date; the same text every time.
     */
    static byte[] generatedRss(int items, int descriptionChars) {
        StringBuilder xml = new StringBuilder(items * (descriptionChars + 600));
        xml.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel><title>Generated desk</title><link>https://bench.example.org/</link>
                <description>Benchmark feed</description><language>en-gb</language><ttl>5</ttl>
                """);
        String[] words = ("ministers met in the capital on tuesday to sign a defence cooperation agreement covering joint "
                + "exercises training and the transfer of equipment officials said the talks would continue").split(" ");
        for (int i = 0; i < items; i++) {
            StringBuilder html = new StringBuilder("<p>");
            int w = i;
            while (html.length() < descriptionChars) {
                html.append(words[w++ % words.length]).append(' ');
                if (w % 40 == 0) {
                    html.append("</p><p>");
                } else if (w % 17 == 0) {
                    html.append("<a href=\"https://bench.example.org/topic/").append(w).append("\">more &amp; more</a> ");
                } else if (w % 53 == 0) {
                    html.append("<script>track(").append(w).append(")</script>");
                }
            }
            html.append("</p>");
            int day = 1 + i % 28;
            xml.append("<item><title>Item ").append(i).append(": talks &amp; drills</title>")
                    .append("<link>https://bench.example.org/world/").append(i).append("?utm_source=rss&amp;id=").append(i)
                    .append("</link><guid isPermaLink=\"false\">urn:bench:").append(i).append("</guid>")
                    .append("<pubDate>Tue, ").append(day < 10 ? "0" : "").append(day).append(" Jun 2025 09:30:00 GMT</pubDate>")
                    .append("<dc:creator>Desk</dc:creator>")
                    .append("<description><![CDATA[").append(html).append("]]></description></item>\n");
        }
        xml.append("</channel></rss>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The files INDEX.md lists as parsing (with their item counts), without those that need a
     * DOCTYPE, which ingest rejects by policy; empty when the corpus is absent.
     */
    static List<byte[]> validCorpusFiles() {
        Path index = CORPUS.resolve("INDEX.md");
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        Pattern line = Pattern.compile("^(\\S+) \\|.*\\| (?:parses|decodes), (\\d+) (?:item|entr)[^|]*$");
        List<byte[]> files = new ArrayList<>();
        try {
            for (String text : Files.readAllLines(index)) {
                Matcher m = line.matcher(text);
                if (m.matches() && !text.contains("'DOCTYPE is disallowed'")) {
                    files.add(Files.readAllBytes(CORPUS.resolve(m.group(1))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus at " + CORPUS.toAbsolutePath(), e);
        }
        return files;
    }
}
