package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.entente.schemas.RawArticle;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link FeedParser} adds after Rome: xml:base for links, and {@link TolerantDates}. */
class XmlBaseAndDatesTest {

    private static final Instant FETCHED = Instant.parse("2025-06-03T12:00:00Z");
    private static final URI FEED_URL = URI.create("https://feeds.example.org/world.xml");
    private static final Path EDGE = Path.of("../../shared/feeds/feed-rs/edge");

    private final FeedParser parser = new FeedParser();
    private final ArticleMapper mapper = new ArticleMapper();

    private List<RawArticle> map(byte[] document) throws FeedException {
        return mapper.map("desk", FEED_URL, parser.parse(document), FETCHED);
    }

    private static final String NESTED_BASES = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/news/">
              <title>Bases</title>
              <id>urn:example:bases</id>
              <link href="front"/>
              <updated>2025-06-03T10:00:00Z</updated>
              <entry>
                <title>Feed base only</title>
                <id>urn:example:1</id>
                <link href="2025/one?utm_medium=feed"/>
                <updated>2025-06-03T10:00:00Z</updated>
              </entry>
              <entry xml:base="europe/">
                <title>Relative entry base inside the feed base</title>
                <id>urn:example:2</id>
                <link href="two#comments"/>
                <updated>2025-06-03T10:00:00Z</updated>
              </entry>
              <entry xml:base="https://other.example.net/desk/">
                <title>Absolute entry base</title>
                <id>urn:example:3</id>
                <link href="/three"/>
                <updated>2025-06-03T10:00:00Z</updated>
              </entry>
              <entry>
                <title>Already absolute</title>
                <id>urn:example:4</id>
                <link href="https://elsewhere.example.com/four"/>
                <updated>2025-06-03T10:00:00Z</updated>
              </entry>
            </feed>
            """;

    @Test
    void resolvesEntryLinksAgainstNestedXmlBases() throws FeedException {
        assertThat(map(utf8(NESTED_BASES))).extracting(RawArticle::getLink).containsExactly(
                "https://atom.example.org/news/2025/one",
                "https://atom.example.org/news/europe/two",
                "https://other.example.net/three",
                "https://elsewhere.example.com/four");
    }

    @Test
    void resolvesTheFeedLinkAgainstTheFeedBase() throws FeedException {
        assertThat(parser.parse(utf8(NESTED_BASES)).getLink()).isEqualTo("https://atom.example.org/news/front");
    }

    @Test
    void resolvesRssItemLinksAgainstAnItemBaseBeforeTheChannelLink() throws FeedException {
        String rss = """
                <rss version="2.0"><channel><title>t</title><link>https://site.example.org/</link><description>d</description>
                  <item xml:base="https://cdn.example.org/posts/"><title>based</title><link>one.html</link></item>
                  <item><title>unbased</title><link>two.html</link></item>
                </channel></rss>
                """;
        assertThat(map(utf8(rss))).extracting(RawArticle::getLink)
                .containsExactly("https://cdn.example.org/posts/one.html", "https://site.example.org/two.html");
    }

    @Test
    void ignoresAnXmlBaseThatIsNotAUri() throws FeedException {
        String rss = """
                <rss version="2.0"><channel><title>t</title><link>https://site.example.org/</link><description>d</description>
                  <item xml:base="http://bad host/ x"><title>bad base</title><link>one.html</link></item>
                </channel></rss>
                """;
        assertThat(map(utf8(rss))).extracting(RawArticle::getLink).containsExactly("https://site.example.org/one.html");
    }

    @Test
    void readsDatesRomeLeavesOutOrMisreads() throws FeedException {
        String rss = """
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
                  <link>https://site.example.org/</link><description>d</description>
                  <item><link>/no-zone</link><pubDate>Tue, 10 Jun 2003 04:00:00</pubDate></item>
                  <item><link>/iso-offset</link><pubDate>2003-06-10T04:00:00+0200</pubDate></item>
                  <item><link>/hyphens</link><pubDate>Tue, 10-Jun-2003 04:00:00 GMT</pubDate></item>
                  <item><link>/micros</link><pubDate>2003-06-10T04:00:00.123456Z</pubDate></item>
                  <item><link>/dc-after-junk</link><pubDate>soon</pubDate><dc:date>2003-06-10</dc:date></item>
                  <item><link>/none</link><pubDate>soon</pubDate></item>
                </channel></rss>
                """;
        assertThat(map(utf8(rss))).extracting(RawArticle::getPublishedAt).containsExactly(
                Instant.parse("2003-06-10T04:00:00Z"),
                Instant.parse("2003-06-10T02:00:00Z"),
                Instant.parse("2003-06-10T04:00:00Z"),
                Instant.parse("2003-06-10T04:00:00.123Z"),
                Instant.parse("2003-06-10T00:00:00Z"),
                null);
    }

    @Test
    void fallsBackToAnAtomUpdatedDateRomeCannotRead() throws FeedException {
        String atom = """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2003-06-10T04:00:00Z</updated>
                  <entry><title>e</title><id>urn:e</id><link href="https://a.example.org/e"/>
                    <published>not a date</published><updated>2003-06-10T04:00:00+0000</updated></entry>
                </feed>
                """;
        assertThat(map(utf8(atom))).extracting(RawArticle::getPublishedAt).containsExactly(Instant.parse("2003-06-10T04:00:00Z"));
    }

    @Test
    void leavesDatesToRomeWhenItemsCannotBeMatchedToEntries() throws FeedException {
        // A stray item outside the channel: Rome ignores it, so elements and entries do not line up.
        String rss = """
                <rss version="2.0"><channel><title>t</title><link>https://site.example.org/</link><description>d</description>
                  <item><link>/a</link><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>
                </channel><item><link>/stray</link></item></rss>
                """;
        assertThat(map(utf8(rss))).extracting(RawArticle::getLink, RawArticle::getPublishedAt)
                .containsExactly(tuple("https://site.example.org/a", Instant.parse("2003-06-10T04:00:00Z")));
    }

    @Test
    void resolvesTheCorpusFeedsWithRelativeLinks() throws FeedException, IOException {
        assumeTrue(Files.isDirectory(EDGE), "no corpus at " + EDGE.toAbsolutePath());
        // Rome resolves the feed's relative alternate link against its rel="self" link.
        assertThat(map(Files.readAllBytes(EDGE.resolve("atom_relative.xml")))).extracting(RawArticle::getLink)
                .containsExactly("https://example.com/blog/2003/12/13/atom03");
        assertThat(map(Files.readAllBytes(EDGE.resolve("atom_xml_base.xml")))).extracting(RawArticle::getId)
                .containsExactly(ArticleIds.of("https://numi.st/post/2022/travel-uke"));
        assertThat(map(Files.readAllBytes(EDGE.resolve("rss_2.0_relurl_1.xml")))).extracting(RawArticle::getLink)
                .containsExactly("https://insanity.industries/post/pareto-optimal-compression/",
                        "https://insanity.industries/post/pacman-tracking-leftover-packages/");
        assertThat(map(Files.readAllBytes(EDGE.resolve("rss_2.0_relurl_2.xml")))).extracting(RawArticle::getLink)
                .containsExactly("https://kryogenix.org/nothing-here-really");
    }
}
