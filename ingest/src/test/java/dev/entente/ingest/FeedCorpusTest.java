package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.entente.schemas.RawArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the shared real-world corpus in place (it is not part of this repository) exactly as ingest
 * and {@code check-feed} do ({@link FeedReader}), and holds every file to the outcome its line in
 * {@code INDEX.md} gives: "parses, N items" is N articles, "must be rejected" a
 * {@link FeedException}. Where the index leaves the choice open, {@link #DECIDED} records ours.
 * Skipped when the corpus is absent.
 */
class FeedCorpusTest {

    private static final Path CORPUS = Path.of("../../shared/feeds");
    private static final Instant FETCHED = Instant.parse("2025-06-03T12:00:00Z");
    private static final Pattern INDEX_LINE = Pattern.compile("^([a-z0-9-]+/[a-z0-9]+/\\S+) \\| .* \\| ([^|]+)$");
    private static final Pattern ITEMS = Pattern.compile("^(?:parses|decodes), (\\d+) (?:item|entr)");
    private static final OptionalInt REJECTED = OptionalInt.empty();

    /** The outcomes INDEX.md leaves to the ingester (reject, or read leniently), as decided here. */
    private static final Map<String, OptionalInt> DECIDED = Map.ofEntries(
            // Not well-formed in ways Rome's healer repairs (FeedParser's recovery policy).
            Map.entry("feedparser/edge/nbsp.xml", OptionalInt.of(0)),
            Map.entry("rome/edge/jira_issue1.xml", OptionalInt.of(2)),
            Map.entry("rome/broken/yweather.xml", OptionalInt.of(1)),
            Map.entry("node-feedparser/broken/saxerror.xml", OptionalInt.of(3)),
            Map.entry("gofeed/broken/issue_305_bare_ampersand.xml", OptionalInt.of(0)),
            Map.entry("gofeed/broken/issue_320_legacy_entity_prefix.xml", OptionalInt.of(0)),
            Map.entry("w3c-feedvalidator/broken/rss91u_entity.xml", OptionalInt.of(1)),
            // Well-formed and readable.
            Map.entry("atoma/edge/broken-missing-id.xml", OptionalInt.of(0)),
            Map.entry("gofeed/namespaces/issue_309_namespace_whitespace.xml", OptionalInt.of(0)),
            // Not a feed, or not one of the formats ingest reads.
            Map.entry("atoma/edge/broken-no-channel.xml", REJECTED),
            Map.entry("atoma/edge/broken-version.xml", REJECTED),
            Map.entry("feed-rs/edge/atom_entry_1.xml", REJECTED),
            Map.entry("feed-rs/edge/atom_example_1.xml", REJECTED),
            Map.entry("w3c-feedvalidator/edge/pos-simpledc.xml", REJECTED),
            Map.entry("feedparser/encoding/utf-16be-bom.xml", REJECTED),
            Map.entry("feedparser/encoding/utf-16le-autodetect.xml", REJECTED),
            Map.entry("feedparser/encoding/utf-16le-bom.xml", REJECTED),
            Map.entry("feedparser/encoding/utf-32be-bom.xml", REJECTED),
            Map.entry("node-feedparser/broken/invalid-characters-gzipped.xml", REJECTED));

    private final FeedReader reader = new FeedReader(new HttpFeedFetcher());

    @Test
    void indexesEveryFileOfTheCorpus() throws IOException {
        assertThat(index().keySet()).hasSize(149)
                .containsExactlyInAnyOrderElementsOf(corpus().stream().map(f -> CORPUS.relativize(f).toString()).toList());
    }

    @TestFactory
    Stream<DynamicTest> readsEveryFileAsItsIndexLineSays() throws IOException {
        return index().entrySet().stream().map(line -> {
            OptionalInt expected = DECIDED.containsKey(line.getKey()) ? DECIDED.get(line.getKey()) : fromIndex(line.getValue());
            String name = line.getKey() + (expected.isPresent() ? " has " + expected.getAsInt() + " items" : " is rejected");
            return DynamicTest.dynamicTest(name, () -> {
                Path file = CORPUS.resolve(line.getKey());
                if (expected.isPresent()) {
                    assertThat(read(file)).hasSize(expected.getAsInt()).extracting(RawArticle::getId).doesNotHaveDuplicates();
                } else {
                    assertThatThrownBy(() -> read(file)).isInstanceOf(FeedException.class)
                            .hasMessageStartingWith(FeedParser.PREFIX).hasMessageNotContaining("\n");
                }
            });
        });
    }

    @Test
    void readsTheNetscapeHtmlEntitiesOfRss091Feeds() throws Exception {
        assertThat(read(CORPUS.resolve("w3c-feedvalidator/rss09x/rss91n_entity.xml")))
                .extracting(RawArticle::getTitle).containsExactly("Und tschüss.");
        assertThat(read(CORPUS.resolve("rome/rss09x/rss_0.91N.xml"))).hasSize(2);
        assertThat(read(CORPUS.resolve("w3c-feedvalidator/broken/rss91u_entity.xml")))
                .extracting(RawArticle::getTitle).containsExactly("Und tschüss.");
    }

    @Test
    void keepsItemsWithoutGuidOrLinkAndItemsSharingALinkWithStableIds() throws Exception {
        Path missingId = CORPUS.resolve("feed-rs/rss09x/rss_0.91_missing_id.xml");
        Path noIds = CORPUS.resolve("atoma/edge/encoding.xml");
        Path oneLink = CORPUS.resolve("rome/rss20/rsr.xml");

        assertThat(read(missingId)).singleElement().satisfies(item -> assertThat(item.getLink()).isNull());
        assertThat(read(noIds)).hasSize(4).allSatisfy(item -> assertThat(item.getLink()).isNull());
        assertThat(read(oneLink)).hasSize(15).extracting(RawArticle::getLink).containsOnly("http://www.rsr.ch/capsule");
        for (Path file : List.of(missingId, noIds, oneLink)) {
            assertThat(read(file)).as("read again").extracting(RawArticle::getId)
                    .containsExactlyElementsOf(read(file).stream().map(RawArticle::getId).toList());
        }
    }

    @Test
    void keepsChannelTitlesRecoveredFromBareAmpersandsAsGofeedDoes() throws Exception {
        assertThat(parse("gofeed/broken/issue_305_bare_ampersand.xml").getTitle()).isEqualTo("Fish & Chips & more <3");
        assertThat(parse("gofeed/broken/issue_320_legacy_entity_prefix.xml").getTitle())
                .isEqualTo("?page=1&copy=2;mode=x & done");
    }

    /** Hostile files are refused quickly, for their DOCTYPE, and the message quotes nothing from them. */
    @TestFactory
    Stream<DynamicTest> rejectsHostileFilesFastWithoutLeakingContent() throws IOException {
        // The other two hostile files are feeds with unsafe content, read like any other.
        List<Path> hostile = corpus().stream()
                .filter(file -> file.toString().contains("/hostile/") && !file.getFileName().toString().matches(
                        "unsafe_base.xml|content_encoded_contains_script.xml"))
                .toList();
        assertThat(hostile).hasSize(10);
        return hostile.stream().map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            long start = System.nanoTime();
            assertThatThrownBy(() -> new FeedParser().parse(bytes)).isInstanceOf(FeedException.class)
                    .hasMessageContaining("DOCTYPE")
                    .hasMessageNotContaining("ENTITY").hasMessageNotContaining("passwd")
                    .hasMessageNotContaining("boot.ini").hasMessageNotContaining("lol");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }));
    }

    private List<RawArticle> read(Path file) throws FeedException {
        return reader.read("corpus", file.toUri(), FETCHED);
    }

    private static SyndFeed parse(String name) throws Exception {
        return new FeedParser().parse(Files.readAllBytes(CORPUS.resolve(name)));
    }

    private static OptionalInt fromIndex(String outcome) {
        Matcher items = ITEMS.matcher(outcome);
        if (items.find()) {
            return OptionalInt.of(Integer.parseInt(items.group(1)));
        }
        if (outcome.startsWith("must be rejected")) {
            return REJECTED;
        }
        return fail("INDEX.md leaves the outcome open; decide it in DECIDED: " + outcome);
    }

    /** Each corpus file with its expected outcome, the last column of its line in INDEX.md. */
    private static Map<String, String> index() throws IOException {
        corpus();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String text : Files.readAllLines(CORPUS.resolve("INDEX.md"))) {
            Matcher m = INDEX_LINE.matcher(text);
            if (m.matches()) {
                outcomes.put(m.group(1), m.group(2));
            }
        }
        return outcomes;
    }

    private static List<Path> corpus() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "no feed corpus at " + CORPUS.toAbsolutePath());
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().matches(".*\\.(xml|rss|atom)"))
                    .sorted()
                    .toList();
        }
    }
}
