package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedSpecTest {

    private static final URI WORLD = URI.create("https://example.org/world/rss.xml");

    @Test
    void defaultsToFiveMinutesAndEnabled() {
        FeedSpec spec = new FeedSpec("world-news", WORLD);

        assertThat(spec.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.enabled()).isTrue();
        assertThat(new FeedSpec("world-news", WORLD, null, false).interval()).isEqualTo(FeedSpec.DEFAULT_INTERVAL);
    }

    @Test
    void acceptsHttpHttpsAndFileUrls() {
        new FeedSpec("a", URI.create("http://example.org/feed"));
        new FeedSpec("b", URI.create("HTTPS://example.org/feed"));
        new FeedSpec("c-1", URI.create("file:///tmp/feed.xml"));
    }

    @Test
    void rejectsAnIdOutsideLowercaseLettersDigitsAndDashes() {
        assertThatThrownBy(() -> new FeedSpec("World_News", WORLD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed id must match [a-z0-9-]+, got 'World_News'");
        assertThatThrownBy(() -> new FeedSpec("", WORLD)).hasMessageContaining("feed id");
        assertThatThrownBy(() -> new FeedSpec(null, WORLD)).hasMessageContaining("feed id");
    }

    @Test
    void rejectsOtherSchemesRelativeAndMissingUrlsNamingTheField() {
        assertThatThrownBy(() -> new FeedSpec("ftp", URI.create("ftp://example.org/feed")))
                .hasMessage("feed 'ftp': url must be an absolute http, https or file URL, got 'ftp://example.org/feed'");
        assertThatThrownBy(() -> new FeedSpec("rel", URI.create("feeds/world.xml"))).hasMessageContaining("url");
        assertThatThrownBy(() -> new FeedSpec("none", null)).hasMessage("feed 'none': url is missing");
        assertThatThrownBy(() -> new FeedSpec("nohost", URI.create("http:///feed"))).hasMessageContaining("no host");
    }

    @Test
    void rejectsAZeroOrNegativeInterval() {
        assertThatThrownBy(() -> new FeedSpec("w", WORLD, Duration.ZERO, true))
                .hasMessage("feed 'w': interval must be positive, got PT0S");
        assertThatThrownBy(() -> new FeedSpec("w", WORLD, Duration.ofSeconds(-1), true))
                .hasMessageContaining("interval");
    }
}
