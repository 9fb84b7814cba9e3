package dev.entente.enrich.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes invented ~5 KB wire articles ({@link WireArticles}, typical density) as the JSON Lines {@code extract}
 * reads, for timing the whole command: {@code WireArticlesFile COUNT FILE}. See {@code BENCHMARKS.md}.
 */
public final class WireArticlesFile {

    private WireArticlesFile() {}

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        ObjectMapper json = new ObjectMapper();
        List<WireArticles.Article> articles = WireArticles.generate(WireArticles.Density.TYPICAL, count, 20_261_204L);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < articles.size(); i++) {
                WireArticles.Article article = articles.get(i);
                ObjectNode line = json.createObjectNode();
                line.put("id", "w" + i);
                line.put("title", article.title());
                line.put("text", article.text());
                line.put("date", article.time().toString());
                out.write(json.writeValueAsString(line));
                out.write('\n');
            }
        }
    }
}
