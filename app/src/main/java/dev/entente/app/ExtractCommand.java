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
            "Offline, no Kafka: reads JSON Lines {\"id\", \"title\" (optional), \"text\"} on stdin and writes",
            "one JSON line per input with its entities, events and cooperationPairs on stdout."
        })
final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--dictionary", paramLabel = "FILE",
            description = "A user dictionary merged over the bundled data: tables in the formats of countries.tsv,"
                    + " entities.tsv and leaders.tsv, each starting with its header line.")
    Path dictionary;

    @Override
    public Integer call() throws IOException {
        Enricher enricher;
        try {
            enricher = Enricher.fromResources(Optional.ofNullable(dictionary));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException("--dictionary: " + e.getMessage());
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int status = ExtractJsonLines.run(in, out, err, enricher);
        out.flush();
        err.flush();
        return status;
    }
}
