package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.RawArticle;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArticleMapperTest {

    private static final Instant FETCHED = Instant.parse("2025-06-03T12:00:00Z");
    private static final URI FEED_URL = URI.create("https://feeds.example.org/world.xml");

    private final FeedParser parser = new FeedParser();
    private final ArticleMapper mapper = new ArticleMapper();

    private List<RawArticle> map(String document) throws FeedException {
        return mapper.map("world-news", FEED_URL, parser.parse(utf8(document)), FETCHED);
    }

    @Test
    void identifiesEveryItemByGuidElseCanonicalLinkElseWhatItSays() throws FeedException {
        List<RawArticle> articles = map(Feeds.RSS);

        assertThat(articles).extracting(RawArticle::getTitle)
                .containsExactly("Ministers meet in Kyiv", "Relative link", "Only a guid", "Neither link nor guid");
        assertThat(articles).extracting(RawArticle::getLink).containsExactly(
                "https://news.example.org/world/ministers-meet",
                "https://news.example.org/world/drills-announced",
                null, null);
        assertThat(articles).extracting(RawArticle::getId).containsExactly(
                ArticleIds.of("https://news.example.org/world/ministers-meet"),
                ArticleIds.of("https://news.example.org/world/drills-announced"),
                ArticleIds.of("urn:example:item-3"),
                ArticleIds.of(new ArticleIds.ItemKey(Optional.empty(), Optional.empty(), "Neither link nor guid",
                        Optional.empty(), "Identified by what it says.").digestSource()));
    }

    @Test
    void takesTheLinkOfAnAtomEntryOverItsId() throws FeedException {
        assertThat(map(Feeds.ATOM).get(0).getId()).isEqualTo(ArticleIds.of("https://atom.example.org/a/1"));
    }

    @Test
    void givesTheSameIdsWhenTheFeedIsReadAgain() throws FeedException {
        assertThat(map(Feeds.RSS)).extracting(RawArticle::getId)
                .containsExactlyElementsOf(map(Feeds.RSS).stream().map(RawArticle::getId).toList());
    }

    @Test
    void turnsHtmlIntoPlainTextParagraphs() throws FeedException {
        RawArticle first = map(Feeds.RSS).get(0);

        assertThat(first.getSummary()).isEqualTo("France and Ukraine agreed on training.\n\nMore talks follow.");
        assertThat(first.getContent()).isEqualTo("Full & final text.");
        assertThat(map(Feeds.RSS).get(1).getContent()).isEmpty();
    }

    @Test
    void carriesDatesFeedAndLanguage() throws FeedException {
        List<RawArticle> articles = map(Feeds.RSS);

        assertThat(articles.get(0).getPublishedAt()).isEqualTo(Instant.parse("2025-06-03T09:30:00Z"));
        assertThat(articles.get(1).getPublishedAt()).isNull();
        assertThat(articles).allSatisfy(article -> {
            assertThat(article.getFetchedAt()).isEqualTo(FETCHED);
            assertThat(article.getFeedId()).isEqualTo("world-news");
            assertThat(article.getLanguage()).isEqualTo("en-GB");
        });
    }

    @Test
    void readsAtomTextTitlesLiterallyAndFallsBackToTheUpdatedDate() throws FeedException {
        List<RawArticle> articles = map(Feeds.ATOM);

        assertThat(articles).hasSize(2);
        RawArticle first = articles.get(0);
        assertThat(first.getTitle()).isEqualTo("Tanks <and> talks");
        assertThat(first.getLink()).isEqualTo("https://atom.example.org/a/1");
        assertThat(first.getSummary()).isEqualTo("Summary & more");
        assertThat(first.getContent()).isEqualTo("One\n\nTwo");
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2025-06-03T10:00:00Z"));
        assertThat(articles.get(1).getId()).isEqualTo(ArticleIds.of("urn:example:atom-2"));
        assertThat(articles.get(1).getPublishedAt()).isEqualTo(Instant.parse("2025-06-01T08:00:00Z"));
    }

    @Test
    void keepsEveryItemWhenTwoShareALink() throws FeedException {
        String shared = Feeds.RSS.replace("<link>drills-announced</link>",
                "<link>https://news.example.org/world/ministers-meet?utm_medium=feed</link>");

        List<RawArticle> articles = map(shared);

        assertThat(articles).extracting(RawArticle::getTitle)
                .containsExactly("Ministers meet in Kyiv", "Relative link", "Only a guid", "Neither link nor guid");
        assertThat(articles).extracting(RawArticle::getId).doesNotHaveDuplicates()
                .doesNotContain(ArticleIds.of("https://news.example.org/world/ministers-meet"));
    }

    @Test
    void keepsOnceAnItemTheFeedListsTwice() throws FeedException {
        String item = "<item><title>Again</title><link>https://news.example.org/world/again</link></item>";
        String twice = Feeds.RSS.replace("<item>", item + item + "<item>");

        assertThat(map(twice)).extracting(RawArticle::getTitle).containsOnlyOnce("Again");
    }
}
