package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One poll of a feed: its items (none when the server said "not modified"), the validators for the
 * next conditional request, and the feed's own lower bound on the polling interval
 * ({@link PollHints}).
 */
public record FeedPoll(boolean notModified, List<RawArticle> articles, Validators validators, Optional<Duration> minimumInterval) {

    public FeedPoll {
        articles = List.copyOf(articles);
    }
}
