package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the shared real-world corpus in place (it is not part of this repository) exactly as ingest
 * would. Whatever a file holds, reading it either works or fails with a {@link FeedException}.
 */
class FeedCorpusTest {

    private static final Path CORPUS = Path.of("../../shared/feeds");
    private static final Path HOSTILE = CORPUS.resolve("defusedxml/hostile");
    private static final Instant FETCHED = Instant.parse("2025-06-03T12:00:00Z");

    private final FeedReader reader = new FeedReader(new HttpFeedFetcher());

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileWithoutCrashing() throws IOException {
        return corpus().stream().map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(), () -> {
            try {
                reader.read("corpus", file.toUri(), FETCHED);
            } catch (FeedException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            } catch (Throwable e) {
                fail("reading " + file + " threw " + e + " instead of a FeedException", e);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryHostileFile() throws IOException {
        assumeTrue(Files.isDirectory(HOSTILE), "no hostile corpus at " + HOSTILE.toAbsolutePath());
        List<Path> hostile = filesUnder(HOSTILE);
        assertThat(hostile).isNotEmpty();
        return hostile.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
                assertThatThrownBy(() -> reader.read("hostile", file.toUri(), FETCHED))
                        .isInstanceOf(FeedException.class)
                        .hasMessageContaining("DOCTYPE")));
    }

    private static List<Path> corpus() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "no feed corpus at " + CORPUS.toAbsolutePath());
        return filesUnder(CORPUS);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().matches(".*\\.(xml|rss|atom)"))
                    .sorted()
                    .toList();
        }
    }
}
