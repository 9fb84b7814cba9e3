package dev.entente.ingest;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.entente.schemas.RawArticle;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way a feed is read, by the ingest service and by {@code check-feed} alike: fetch
 * (conditionally, when validators are known), parse, map. Thread-safe when its collaborators are
 * (the provided ones are).
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
        return poll(feedId, url, Validators.NONE, fetchedAt).articles();
    }

    /**
     * A conditional read: with the validators of the previous poll, an unchanged feed comes back as
     * {@link FeedPoll#notModified()} without being parsed.
     */
    public FeedPoll poll(String feedId, URI url, Validators validators, Instant fetchedAt) throws FeedException {
        FetchResult fetched = fetcher.fetch(url, validators);
        if (fetched.notModified()) {
            return new FeedPoll(true, List.of(), fetched.validators(), Optional.empty());
        }
        SyndFeed feed = parser.parse(fetched.body(), fetched.contentTypeCharset());
        return new FeedPoll(false, mapper.map(feedId, url, feed, fetchedAt), fetched.validators(),
                PollHints.minimumInterval(feed));
    }
}
