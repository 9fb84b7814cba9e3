package dev.entente.ingest;

import java.time.Instant;

/**
 * The health of one configured feed, as {@code GET /api/v1/feeds} shows it.
 *
 * @param lastSuccess when the feed was last fetched and read (a 304 counts), null before that
 * @param lastError the one-line message of the latest failed poll, null after a success
 * @param itemsEmitted items written to {@code news.raw} and acknowledged since this process started
 * @param nextPoll when the feed is polled next, null when it is disabled or ingest is not running
 */
public record FeedStatus(String id, String url, boolean enabled, Instant lastSuccess, String lastError,
        int consecutiveFailures, long itemsEmitted, Instant nextPoll) {}
