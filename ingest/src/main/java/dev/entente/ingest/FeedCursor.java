package dev.entente.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where ingest stands with one feed: the validators of its last fetch (for the next conditional
 * request) and the ids of the items it has sent and Kafka acknowledged, newest last. An item whose
 * id is in {@code recentIds} is never sent again, also after a restart.
 *
 * <p>Bounded: at most {@link #MAX_RECENT_IDS} ids, or the size of the feed's latest document when
 * that is larger, so every item a feed still carries is remembered.
 *
 * <p>Stored as JSON, the value of the compacted topic {@code news.ingest-state} keyed by feed id:
 * {@code {"v":1,"feedId":"world-news","url":"https://...","etag":"\"abc\"","lastModified":"...","recentIds":["..."]}}
 * ({@code etag} and {@code lastModified} absent when unknown). Readers ignore unknown fields, so
 * fields can be added.
 */
public record FeedCursor(String feedId, URI url, Validators validators, List<String> recentIds) {

    public static final int MAX_RECENT_IDS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public FeedCursor {
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(validators, "validators");
        recentIds = List.copyOf(recentIds);
    }

    public static FeedCursor empty(FeedSpec feed) {
        return new FeedCursor(feed.id(), feed.url(), Validators.NONE, List.of());
    }

    /**
     * The cursor after a poll whose items were all acknowledged: {@code documentIds} (every id in the
     * latest document, sent now or before) move to the newest end, then the oldest are dropped
     * beyond the bound.
     */
    public FeedCursor advance(Validators newValidators, List<String> documentIds, Set<String> alsoSent) {
        Set<String> ids = new LinkedHashSet<>(recentIds);
        List<String> newest = new ArrayList<>(documentIds);
        newest.addAll(alsoSent);
        newest.forEach(ids::remove);
        ids.addAll(newest);
        int bound = Math.max(MAX_RECENT_IDS, documentIds.size());
        List<String> kept = new ArrayList<>(ids);
        return new FeedCursor(feedId, url, newValidators, kept.subList(Math.max(0, kept.size() - bound), kept.size()));
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("feedId", feedId);
        node.put("url", url.toString());
        validators.etag().ifPresent(etag -> node.put("etag", etag));
        validators.lastModified().ifPresent(date -> node.put("lastModified", date));
        var ids = node.putArray("recentIds");
        recentIds.forEach(ids::add);
        return node.toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not a cursor */
    public static FeedCursor fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<String> ids = new ArrayList<>();
            node.path("recentIds").forEach(id -> ids.add(id.asText()));
            return new FeedCursor(node.path("feedId").asText(), URI.create(node.path("url").asText()),
                    new Validators(text(node, "etag"), text(node, "lastModified")), ids);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a feed cursor: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
