package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of one poll of one feed, free of threads and Kafka: which items to send, and where the
 * feed's {@link FeedCursor} stands once every send has completed.
 *
 * <ul>
 *   <li>To send: the items of the document whose ids the cursor does not hold, in document order.
 *   <li>After the sends, the cursor remembers every id of the document Kafka has acknowledged, in
 *       this poll or an earlier one, as its newest ids. An id not acknowledged (failed, or held back
 *       because another poll was sending it) is not remembered, so a later poll offers it again.
 *   <li>The validators of this fetch replace the cursor's only when no send failed; otherwise the
 *       next poll fetches the whole document (no 304) and so sees the failed items again.
 * </ul>
 *
 * @param fetched the validators the server gave with {@code document}
 * @param document the items of the fetched document, each id once
 */
public record FeedPollPlan(FeedCursor cursor, Validators fetched, List<RawArticle> document) {

    public FeedPollPlan {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(fetched, "fetched");
        document = List.copyOf(document);
    }

    public List<RawArticle> toSend() {
        Set<String> known = new HashSet<>(cursor.recentIds());
        return document.stream().filter(article -> !known.contains(article.getId())).toList();
    }

    /**
     * @param current the feed's cursor now, which an overlapping poll may have moved since
     *     {@link #cursor()}
     * @param acknowledged the ids Kafka acknowledged in this poll
     * @param anyFailed whether a send of this poll failed
     */
    public FeedCursor cursorAfter(FeedCursor current, Set<String> acknowledged, boolean anyFailed) {
        Set<String> written = new HashSet<>(current.recentIds());
        written.addAll(acknowledged);
        List<String> remembered = document.stream().map(RawArticle::getId).filter(written::contains).toList();
        return current.advance(anyFailed ? current.validators() : fetched, remembered, acknowledged);
    }
}
