package dev.entente.app;

import dev.entente.enrich.Enricher;
import dev.entente.enrich.ExtractJsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code extract}: the enrich stream's tagging, offline, from JSON Lines on stdin to JSON Lines on stdout. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Offline, no Kafka: reads JSON Lines {\"id\", \"title\" (optional), \"text\", \"date\" (optional)} on",
            "stdin and writes one JSON line per input with its entities, events, pairMentions (with their",
            "confidence) and cooperationPairs on stdout."
        })
final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--dictionary", paramLabel = "FILE",
            description = "A user dictionary merged over the bundled data: tables in the formats of countries.tsv,"
                    + " entities.tsv and leaders.tsv, each starting with its header line.")
    Path dictionary;

    @Option(names = "--explain",
            description = "Add \"candidates\": every country pair considered, kept or dropped, with its confidence"
                    + " and the evidence that decided it.")
    boolean explain;

    @Option(names = "--min-confidence", paramLabel = "P",
            description = "Count a pair mention from this confidence in [0, 1] (default: the model's threshold, the"
                    + " same default as the enrich stream's streams.entente.enrich.minConfidence).")
    Double minConfidence;

    @Override
    public Integer call() throws IOException {
        Enricher enricher;
        try {
            enricher = Enricher.fromResources(Optional.ofNullable(dictionary));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException("--dictionary: " + e.getMessage());
        }
        if (minConfidence != null) {
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                throw new ConfigException("--min-confidence: expected a number from 0 to 1, got " + minConfidence);
            }
            enricher = enricher.withMinConfidence(minConfidence);
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int status = ExtractJsonLines.run(in, out, err, enricher, explain);
        out.flush();
        err.flush();
        return status;
    }
}
