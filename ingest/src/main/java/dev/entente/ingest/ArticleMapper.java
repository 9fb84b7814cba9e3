package dev.entente.ingest;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.entente.schemas.RawArticle;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps the entries of a parsed feed to {@link RawArticle}s, in feed order.
 *
 * <ul>
 *   <li>id: by {@link ArticleIds#assign}, from the guid, the canonical link ({@link CanonicalLinks};
 *       {@link FeedParser} has already applied any {@code xml:base}, other relative links are
 *       resolved against the feed's link, else the feed URL) or what the item says; every item gets
 *       one, and an item listed twice in one document is kept once;
 *   <li>title, summary (the description) and content (all content parts, as paragraphs) as plain
 *       text ({@link HtmlText}), {@code ""} when absent;
 *   <li>publishedAt: the published date, else the updated date, else null;
 *   <li>language: the feed's declared language as a BCP 47 tag ({@code en_US} becomes
 *       {@code en-US}), null when blank or not a language tag.
 * </ul>
 *
 * Thread-safe.
 */
public final class ArticleMapper {

    public List<RawArticle> map(String feedId, URI feedUrl, SyndFeed feed, Instant fetchedAt) {
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        URI base = baseOf(feed, feedUrl);
        String language = languageTag(feed.getLanguage());
        List<RawArticle.Builder> items = new ArrayList<>();
        List<ArticleIds.ItemKey> keys = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            Optional<String> link = linkOf(entry, base);
            Optional<Instant> published = instant(entry.getPublishedDate());
            RawArticle.Builder item = RawArticle.newBuilder()
                    .setFeedId(feedId)
                    .setLink(link.orElse(null))
                    .setTitle(titleOf(entry))
                    .setSummary(plainText(entry.getDescription()))
                    .setContent(contentOf(entry))
                    .setPublishedAt(published.or(() -> instant(entry.getUpdatedDate())).orElse(null))
                    .setFetchedAt(fetchedAt)
                    .setLanguage(language);
            items.add(item);
            keys.add(new ArticleIds.ItemKey(guidOf(entry), link, item.getTitle(), published, item.getSummary()));
        }
        List<String> ids = ArticleIds.assign(keys);
        List<RawArticle> articles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (seen.add(ids.get(i))) {
                articles.add(items.get(i).setId(ids.get(i)).build());
            }
        }
        return articles;
    }

    private static URI baseOf(SyndFeed feed, URI feedUrl) {
        Optional<String> feedLink = CanonicalLinks.canonicalize(feed.getLink(), feedUrl);
        try {
            return feedLink.map(URI::create).orElse(feedUrl);
        } catch (IllegalArgumentException e) {
            return feedUrl;
        }
    }

    private static Optional<String> linkOf(SyndEntry entry, URI base) {
        Optional<String> link = CanonicalLinks.canonicalize(entry.getLink(), base);
        if (link.isPresent() || entry.getLinks() == null) {
            return link;
        }
        return entry.getLinks().stream()
                .map(SyndLink::getHref)
                .map(href -> CanonicalLinks.canonicalize(href, base))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The identifier the item itself declares. Taken from the wire entry because Rome's
     * {@link SyndEntry#getUri()} falls back to the link when an RSS item has no guid.
     */
    private static Optional<String> guidOf(SyndEntry entry) {
        String guid;
        if (entry.getWireEntry() instanceof Item item) {
            // Not Item.getUri(): Rome fills it from the link, or rdf:about (RSS 1.0), which is the link.
            guid = item.getGuid() != null ? item.getGuid().getValue() : null;
        } else if (entry.getWireEntry() instanceof Entry atom) {
            guid = atom.getId();
        } else {
            guid = entry.getUri();
        }
        return Optional.ofNullable(blankToNull(guid));
    }

    private static String titleOf(SyndEntry entry) {
        return entry.getTitleEx() != null ? plainText(entry.getTitleEx()) : HtmlText.toPlainText(entry.getTitle());
    }

    private static String contentOf(SyndEntry entry) {
        if (entry.getContents() == null) {
            return "";
        }
        return entry.getContents().stream()
                .map(ArticleMapper::plainText)
                .filter(text -> !text.isEmpty())
                .collect(Collectors.joining("\n\n"));
    }

    // Atom says type="text" means literal text, where a "<" is a character, not markup.
    private static String plainText(SyndContent content) {
        if (content == null) {
            return "";
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        return type.equals("text") || type.equals("text/plain")
                ? HtmlText.normalizeWhitespace(content.getValue())
                : HtmlText.toPlainText(content.getValue());
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }

    private static String languageTag(String declared) {
        String value = blankToNull(declared);
        if (value == null) {
            return null;
        }
        String tag = Locale.forLanguageTag(value.replace('_', '-')).toLanguageTag();
        return tag.equals("und") ? null : tag;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
