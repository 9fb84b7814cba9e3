package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every enabled feed at its own interval and writes each item not sent before to
 * {@code news.raw} ({@link Topics#RAW}), key: article id, value: {@link RawArticle}.
 *
 * <p><b>Exactly once across restarts.</b> Each feed has a {@link FeedCursor} (HTTP validators and
 * recently sent ids) in a {@link CursorStore}, loaded at construction. Which items a poll sends and
 * how the cursor moves are the rules of {@link FeedPollPlan}: the items whose ids are not in the
 * cursor; the cursor moves once Kafka has answered for every one of them, and is then saved. A
 * crash between the acknowledgement and the cursor save re-sends those items after the restart;
 * the enrich stream drops them by article id. {@link ArticlePublisher} does the sending and also
 * sends an item carried by two feeds once while this process runs.
 *
 * <p><b>Scheduling.</b> {@link PollScheduler} runs the polls: at most
 * {@link Settings#maxConcurrentFetches()} at once and {@link Settings#maxFetchesPerHost()} per host.
 * After a success the next poll is {@code interval} later, or the feed's {@code <ttl>} /
 * {@code sy:updatePeriod} when that is longer ({@link PollHints}); after a failure it is
 * {@link Backoff#afterFailure}. A failed poll is one WARN line {@code feed <id>: <message>} and is
 * shown by {@link #statuses()}.
 *
 * <p><b>Live configuration.</b> {@link #update(List)} replaces the feed list while running: added
 * and re-enabled feeds are polled at once, removed and disabled ones stop, a changed interval takes
 * effect from the last poll, a changed URL starts afresh with the feed's sent ids kept.
 *
 * <p>The producer and the cursor store belong to the caller: {@link #close()} stops polling but
 * closes neither.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    /** Limits of polling. */
    public record Settings(int maxConcurrentFetches, int maxFetchesPerHost, Duration maxBackoff) {
        public static final Settings DEFAULTS = new Settings(16, 2, Duration.ofHours(6));

        public Settings {
            if (maxConcurrentFetches < 1 || maxFetchesPerHost < 1) {
                throw new IllegalArgumentException("fetch limits must be at least 1");
            }
        }
    }

    private final FeedReader reader;
    private final Clock clock;
    private final CursorStore store;
    private final Settings settings;
    private final DoubleSupplier random;
    private final Map<String, FeedCursor> restored;
    private final ArticlePublisher publisher;
    private final PollScheduler scheduler;
    // Feeds in configuration order; guarded by this.
    private final Map<String, FeedState> feeds = new LinkedHashMap<>();

    /** A service whose cursors live only as long as the process. */
    public IngestService(List<FeedSpec> feeds, Producer<String, RawArticle> producer, FeedReader reader, Clock clock) {
        this(feeds, producer, reader, clock, CursorStore.inMemory(), Settings.DEFAULTS, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Loads the stored cursors at once (from Kafka, for a {@link KafkaCursorStore}). */
    public IngestService(List<FeedSpec> feeds, Producer<String, RawArticle> producer, FeedReader reader, Clock clock,
            CursorStore store, Settings settings) {
        this(feeds, producer, reader, clock, store, settings, () -> ThreadLocalRandom.current().nextDouble());
    }

    IngestService(List<FeedSpec> feeds, Producer<String, RawArticle> producer, FeedReader reader, Clock clock,
            CursorStore store, Settings settings, DoubleSupplier random) {
        this.publisher = new ArticlePublisher(producer);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = random;
        this.scheduler = new PollScheduler(settings.maxConcurrentFetches(), settings.maxFetchesPerHost(), clock);
        requireUniqueIds(feeds);
        this.restored = new ConcurrentHashMap<>(store.loadAll());
        for (FeedSpec feed : feeds) {
            this.feeds.put(feed.id(), new FeedState(feed, cursorFor(feed)));
        }
    }

    /**
     * Producer properties for {@link Topics#RAW}: {@code base} (bootstrap servers and any other client
     * property) plus the topic's serializers, {@code acks=all} and idempotence, which the
     * write-once promise relies on and which therefore override {@code base}; {@code linger.ms} is
     * set only when {@code base} has none.
     */
    public static Properties producerConfig(Properties base) {
        Properties config = new Properties();
        config.putAll(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RawArticleSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        return config;
    }

    /** Schedules every enabled feed, the first poll right away. */
    public synchronized void start() {
        scheduler.start();
        for (FeedState state : feeds.values()) {
            if (state.spec().enabled()) {
                schedule(state, Duration.ZERO);
            }
        }
        logCounts();
    }

    /**
     * Replaces the feed list (see the class comment). Feed ids are what ties a feed to its cursor
     * and status, so a feed keeps them across edits as long as its id stays.
     *
     * @throws IllegalArgumentException when two feeds share an id; the current list then stays
     */
    public synchronized void update(List<FeedSpec> newFeeds) {
        requireUniqueIds(newFeeds);
        Set<String> newIds = new HashSet<>();
        newFeeds.forEach(feed -> newIds.add(feed.id()));
        for (String id : Set.copyOf(feeds.keySet())) {
            if (!newIds.contains(id)) {
                scheduler.cancel(id);
                feeds.remove(id);
            }
        }
        Map<String, FeedState> reordered = new LinkedHashMap<>();
        for (FeedSpec spec : newFeeds) {
            FeedState state = feeds.get(spec.id());
            if (state == null) {
                state = new FeedState(spec, cursorFor(spec));
                if (spec.enabled()) {
                    schedule(state, Duration.ZERO);
                }
            } else {
                reconfigure(state, spec);
            }
            reordered.put(spec.id(), state);
        }
        feeds.clear();
        feeds.putAll(reordered);
        logCounts();
    }

    private void reconfigure(FeedState state, FeedSpec spec) {
        FeedSpec old = state.respecify(spec);
        if (!scheduler.running() || old.equals(spec)) {
            return;
        }
        if (!spec.enabled()) {
            scheduler.cancel(spec.id());
        } else if (!old.enabled() || !old.url().equals(spec.url())) {
            schedule(state, Duration.ZERO);
        } else if (!old.interval().equals(spec.interval())) {
            Instant from = state.lastPollEnd().orElse(clock.instant());
            Duration delay = Duration.between(clock.instant(), from.plus(state.nextInterval()));
            schedule(state, delay.isNegative() ? Duration.ZERO : delay);
        }
    }

    /** The health of every configured feed, in configuration order. */
    public synchronized List<FeedStatus> statuses() {
        return feeds.values().stream()
                .map(state -> state.status(scheduler.nextPoll(state.spec().id()).orElse(null)))
                .toList();
    }

    /** The configured feeds, in configuration order. */
    public synchronized List<FeedSpec> feeds() {
        return feeds.values().stream().map(FeedState::spec).toList();
    }

    /**
     * Reads {@code feed} once (conditionally, with the validators of its cursor) and sends each item
     * not sent before. The cursor moves when Kafka has acknowledged the sends (see the class
     * comment).
     *
     * @return how many records were handed to the producer
     * @throws FeedException when the feed cannot be read
     */
    public int pollOnce(FeedSpec feed) throws FeedException {
        FeedState state = stateOf(feed);
        FeedCursor cursor = state.cursor();
        Validators validators = cursor.url().equals(feed.url()) ? cursor.validators() : Validators.NONE;
        FeedPoll poll = reader.poll(feed.id(), feed.url(), validators, clock.instant());
        if (poll.notModified()) {
            return 0;
        }
        state.hint(poll.minimumInterval());
        FeedPollPlan plan = new FeedPollPlan(cursor, poll.validators(), poll.articles());
        return publisher.publish(feed.id(), plan.toSend(), outcome -> {
            FeedCursor next = state.afterSends(plan, outcome);
            if (next != null) {
                store.save(next);
            }
        });
    }

    private synchronized FeedState stateOf(FeedSpec feed) {
        return feeds.computeIfAbsent(feed.id(), id -> new FeedState(feed, cursorFor(feed)));
    }

    private FeedCursor cursorFor(FeedSpec feed) {
        FeedCursor cursor = restored.get(feed.id());
        if (cursor == null) {
            return FeedCursor.empty(feed);
        }
        return cursor.url().equals(feed.url()) ? cursor
                : new FeedCursor(feed.id(), feed.url(), Validators.NONE, cursor.recentIds());
    }

    private void schedule(FeedState state, Duration delay) {
        FeedSpec spec = state.spec();
        scheduler.schedule(spec.id(), spec.url(), delay, () -> pollAndTime(state));
    }

    /** One scheduled poll, never throwing: the delay until the next is the interval or the backoff. */
    private Duration pollAndTime(FeedState state) {
        FeedSpec spec = state.spec();
        try {
            int count = pollOnce(spec);
            log.debug("feed {}: {} new items", spec.id(), count);
            return state.succeeded(clock.instant());
        } catch (FeedException e) {
            log.warn("feed {}: {}", spec.id(), e.getMessage());
            int failures = state.failed(clock.instant(), e.getMessage());
            return Backoff.afterFailure(spec.interval(), failures, e.retryAfter(), settings.maxBackoff(), random.getAsDouble());
        } catch (RuntimeException e) {
            // Whatever goes wrong in one poll must not end the feed's polling.
            log.warn("feed {}: {}", spec.id(), e.toString(), e);
            int failures = state.failed(clock.instant(), "internal error: " + e);
            return Backoff.afterFailure(spec.interval(), failures, Optional.empty(), settings.maxBackoff(), random.getAsDouble());
        }
    }

    private void logCounts() {
        long enabled = feeds.values().stream().filter(state -> state.spec().enabled()).count();
        log.info("ingest polling {} of {} feeds", enabled, feeds.size());
    }

    private static void requireUniqueIds(List<FeedSpec> feeds) {
        Set<String> ids = new HashSet<>();
        for (FeedSpec feed : feeds) {
            if (!ids.add(feed.id())) {
                throw new IllegalArgumentException("duplicate feed id '" + feed.id() + "'");
            }
        }
    }

    /** Stops polling, waiting briefly for polls in progress. Closes neither producer nor store. */
    @Override
    public void close() {
        scheduler.close();
    }

    /** Everything ingest knows about one feed between polls; every method is atomic. */
    private static final class FeedState {
        private FeedSpec spec;
        private FeedCursor cursor;
        private Optional<Duration> hint = Optional.empty();
        private Instant lastSuccess;
        private Instant lastPollEnd;
        private String lastError;
        private int failures;
        private long itemsEmitted;

        FeedState(FeedSpec spec, FeedCursor cursor) {
            this.spec = spec;
            this.cursor = cursor;
        }

        synchronized FeedSpec spec() {
            return spec;
        }

        synchronized FeedCursor cursor() {
            return cursor;
        }

        /** Takes the edited spec and returns the previous one. */
        synchronized FeedSpec respecify(FeedSpec edited) {
            FeedSpec old = spec;
            spec = edited;
            if (!old.url().equals(edited.url())) {
                // Validators belong to a URL; the sent ids stay, as the same items may be served.
                cursor = new FeedCursor(edited.id(), edited.url(), Validators.NONE, cursor.recentIds());
            }
            return old;
        }

        synchronized void hint(Optional<Duration> minimumInterval) {
            hint = minimumInterval;
        }

        /** The cursor after a poll's sends, or null when it stays as it is. */
        synchronized FeedCursor afterSends(FeedPollPlan plan, ArticlePublisher.Outcome outcome) {
            itemsEmitted += outcome.acknowledged().size();
            FeedCursor next = plan.cursorAfter(cursor, outcome.acknowledged(), !outcome.failed().isEmpty());
            if (next.equals(cursor)) {
                return null;
            }
            cursor = next;
            return next;
        }

        /** @return the delay until the next poll */
        synchronized Duration succeeded(Instant now) {
            lastSuccess = now;
            lastPollEnd = now;
            lastError = null;
            failures = 0;
            return nextInterval();
        }

        /** @return the number of consecutive failures, this one included */
        synchronized int failed(Instant now, String message) {
            lastPollEnd = now;
            lastError = message;
            return ++failures;
        }

        synchronized Optional<Instant> lastPollEnd() {
            return Optional.ofNullable(lastPollEnd);
        }

        /** The configured interval, or the feed's own hint when that is longer. */
        synchronized Duration nextInterval() {
            Duration interval = spec.interval();
            return hint.filter(h -> h.compareTo(interval) > 0).orElse(interval);
        }

        synchronized FeedStatus status(Instant nextPoll) {
            return new FeedStatus(spec.id(), spec.url().toString(), spec.enabled(), lastSuccess, lastError, failures,
                    itemsEmitted, spec.enabled() ? nextPoll : null);
        }
    }
}
