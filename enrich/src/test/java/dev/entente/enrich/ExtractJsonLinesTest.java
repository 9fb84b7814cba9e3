package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractJsonLinesTest {

    private static final Enricher ENRICHER = Enricher.fromResources();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String input) throws IOException {
        return ExtractJsonLines.run(new StringReader(input), out, err, ENRICHER);
    }

    @Test
    void writesOneLinePerArticleWithEntitiesEventsAndPairs() throws IOException {
        int status = run("""
                {"id": "a1", "title": "Russia and North Korea sign defence pact", "text": "Kyiv protested."}

                {"id": "a2", "text": "France will supply Ukraine with tanks."}
                """);

        assertThat(status).isEqualTo(ExtractJsonLines.OK);
        assertThat(err.toString()).isEmpty();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("id").asText()).isEqualTo("a1");
        assertThat(first.get("cooperationPairs").toString()).isEqualTo("[\"KP-RU\"]");
        assertThat(first.get("entities").get(0).toString())
                .isEqualTo("{\"type\":\"country\",\"id\":\"RU\",\"text\":\"Russia\",\"sentence\":0,\"country\":\"RU\","
                        + "\"start\":0,\"end\":6}");
        assertThat(first.get("entities").get(2).get("sentence").asInt()).isEqualTo(1);
        assertThat(first.get("events").get(0).toString())
                .isEqualTo("{\"type\":\"military-cooperation\",\"trigger\":\"defence pact\",\"sentence\":0,"
                        + "\"subtype\":\"treaty-alliance\",\"cameo\":\"057\",\"actors\":[\"KP\",\"RU\"]}");
        assertThat(first.get("dictionaryVersion").asText()).startsWith(Enricher.DATA_VERSION + "+");
        JsonNode second = JSON.readTree(lines[1]);
        assertThat(second.get("cooperationPairs").toString()).isEqualTo("[\"FR-UA\"]");
        assertThat(second.get("events").get(0).get("sentence").asInt()).isZero();
    }

    @Test
    void writesEachPairMentionWithItsConfidence() throws IOException {
        run("{\"id\": \"a1\", \"text\": \"France will supply Ukraine with tanks.\"}\n");

        JsonNode mention = JSON.readTree(out.toString()).get("pairMentions").get(0);
        assertThat(mention.get("pair").asText()).isEqualTo("FR-UA");
        assertThat(mention.get("sentence").asInt()).isZero();
        assertThat(mention.get("confidence").asDouble()).isBetween(ENRICHER.minConfidence(), 1.0);
        assertThat(JSON.readTree(out.toString()).has("candidates")).isFalse();
    }

    @Test
    void explainsEveryCandidateKeptOrDropped() throws IOException {
        ExtractJsonLines.run(new StringReader("{\"id\": \"a1\", \"text\": \"Russia and North Korea signed a "
                + "defence treaty. South Korea and Japan protested against the military pact.\"}\n"), out, err,
                ENRICHER, true);

        JsonNode candidates = JSON.readTree(out.toString()).get("candidates");
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        candidates.forEach(c -> (c.get("kept").asBoolean() ? kept : dropped).add(c.get("pair").asText()));
        assertThat(kept).contains("KP-RU");
        assertThat(dropped).contains("JP-KR");
        candidates.forEach(c -> {
            assertThat(c.get("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(c.get("evidence").size()).isPositive();
            assertThat(c.get("scope").asText()).isNotEmpty();
        });
    }

    @Test
    void reportsBadLinesByNumberSkipsThemAndEndsWithStatusTwo() throws IOException {
        int status = run("""
                not json
                {"title": "no id", "text": "x"}
                {"id": "ok", "text": "Japan and Australia held joint drills."}
                {"id": 7, "text": "x"}
                ["an", "array"]
                {"id": "no-text"}
                """);

        assertThat(status).isEqualTo(ExtractJsonLines.BAD_INPUT);
        assertThat(out.toString().split("\n")).hasSize(1);
        assertThat(JSON.readTree(out.toString()).get("cooperationPairs").toString()).isEqualTo("[\"AU-JP\"]");
        assertThat(err.toString().lines().toList()).hasSize(5).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("line 1: not valid JSON");
            assertThat(lines.get(1)).isEqualTo("line 2: missing required field \"id\"");
            assertThat(lines.get(2)).isEqualTo("line 4: field \"id\" must be a string");
            assertThat(lines.get(3)).startsWith("line 5: expected a JSON object");
            assertThat(lines.get(4)).isEqualTo("line 6: missing required field \"text\"");
        });
    }

    @Test
    void readsLeadersAsOfTheDateOfEachLine() throws IOException {
        int status = run("""
                {"id": "old", "date": "2022-05-10", "text": "Trump and Putin agreed to expand military cooperation."}
                {"id": "new", "date": "2025-06-01T08:00:00Z", "text": "Trump and Putin agreed to expand military cooperation."}
                """);

        assertThat(status).isEqualTo(ExtractJsonLines.OK);
        String[] lines = out.toString().split("\n");
        assertThat(JSON.readTree(lines[0]).get("cooperationPairs").toString()).isEqualTo("[]");
        assertThat(JSON.readTree(lines[1]).get("cooperationPairs").toString()).isEqualTo("[\"RU-US\"]");
    }

    @Test
    void rejectsALineWhoseDateIsNotADate() throws IOException {
        int status = run("""
                {"id": "a", "date": "last Tuesday", "text": "x"}
                """);

        assertThat(status).isEqualTo(ExtractJsonLines.BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo(
                "line 1: field \"date\" must be a date like 2024-06-19 or an instant like 2024-06-19T08:30:00Z, got 'last Tuesday'");
    }
}
