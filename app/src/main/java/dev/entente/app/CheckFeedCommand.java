package dev.entente.app;

import dev.entente.ingest.FeedException;
import dev.entente.ingest.FeedReader;
import dev.entente.ingest.HttpFeedFetcher;
import dev.entente.schemas.RawArticle;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check-feed}: fetches and parses one feed exactly as ingest would, before it goes into the config. */
@Command(name = "check-feed", mixinStandardHelpOptions = true,
        description = "Fetches and parses one feed as ingest would and prints each normalized item as one JSON line.")
final class CheckFeedCommand implements Callable<Integer> {

    static final String FEED_ID = "check-feed";

    @Parameters(paramLabel = "URL_OR_FILE", description = "An http, https or file URL, or a path to a feed file.")
    String target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI url = toUri(target);
        try {
            List<RawArticle> items = new FeedReader(new HttpFeedFetcher()).read(FEED_ID, url, Instant.now());
            items.forEach(item -> out.println(AvroJson.toJson(item)));
            out.flush();
            return 0;
        } catch (FeedException e) {
            err.println("entente check-feed: " + target + ": " + e.getMessage());
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
    }

    /** A URL with a scheme is taken as it is; anything else is a path on this machine. */
    private URI toUri(String target) {
        try {
            if (target.matches("(?i)(https?|file):.*")) {
                return new URI(target);
            }
            return Path.of(target).toAbsolutePath().normalize().toUri();
        } catch (URISyntaxException | java.nio.file.InvalidPathException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + target + "' is neither a URL nor a file path");
        }
    }
}
