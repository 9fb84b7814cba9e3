package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

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
}
