package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rometools.rome.feed.synd.SyndFeed;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void parsesRss20() throws FeedException {
        SyndFeed feed = parser.parse(utf8(Feeds.RSS));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("World desk");
        assertThat(feed.getEntries()).hasSize(4);
    }

    @Test
    void parsesAtom10() throws FeedException {
        SyndFeed feed = parser.parse(utf8(Feeds.ATOM));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).extracting(entry -> entry.getUri())
                .containsExactly("urn:example:atom-1", "urn:example:atom-2");
    }

    @Test
    void letsTheXmlDeclarationDecideTheCharset() throws FeedException {
        String latin1 = Feeds.RSS.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("World desk", "Désk du monde");

        SyndFeed feed = parser.parse(latin1.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(feed.getTitle()).isEqualTo("Désk du monde");
    }

    @Test
    void recognisesUtf16AndUtf32FromTheirFirstBytes() throws FeedException {
        String undeclared = Feeds.RSS.substring(Feeds.RSS.indexOf("<rss")).replace("World desk", "Мир");
        String declared = Feeds.RSS.replace("encoding=\"UTF-8\"", "encoding=\"UTF-32\"");

        assertThat(parser.parse(undeclared.getBytes(StandardCharsets.UTF_16BE)).getTitle()).isEqualTo("Мир");
        assertThat(parser.parse(undeclared.getBytes(StandardCharsets.UTF_16LE)).getTitle()).isEqualTo("Мир");
        assertThat(parser.parse(("\uFEFF" + declared).getBytes(Charset.forName("UTF-32BE"))).getEntries()).hasSize(4);
    }

    @Test
    void rejectsAnUnsupportedEncodingByName() {
        String bogus = Feeds.RSS.replace("encoding=\"UTF-8\"", "encoding=\"x-bogus\"");

        assertThatThrownBy(() -> parser.parse(utf8(bogus)))
                .hasMessage("not a valid RSS/Atom feed: unsupported encoding 'x-bogus'");
    }

    @Test
    void rejectsAnEntityBombBeforeExpandingIt() {
        assertThatThrownBy(() -> parser.parse(utf8(Feeds.ENTITY_BOMB)))
                .isInstanceOf(FeedException.class)
                .hasMessage("not a valid RSS/Atom feed: DOCTYPE declarations are not allowed, except <!DOCTYPE rss>"
                        + " naming an external DTD (others can load external files or expand entity bombs)");
    }

    @Test
    void readsTheHtmlEntitiesOfAnRss091DoctypeWithoutLoadingItsDtd(@TempDir Path dir) throws Exception {
        // Were the DTD loaded, its own &uuml; would win.
        Path dtd = Files.writeString(dir.resolve("rss-0.91.dtd"), "<!ENTITY uuml \"LOADED\">");
        String rss = RSS_091.replace("http://my.netscape.com/publish/formats/rss-0.91.dtd", dtd.toUri().toString());

        SyndFeed feed = parser.parse(utf8(rss));

        assertThat(feed.getEntries()).singleElement().satisfies(entry ->
                assertThat(entry.getTitle()).isEqualTo("Und tsch\u00fcss \u2026 caf\u00e9 &uuml; <b>"));
        assertThat(feed.getEntries().get(0).getDescription().getValue()).isEqualTo("&uuml; stays in CDATA");
    }

    @Test
    void refusesAnRssDoctypeWithAnInternalSubset() {
        String rss = RSS_091.replace("rss-0.91.dtd\">", "rss-0.91.dtd\" [<!ENTITY uuml \"x\">]>");

        assertThatThrownBy(() -> parser.parse(utf8(rss))).isInstanceOf(FeedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesTheDoctypeOfAnotherDocumentType() {
        String html = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\""
                + " \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html><body>x</body></html>";

        assertThatThrownBy(() -> parser.parse(utf8(html))).isInstanceOf(FeedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesAnUnknownEntityDespiteAnRss091Doctype() {
        String rss = RSS_091.replace("&hellip;", "&doesnotexist;");

        assertThatThrownBy(() -> parser.parse(utf8(rss))).isInstanceOf(FeedException.class)
                .hasMessageContaining("doesnotexist");
    }

    private static final String RSS_091 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
                "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91">
              <channel>
                <title>Netscape flavour</title>
                <link>https://example.org/</link>
                <description>d</description>
                <language>de</language>
                <item>
                  <title>Und tsch&uuml;ss &hellip; caf&#233; &amp;uuml; &lt;b&gt;</title>
                  <link>https://example.org/1</link>
                  <description><![CDATA[&uuml; stays in CDATA]]></description>
                </item>
              </channel>
            </rss>
            """;

    @Test
    void rejectsADoctypeHiddenBehindCommentsOrUtf16() {
        String commented = "<?xml version=\"1.0\"?>\n<!-- <rss> -->\n<!doctype rss SYSTEM \"http://example.org/x.dtd\"><rss/>";
        String utf16 = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE rss [<!ENTITY e \"x\">]><rss/>";

        assertThatThrownBy(() -> parser.parse(utf8(commented))).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> parser.parse(utf16.getBytes(StandardCharsets.UTF_16LE))).hasMessageContaining("DOCTYPE");
    }

    @Test
    void acceptsDoctypeTextInsideItemContent() throws FeedException {
        String rss = Feeds.RSS.replace("Plain description.", "<![CDATA[<!DOCTYPE html><p>embedded page</p>]]>");

        assertThat(parser.parse(utf8(rss)).getEntries()).hasSize(4);
    }

    @Test
    void rejectsGarbageBytesWithOneClearLine() {
        byte[] garbage = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xFF};

        assertThatThrownBy(() -> parser.parse(garbage))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("not a valid RSS/Atom feed: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsWellFormedXmlThatIsNoFeed() {
        assertThatThrownBy(() -> parser.parse(utf8("<?xml version=\"1.0\"?><html><body/></html>")))
                .isInstanceOf(FeedException.class)
                .hasMessage("not a valid RSS/Atom feed: the XML is neither RSS nor Atom");
    }

    @Test
    void rejectsRssWithoutChannel() {
        assertThatThrownBy(() -> parser.parse(utf8("<rss version=\"2.0\"></rss>")))
                .isInstanceOf(FeedException.class)
                .hasMessage("not a valid RSS/Atom feed: the <rss> element has no <channel>");
    }

    @Test
    void rejectsAnEmptyOrTruncatedDocument() {
        assertThatThrownBy(() -> parser.parse(new byte[0])).hasMessage("not a valid RSS/Atom feed: the document is empty");
        assertThatThrownBy(() -> parser.parse(utf8(Feeds.RSS.substring(0, 300))))
                .isInstanceOf(FeedException.class)
                .hasMessageStartingWith("not a valid RSS/Atom feed: ");
    }

    @Test
    void recoversHtmlEntitiesAndJunkBeforeTheDeclarationThroughTheHealer() throws FeedException {
        String entities = Feeds.RSS.replace("World desk", "World&nbsp;desk &amp; more");
        String leading = "\n\n" + Feeds.RSS;

        assertThat(parser.parse(utf8(entities)).getTitle()).isEqualTo("World\u00a0desk & more");
        assertThat(parser.parse(utf8(leading)).getEntries()).hasSize(4);
    }

    @Test
    void keepsTheStrictMessageWhenTheHealerCannotRepairTheDocument() {
        assertThatThrownBy(() -> parser.parse(utf8(Feeds.RSS.replace("</channel>", ""))))
                .hasMessageStartingWith("not a valid RSS/Atom feed: Error on line 29: The element type \"channel\" must be terminated");
    }

    @Test
    void prefersValidUtf8OverAWrongHttpCharset() throws FeedException {
        String text = Feeds.RSS.replace("World desk", "Désk");

        assertThat(parser.parse(utf8(text), java.util.Optional.of("ISO-8859-1")).getTitle()).isEqualTo("Désk");
    }

    @Test
    void rejectsBytesThatAreNotValidInTheDeclaredCharset() {
        byte[] latin1 = Feeds.RSS.replace("World desk", "Désk").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> parser.parse(latin1))
                .hasMessage("not a valid RSS/Atom feed: the bytes are not valid UTF-8");
    }

    @Test
    void rejectsAUtf8ByteOrderMarkContradictedByTheDeclaration() {
        String ascii = "\uFEFF" + Feeds.RSS.replace("encoding=\"UTF-8\"", "encoding=\"us-ascii\"");

        assertThatThrownBy(() -> parser.parse(utf8(ascii)))
                .hasMessage("not a valid RSS/Atom feed: the byte-order mark says UTF-8 but the XML declaration says 'us-ascii'");
    }
}
