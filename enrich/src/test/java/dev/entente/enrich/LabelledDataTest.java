package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entente.enrich.gazetteer.Gazetteer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real-report data keeps to the codebook ({@code ../shared/LABELLING.md}), and none of it comes from a page
 * reserved for external evaluation: the codebook's own check runs where {@code ../shared} is there.
 */
class LabelledDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("id", "source", "style", "story", "title", "text", "date",
            "pairs", "kind", "why");
    private static final Set<String> STYLES = Set.of("feed-item", "wire-paragraph", "analysis", "press-release");
    private static final Path CHECK_SOURCES = Path.of("..", "..", "shared", "tools", "check-sources");

    @Test
    void everyItemKeepsToTheCodebook() throws IOException {
        Set<String> codes = Gazetteer.fromResources().codes();
        Set<String> ids = new HashSet<>();
        int items = 0;
        int negatives = 0;
        List<String> problems = new ArrayList<>();
        for (Path file : RealReports.files(RealReports.DIRECTORY)) {
            int line = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String where = file.getFileName() + ":" + line + ": ";
                JsonNode item = JSON.readTree(text);
                List<String> fields = new ArrayList<>();
                item.fieldNames().forEachRemaining(fields::add);
                if (!fields.equals(FIELDS)) {
                    problems.add(where + "fields " + fields);
                    continue;
                }
                items++;
                if (!ids.add(item.get("id").asText())) {
                    problems.add(where + "repeated id " + item.get("id").asText());
                }
                if (!STYLES.contains(item.get("style").asText())) {
                    problems.add(where + "style " + item.get("style").asText());
                }
                if (!item.get("source").asText().startsWith("http")) {
                    problems.add(where + "source is no URL");
                }
                int year = LocalDate.parse(item.get("date").asText()).getYear();
                if (year < 2000 || year > 2026) {
                    problems.add(where + "date " + item.get("date").asText());
                }
                List<String> pairs = new ArrayList<>();
                item.get("pairs").forEach(pair -> pairs.add(pair.asText()));
                for (String pair : pairs) {
                    String[] two = pair.split("-");
                    if (two.length != 2 || !codes.contains(two[0]) || !codes.contains(two[1])
                            || two[0].compareTo(two[1]) >= 0) {
                        problems.add(where + "pair " + pair);
                    }
                }
                if (!pairs.equals(pairs.stream().sorted().distinct().toList())) {
                    problems.add(where + "pairs not sorted and distinct");
                }
                String kind = item.get("kind").asText();
                if (!Set.of("positive", "negative", "mixed").contains(kind) || kind.equals("negative") != pairs.isEmpty()) {
                    problems.add(where + "kind " + kind + " with " + pairs.size() + " pairs");
                }
                negatives += pairs.isEmpty() ? 1 : 0;
            }
        }

        assertThat(problems).isEmpty();
        assertThat(items).isGreaterThanOrEqualTo(1500);
        assertThat((double) negatives / items).as("share of hard negatives").isGreaterThanOrEqualTo(0.40);
    }

    @Test
    void noItemComesFromAPageReservedForExternalEvaluation() throws Exception {
        assumeTrue(Files.isExecutable(CHECK_SOURCES), "../shared/tools/check-sources is not there");
        List<String> command = new ArrayList<>(List.of("python3", CHECK_SOURCES.toString()));
        RealReports.files(RealReports.DIRECTORY).forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(" 0 on reserved pages");
    }

    /** The shared development set measures how we do on others' reporting: none of its pages may train us. */
    @Test
    void noItemComesFromAPageOfTheSharedDevelopmentSet() throws IOException {
        assumeTrue(Files.isRegularFile(RealReports.SHARED_DEV), "../shared/eval is not there");
        ObjectMapper json = new ObjectMapper();
        Set<String> sharedPages = new HashSet<>();
        for (String line : Files.readAllLines(RealReports.SHARED_DEV, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                sharedPages.add(json.readTree(line).path("source").asText());
            }
        }
        List<String> overlapping = new ArrayList<>();
        for (Path file : RealReports.files(RealReports.DIRECTORY)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode item = json.readTree(line);
                if (sharedPages.contains(item.path("source").asText())) {
                    overlapping.add(file.getFileName() + " " + item.path("id").asText());
                }
            }
        }
        assertThat(overlapping).isEmpty();
    }
}
