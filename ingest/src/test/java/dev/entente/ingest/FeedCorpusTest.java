package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Valid files Rome 2.1.0 itself cannot read (INDEX.md says so); they fail with a clear error. */
    private static final java.util.Set<String> KNOWN_ROME_FAILURES = java.util.Set.of(
            "feedparser/atom03/entry_content_mode_base64.xml");

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

    /**
     * Every file INDEX.md says "parses, N items" parses to exactly N entries. Files it says parse only
     * with DOCTYPEs allowed are rejected by policy (see {@link FeedParser}), so they are left out here,
     * as are the {@link #KNOWN_ROME_FAILURES}.
     */
    @TestFactory
    Stream<DynamicTest> parsesEveryValidFileWithTheIndexedItemCount() throws IOException {
        corpus();
        Pattern line = Pattern.compile("^(\\S+) \\|.*\\| (?:parses|decodes), (\\d+) (?:item|entr)[^|]*$");
        List<DynamicTest> tests = new ArrayList<>();
        for (String text : Files.readAllLines(CORPUS.resolve("INDEX.md"))) {
            Matcher m = line.matcher(text);
            if (!m.matches() || text.contains("'DOCTYPE is disallowed'") || KNOWN_ROME_FAILURES.contains(m.group(1))) {
                continue;
            }
            Path file = CORPUS.resolve(m.group(1));
            int expected = Integer.parseInt(m.group(2));
            tests.add(DynamicTest.dynamicTest(m.group(1) + " has " + expected, () ->
                    assertThat(new FeedParser().parse(Files.readAllBytes(file)).getEntries()).hasSize(expected)));
        }
        assertThat(tests).hasSizeGreaterThan(80);
        return tests.stream();
    }

    /** Not well-formed in ways Rome's healer repairs: recovered, per the policy of {@link FeedParser}. */
    private static final List<String> RECOVERED = List.of(
            "feedparser/edge/nbsp.xml", "feedparser/edge/hellip.xml", "rome/edge/jira_issue1.xml",
            "rome/broken/yweather.xml", "node-feedparser/broken/saxerror.xml", "gofeed/broken/issue_305_bare_ampersand.xml",
            "w3c-feedvalidator/broken/rss91u_entity.xml");

    /** Undecodable bytes, contradicting charsets, truncation, not a feed: rejected. */
    private static final List<String> REJECTED = List.of(
            "feedparser/broken/bozo_linenoise.xml", "feedparser/broken/koi8r.xml", "rss-parser/broken/uolNoticias.rss",
            "w3c-feedvalidator/broken/xml_declares_wrong_encoding.xml",
            "w3c-feedvalidator/broken/xml_utf-8_bom_with_ascii_declaration.xml", "feedparser/broken/bozo_bogus_encoding.xml",
            "feed-rs/broken/rss_2.0_invalid_1.xml", "w3c-feedvalidator/broken/invalid_xml.xml", "rome/broken/2.rss",
            "rss-parser/broken/unrecognized.rss", "node-feedparser/broken/invalid-characters-gzipped.xml",
            "feedparser/broken/doesnotexist.xml");

    @TestFactory
    Stream<DynamicTest> recoversOrRejectsBrokenFilesAsThePolicySays() throws IOException {
        corpus();
        Stream<DynamicTest> recovered = RECOVERED.stream().map(name -> DynamicTest.dynamicTest("recovers " + name, () ->
                assertThat(new FeedParser().parse(Files.readAllBytes(CORPUS.resolve(name)))).isNotNull()));
        Stream<DynamicTest> rejected = REJECTED.stream().map(name -> DynamicTest.dynamicTest("rejects " + name, () ->
                assertThatThrownBy(() -> new FeedParser().parse(Files.readAllBytes(CORPUS.resolve(name))))
                        .isInstanceOf(FeedException.class)
                        .hasMessageStartingWith(FeedParser.PREFIX)));
        return Stream.concat(recovered, rejected);
    }

    /** Hostile files are refused quickly and the message quotes nothing from them. */
    @TestFactory
    Stream<DynamicTest> rejectsHostileFilesFastWithoutLeakingContent() throws IOException {
        List<Path> hostile = corpus().stream().filter(file -> file.toString().contains("/hostile/")).toList();
        return hostile.stream().map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            long start = System.nanoTime();
            try {
                new FeedParser().parse(bytes);
            } catch (FeedException e) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
                assertThat(e.getMessage()).doesNotContain("ENTITY", "passwd", "boot.ini", "lol");
            }
        }));
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
