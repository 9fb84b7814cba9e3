package dev.entente.app;

import dev.entente.ingest.FeedSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample feeds bundled in the jar, which {@code run} polls when it is given no configuration.
 * They are copied to a directory on disk because ingest reads {@code file:} URLs, exactly as it
 * would read a user's own feed files.
 */
final class SampleFeeds {

    static final Path DEFAULT_DIR = Path.of("data", "samples");
    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final List<String> IDS = List.of("sample-wire", "sample-defence");

    private SampleFeeds() {}

    /** Copies the samples into {@code dir} (replacing older copies) and returns their feed entries. */
    static List<FeedSpec> install(Path dir) {
        List<FeedSpec> feeds = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String id : IDS) {
                Path file = dir.resolve(id + ".xml").toAbsolutePath();
                try (InputStream in = SampleFeeds.class.getResourceAsStream("/samples/" + id + ".xml")) {
                    if (in == null) {
                        throw new IllegalStateException("sample feed " + id + " is missing from the jar");
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                feeds.add(new FeedSpec(id, file.toUri(), INTERVAL, true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample feeds to " + dir + ": " + e.getMessage(), e);
        }
        return feeds;
    }
}
