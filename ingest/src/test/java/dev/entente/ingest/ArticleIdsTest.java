package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.entente.ingest.ArticleIds.ItemKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    private static final String PROGRAMME = "https://radio.example.org/programme/morning";

    private static ItemKey item(String guid, String link, String title) {
        return new ItemKey(Optional.ofNullable(guid), Optional.ofNullable(link), title,
                Optional.of(Instant.parse("2025-06-03T09:30:00Z")), "");
    }

    @Test
    void isTheFirst32HexDigitsOfTheSha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(ArticleIds.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
    }

    @Test
    void isStableAndDistinguishesLinks() {
        String link = "https://example.org/news/1";

        assertThat(ArticleIds.of(link)).isEqualTo(ArticleIds.of(link)).hasSize(32).matches("[0-9a-f]+");
        assertThat(ArticleIds.of(link)).isNotEqualTo(ArticleIds.of("https://example.org/news/2"));
    }

    @Test
    void refusesAnEmptySource() {
        assertThatThrownBy(() -> ArticleIds.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesAUniqueLinkFirstThenAUniqueGuid() {
        List<String> ids = ArticleIds.assign(List.of(
                item("urn:news:1", "https://example.org/news/1", "One"),
                item("urn:news:2", null, "Two")));

        assertThat(ids).containsExactly(ArticleIds.of("https://example.org/news/1"), ArticleIds.of("urn:news:2"));
    }

    @Test
    void identifiesEpisodesThatShareAProgrammeLinkByTheirGuids() {
        List<String> ids = ArticleIds.assign(List.of(
                item("urn:episode:1", PROGRAMME, "Monday"),
                item("urn:episode:2", PROGRAMME, "Tuesday")));

        assertThat(ids).containsExactly(ArticleIds.of("urn:episode:1"), ArticleIds.of("urn:episode:2"));
    }

    @Test
    void usesUniqueLinksWhateverTheGuids() {
        List<String> ids = ArticleIds.assign(List.of(
                item("urn:same", "https://example.org/news/1", "One"),
                item("urn:same", "https://example.org/news/2", "Two")));

        assertThat(ids).containsExactly(ArticleIds.of("https://example.org/news/1"),
                ArticleIds.of("https://example.org/news/2"));
    }

    @Test
    void tellsItemsWithNeitherUniqueGuidNorUniqueLinkApartByWhatTheySay() {
        List<ItemKey> episodes = List.of(item(null, PROGRAMME, "Monday"), item(null, PROGRAMME, "Tuesday"),
                item(null, null, "Untitled"), item(null, null, "Also untitled"));

        List<String> ids = ArticleIds.assign(episodes);

        assertThat(ids).doesNotHaveDuplicates().doesNotContain(ArticleIds.of(PROGRAMME));
        assertThat(ArticleIds.assign(episodes)).as("the same items fetched again").isEqualTo(ids);
    }

    @Test
    void givesAnItemTheSameDigestWhateverElseTheDocumentHolds() {
        ItemKey monday = item(null, PROGRAMME, "Monday");

        String alone = ArticleIds.assign(List.of(item(null, PROGRAMME, "Tuesday"), monday)).get(1);
        String later = ArticleIds.assign(List.of(item(null, PROGRAMME, "Wednesday"), item(null, PROGRAMME, "Tuesday"),
                monday)).get(2);

        assertThat(later).isEqualTo(alone);
    }

    @Test
    void givesAnItemListedTwiceOneId() {
        ItemKey twice = item(null, PROGRAMME, "Monday");

        assertThat(ArticleIds.assign(List.of(twice, twice))).containsOnly(ArticleIds.of(twice.digestSource()));
    }

    @Test
    void neverGivesOneItemsGuidToAnotherItemsLink() {
        List<String> ids = ArticleIds.assign(List.of(
                item("https://example.org/news/1", null, "One"),
                item(null, "https://example.org/news/1", "Another")));

        assertThat(ids).doesNotHaveDuplicates().startsWith(ArticleIds.of("https://example.org/news/1"));
    }
}
