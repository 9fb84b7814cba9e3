package dev.entente.app;

import dev.entente.enrich.Enricher;
import dev.entente.enrich.ExtractJsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code extract}: the enrich stream's tagging, offline, from JSON Lines on stdin to JSON Lines on stdout. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Offline, no Kafka: reads JSON Lines {\"id\", \"title\" (optional), \"text\"} on stdin and writes",
            "one JSON line per input with its entities, events and cooperationPairs on stdout."
        })
final class ExtractCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int status = ExtractJsonLines.run(in, out, err, Enricher.fromResources());
        out.flush();
        err.flush();
        return status;
    }
}
