package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The one way a feed is read, by the ingest service and by {@code check-feed} alike: fetch, parse,
 * map. Thread-safe when its collaborators are (the provided ones are).
 */
public final class FeedReader {

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final ArticleMapper mapper;

    public FeedReader(FeedFetcher fetcher, FeedParser parser, ArticleMapper mapper) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Reads feeds through {@code fetcher} with the standard parser and mapper. */
    public FeedReader(FeedFetcher fetcher) {
        this(fetcher, new FeedParser(), new ArticleMapper());
    }

    /**
     * @return the feed's items as articles, in feed order, each id at most once
     * @throws FeedException with a one-line message when the feed cannot be fetched or is not a feed
     */
    public List<RawArticle> read(String feedId, URI url, Instant fetchedAt) throws FeedException {
        byte[] bytes = fetcher.fetch(url);
        return mapper.map(feedId, url, parser.parse(bytes), fetchedAt);
    }
}
