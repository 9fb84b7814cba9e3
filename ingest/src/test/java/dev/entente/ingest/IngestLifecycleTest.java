package dev.entente.ingest;

import static dev.entente.ingest.Feeds.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.RawArticle;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Cursors across restarts, conditional polls, health, backoff and live feed-list updates. */
class IngestLifecycleTest {

    private static final Instant NOW = Instant.parse("2025-06-03T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final URI WORLD_URL = URI.create("https://news.example.org/world.xml");
    private static final FeedSpec WORLD = new FeedSpec("world-news", WORLD_URL, Duration.ofMinutes(5), true);
    private static final Validators V1 = Validators.of("\"v1\"", null);

    /** Serves documents by URL, answering 304 when the request carries the current validators. */
    private static final class FakeServer implements FeedFetcher {
        final Map<URI, String> documents = new ConcurrentHashMap<>();
        final Map<URI, FeedException> failures = new ConcurrentHashMap<>();
        final AtomicInteger fullFetches = new AtomicInteger();

        @Override
        public FetchResult fetch(URI url, Validators validators) throws FeedException {
            FeedException failure = failures.get(url);
            if (failure != null) {
                throw failure;
            }
            if (validators.equals(V1)) {
                return FetchResult.notModified(V1);
            }
            fullFetches.incrementAndGet();
            return new FetchResult(200, utf8(documents.get(url)), V1, Optional.empty());
        }
    }

    private static MockProducer<String, RawArticle> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new RawArticleSerializer());
    }

    private static IngestService service(FakeServer server, MockProducer<String, RawArticle> producer, CursorStore store,
            List<FeedSpec> feeds) {
        return new IngestService(feeds, producer, new FeedReader(server), CLOCK, store, IngestService.Settings.DEFAULTS, () -> 0.5);
    }

    @Test
    void doesNotSendAgainAfterARestartWithTheSameCursorStore() throws Exception {
        FakeServer server = new FakeServer();
        server.documents.put(WORLD_URL, Feeds.RSS);
        CursorStore store = CursorStore.inMemory();
        MockProducer<String, RawArticle> producer = producer();

        try (IngestService first = service(server, producer, store, List.of(WORLD))) {
            assertThat(first.pollOnce(WORLD)).isEqualTo(4);
        }
        try (IngestService second = service(server, producer, store, List.of(WORLD))) {
            assertThat(second.pollOnce(WORLD)).as("304 thanks to the stored validators").isZero();
        }
        assertThat(server.fullFetches).hasValue(1);
        assertThat(store.loadAll().get("world-news").recentIds()).hasSize(4);
        assertThat(producer.history()).hasSize(4);
    }

    @Test
    void doesNotSendAgainAfterARestartEvenWhenTheServerHasNoValidators() throws Exception {
        FakeServer server = new FakeServer();
        server.documents.put(WORLD_URL, Feeds.RSS);
        CursorStore store = CursorStore.inMemory();
        MockProducer<String, RawArticle> producer = producer();
        try (IngestService first = service(server, producer, store, List.of(WORLD))) {
            first.pollOnce(WORLD);
        }
        FeedCursor saved = store.loadAll().get("world-news");
        store.save(new FeedCursor(saved.feedId(), saved.url(), Validators.NONE, saved.recentIds()));

        try (IngestService second = service(server, producer, store, List.of(WORLD))) {
            assertThat(second.pollOnce(WORLD)).isZero();
        }
        assertThat(server.fullFetches).hasValue(2);
    }

    @Test
    void cursorSurvivesItsJsonForm() {
        FeedCursor cursor = new FeedCursor("world-news", WORLD_URL, Validators.of("\"x\"", "Tue, 03 Jun 2025 09:30:00 GMT"),
                List.of("a", "b"));

        assertThat(FeedCursor.fromJson(cursor.toJson())).isEqualTo(cursor);
    }

    @Test
    void cursorKeepsTheNewestIdsWithinItsBound() {
        FeedCursor cursor = FeedCursor.empty(WORLD);
        for (int i = 0; i < FeedCursor.MAX_RECENT_IDS + 10; i++) {
            cursor = cursor.advance(Validators.NONE, List.of("id-" + i), java.util.Set.of());
        }

        assertThat(cursor.recentIds()).hasSize(FeedCursor.MAX_RECENT_IDS).startsWith("id-10").endsWith("id-1009");
    }

    @Test
    void reportsHealthAndBacksOffAFailingFeed() throws Exception {
        FakeServer server = new FakeServer();
        server.failures.put(WORLD_URL, new FeedException("HTTP 500 from " + WORLD_URL));
        MockProducer<String, RawArticle> producer = producer();
        try (IngestService service = service(server, producer, CursorStore.inMemory(), List.of(WORLD))) {
            service.start();
            FeedStatus status = awaitStatus(service, s -> s.consecutiveFailures() == 1);

            assertThat(status.lastError()).isEqualTo("HTTP 500 from " + WORLD_URL);
            assertThat(status.lastSuccess()).isNull();
            assertThat(status.itemsEmitted()).isZero();
            // Backoff: the interval plus an eighth for the fixed jitter of 0.5.
            assertThat(status.nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(5)).plus(Duration.ofMillis(37_500)));
        }
    }

    @Test
    void backoffDoublesPerFailureWithinItsCapAndHonoursRetryAfter() {
        Duration interval = Duration.ofMinutes(5);
        Duration max = Duration.ofHours(1);

        assertThat(Backoff.afterFailure(interval, 1, Optional.empty(), max, 0)).isEqualTo(interval);
        assertThat(Backoff.afterFailure(interval, 3, Optional.empty(), max, 0)).isEqualTo(Duration.ofMinutes(20));
        assertThat(Backoff.afterFailure(interval, 3, Optional.empty(), max, 0.99)).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(25));
        assertThat(Backoff.afterFailure(interval, 30, Optional.empty(), max, 0)).isEqualTo(max);
        assertThat(Backoff.afterFailure(interval, 1, Optional.of(Duration.ofHours(2)), max, 0)).isEqualTo(Duration.ofHours(2));
        assertThat(Backoff.afterFailure(interval, 1, Optional.of(Duration.ofDays(30)), max, 0)).isEqualTo(Backoff.MAX_RETRY_AFTER);
    }

    @Test
    void appliesAnUpdatedFeedListWhileRunning() throws Exception {
        FakeServer server = new FakeServer();
        server.documents.put(WORLD_URL, Feeds.RSS);
        URI atomUrl = URI.create("https://atom.example.org/feed");
        server.documents.put(atomUrl, Feeds.ATOM);
        FeedSpec atom = new FeedSpec("atom-desk", atomUrl, Duration.ofMinutes(5), true);
        MockProducer<String, RawArticle> producer = producer();
        try (IngestService service = service(server, producer, CursorStore.inMemory(), List.of(WORLD))) {
            service.start();
            awaitStatus(service, s -> s.itemsEmitted() == 4);

            service.update(List.of(WORLD, atom));
            FeedStatus added = awaitStatus(service, s -> s.id().equals("atom-desk") && s.itemsEmitted() == 2);
            assertThat(added.nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));

            service.update(List.of(new FeedSpec("atom-desk", atomUrl, Duration.ofMinutes(30), true),
                    new FeedSpec("world-news", WORLD_URL, Duration.ofMinutes(5), false)));
            assertThat(service.statuses()).extracting(FeedStatus::id).containsExactly("atom-desk", "world-news");
            assertThat(service.statuses().get(0).nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
            assertThat(service.statuses().get(1).nextPoll()).isNull();

            service.update(List.of(atom));
            assertThat(service.statuses()).extracting(FeedStatus::id).containsExactly("atom-desk");
        }
        assertThat(producer.history()).hasSize(6);
    }

    @Test
    void aFeedsTtlIsALowerBoundOnItsInterval() throws Exception {
        FakeServer server = new FakeServer();
        server.documents.put(WORLD_URL, Feeds.RSS.replace("<language>", "<ttl>60</ttl><language>"));
        try (IngestService service = service(server, producer(), CursorStore.inMemory(), List.of(WORLD))) {
            service.start();
            FeedStatus status = awaitStatus(service, s -> s.lastSuccess() != null);

            assertThat(status.nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
        }
    }

    private static FeedStatus awaitStatus(IngestService service, java.util.function.Predicate<FeedStatus> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<FeedStatus> match = service.statuses().stream().filter(condition).findFirst();
            // A poll's status is final once it has been rescheduled (nextPoll moved past the start).
            if (match.isPresent() && match.get().nextPoll() != null && match.get().nextPoll().isAfter(NOW)) {
                return match.get();
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new AssertionError("no feed status matched within 10 s: " + service.statuses());
    }
}
