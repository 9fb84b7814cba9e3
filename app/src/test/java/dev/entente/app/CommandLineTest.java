package dev.entente.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void checkFeedPrintsEachSampleItemAsOneJsonLine() throws Exception {
        Path feed = Path.of(SampleFeeds.install(dir).get(0).url());

        int status = execute("check-feed", feed.toString());

        assertThat(status).isZero();
        List<JsonNode> items = new ArrayList<>();
        for (String line : out.toString().strip().split("\n")) {
            items.add(AvroJson.MAPPER.readTree(line));
        }
        assertThat(items).hasSize(6);
        assertThat(items.get(0).path("title").asText()).isEqualTo("Russia and North Korea sign mutual defence treaty");
        assertThat(items.get(0).path("link").asText()).isEqualTo("https://samples.entente.invalid/wire/russia-north-korea-treaty");
        assertThat(items.get(0).path("id").asText()).hasSize(32);
        assertThat(items.get(0).path("summary").asText()).doesNotContain("<p>").contains("\n\nSouth Korea said");
    }

    @Test
    void checkFeedFailsWithOneLineAndStatusTwoForAMissingFile() {
        int status = execute("check-feed", dir.resolve("missing.xml").toString());

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).startsWith("entente check-feed: ").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void badConfigurationExitsWithStatusTwoAndNamesTheField() throws Exception {
        Path config = dir.resolve("bad.yml");
        java.nio.file.Files.writeString(config, "api:\n  port: eighty\n");

        int status = execute("tail", "--config", config.toString(), "--max", "1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("entente tail: " + config + ":2: api.port: 'eighty' is not a port (0 to 65535)");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "ingest", "enrich", "aggregate", "tail", "extract", "check-feed")) {
            out.getBuffer().setLength(0);
            assertThat(execute(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: entente " + command);
        }
    }

    @Test
    void extractTagsWithAUserDictionaryMergedOverTheBundledOne() throws Exception {
        Path dictionary = dir.resolve("mine.tsv");
        java.nio.file.Files.writeString(dictionary, "code\tnames\tdemonyms\tcapitals\tblocked\nRU\tRuritania\t\t\t\n"
                + "id\tnames\tcountry\trole\tstart\tend\nines-varga\tVarga\tHU\tdefence\t2026-05-01\t\n");
        String input = "{\"id\":\"a1\",\"date\":\"2026-06-01\",\"text\":\"Ruritania and France signed a defence agreement."
                + " Varga and the Polish defence minister signed a military cooperation agreement.\"}\n";
        java.io.InputStream stdin = System.in;
        java.io.PrintStream stdout = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        int status;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            status = execute("extract", "--dictionary", dictionary.toString());
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }

        assertThat(status).as(err.toString()).isZero();
        JsonNode line = AvroJson.MAPPER.readTree(captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(line.path("cooperationPairs").toString()).isEqualTo("[\"FR-RU\",\"HU-PL\"]");
    }

    /** Runs {@code extract} with the arguments on {@code input} and returns what it wrote to stdout. */
    private String extract(String input, String... args) {
        java.io.InputStream stdin = System.in;
        java.io.PrintStream stdout = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            List<String> command = new ArrayList<>(List.of("extract"));
            command.addAll(List.of(args));
            assertThat(execute(command.toArray(String[]::new))).as(err.toString()).isZero();
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void extractExplainsEveryCandidateWithItsConfidenceAndEvidence() throws Exception {
        JsonNode line = AvroJson.MAPPER.readTree(extract("{\"id\":\"a1\",\"text\":\"France and Germany concluded an arms "
                + "supply deal on Monday. Italy criticised the deal.\"}\n", "--explain"));

        assertThat(line.path("cooperationPairs").toString()).isEqualTo("[\"DE-FR\"]");
        assertThat(line.path("pairMentions").get(0).path("confidence").asDouble()).isBetween(0.5, 1.0);
        JsonNode candidates = line.path("candidates");
        assertThat(candidates.size()).isPositive();
        assertThat(candidates.get(0).path("evidence").size()).isPositive();
        assertThat(candidates.findValuesAsText("pair")).contains("DE-FR");
    }

    @Test
    void extractCountsFromTheConfidenceItIsGiven() throws Exception {
        String input = "{\"id\":\"a1\",\"text\":\"France and Germany concluded an arms supply deal on Monday.\"}\n";

        assertThat(AvroJson.MAPPER.readTree(extract(input, "--min-confidence", "1")).path("cooperationPairs").size())
                .isZero();
        assertThat(AvroJson.MAPPER.readTree(extract(input, "--min-confidence", "0")).path("cooperationPairs").size())
                .isOne();
    }

    @Test
    void extractRefusesAConfidenceOutsideTheUnitIntervalWithStatusTwo() {
        int status = execute("extract", "--min-confidence", "1.5");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("entente extract: --min-confidence: ").doesNotContain("\n");
    }

    @Test
    void extractRefusesAMissingDictionaryWithStatusTwo() {
        int status = execute("extract", "--dictionary", dir.resolve("missing.tsv").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).as(err.toString()).startsWith("entente extract: --dictionary: ").doesNotContain("\n");
    }
}
