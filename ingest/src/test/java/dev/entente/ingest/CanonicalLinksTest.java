package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CanonicalLinksTest {

    private static final URI BASE = URI.create("https://example.org/world/rss.xml");

    @Test
    void keepsAnAlreadyCanonicalLink() {
        assertThat(CanonicalLinks.canonicalize("https://example.org/a/b?id=7", BASE))
                .contains("https://example.org/a/b?id=7");
    }

    @Test
    void resolvesRelativeLinksAgainstTheBase() {
        assertThat(CanonicalLinks.canonicalize("story/1.html", BASE)).contains("https://example.org/world/story/1.html");
        assertThat(CanonicalLinks.canonicalize("/story/1", BASE)).contains("https://example.org/story/1");
        assertThat(CanonicalLinks.canonicalize("//cdn.example.org/x", BASE)).contains("https://cdn.example.org/x");
        assertThat(CanonicalLinks.canonicalize("story", URI.create("http://example.org"))).contains("http://example.org/story");
    }

    @Test
    void dropsTheFragmentAndUtmParameters() {
        assertThat(CanonicalLinks.canonicalize(
                        "https://example.org/a?utm_source=rss&id=7&UTM_Medium=feed&page=2#comments", BASE))
                .contains("https://example.org/a?id=7&page=2");
        assertThat(CanonicalLinks.canonicalize("https://example.org/a?utm_source=rss", BASE))
                .contains("https://example.org/a");
    }

    @Test
    void lowercasesSchemeAndHostButNotThePath() {
        assertThat(CanonicalLinks.canonicalize("HTTPS://Example.ORG/News/A", BASE)).contains("https://example.org/News/A");
    }

    @Test
    void dropsDefaultPortsAndWritesAnEmptyPathAsSlash() {
        assertThat(CanonicalLinks.canonicalize("http://example.org:80", BASE)).contains("http://example.org/");
        assertThat(CanonicalLinks.canonicalize("https://example.org:8443/x", BASE)).contains("https://example.org:8443/x");
    }

    @Test
    void escapesCharactersFeedsLeaveUnescaped() {
        assertThat(CanonicalLinks.canonicalize("https://example.org/a b/é", BASE))
                .contains("https://example.org/a%20b/%C3%A9");
    }

    @Test
    void keepsOnlyHttpAndHttps() {
        assertThat(CanonicalLinks.canonicalize("javascript:alert(1)", BASE)).isEmpty();
        assertThat(CanonicalLinks.canonicalize("mailto:desk@example.org", BASE)).isEmpty();
        assertThat(CanonicalLinks.canonicalize("ftp://example.org/a", BASE)).isEmpty();
        assertThat(CanonicalLinks.canonicalize("story.html", URI.create("file:///tmp/feed.xml"))).isEmpty();
    }

    @Test
    void givesNothingForBlankOrRelativeLinksWithoutBase() {
        assertThat(CanonicalLinks.canonicalize(null, BASE)).isEmpty();
        assertThat(CanonicalLinks.canonicalize("  ", BASE)).isEmpty();
        assertThat(CanonicalLinks.canonicalize("story.html", null)).isEmpty();
    }
}
