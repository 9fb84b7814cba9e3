package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every enabled feed at its own interval and writes each item not sent before to
 * {@code news.raw} ({@link Topics#RAW}), key: article id, value: {@link RawArticle}.
 *
 * <p><b>Exactly once across restarts.</b> Each feed has a {@link FeedCursor} (HTTP validators and
 * recently sent ids) in a {@link CursorStore}, loaded at construction. A poll sends the items whose
 * ids are not in the cursor; the cursor moves (new validators, new ids) only once Kafka has
 * acknowledged every one of them, and is then saved. When a send fails, the acknowledged ids are
 * kept but the validators are not advanced, so the next poll fetches the whole feed and offers the
 * failed items again. A crash between the acknowledgement and the cursor save re-sends those items
 * after the restart; the enrich stream drops them by article id. An item carried by two feeds is
 * also sent once while this process runs (a bounded set of recently sent ids across feeds).
 *
 * <p><b>Scheduling.</b> One scheduler thread hands due polls to a pool of
 * {@link Settings#maxConcurrentFetches()} workers; at most {@link Settings#maxFetchesPerHost()}
 * polls of one host run at a time (a poll that finds its host busy waits a second). After a
 * success the next poll is {@code interval} later, or the feed's {@code <ttl>} /
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
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HOST_BUSY_RETRY = Duration.ofSeconds(1);
    private static final int RECENT_ACROSS_FEEDS = 100_000;

    /** Limits of polling. */
    public record Settings(int maxConcurrentFetches, int maxFetchesPerHost, Duration maxBackoff) {
        public static final Settings DEFAULTS = new Settings(16, 2, Duration.ofHours(6));

        public Settings {
            if (maxConcurrentFetches < 1 || maxFetchesPerHost < 1) {
                throw new IllegalArgumentException("fetch limits must be at least 1");
            }
        }
    }

    private final Producer<String, RawArticle> producer;
    private final FeedReader reader;
    private final Clock clock;
    private final CursorStore store;
    private final Settings settings;
    private final DoubleSupplier random;
    private final Map<String, FeedCursor> restored;
    // Feeds in configuration order; guarded by this.
    private final Map<String, FeedState> feeds = new LinkedHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> recentlySent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_ACROSS_FEEDS;
        }
    });
    private final Map<String, Semaphore> hostPermits = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

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
        this.producer = Objects.requireNonNull(producer, "producer");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = random;
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
        if (scheduler != null) {
            throw new IllegalStateException("ingest already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("entente-ingest-scheduler"));
        workers = Executors.newFixedThreadPool(settings.maxConcurrentFetches(), daemonThreads("entente-ingest"));
        for (FeedState state : feeds.values()) {
            if (state.spec.enabled()) {
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
        for (FeedState state : new ArrayList<>(feeds.values())) {
            if (!newIds.contains(state.spec.id())) {
                state.cancel();
                feeds.remove(state.spec.id());
            }
        }
        Map<String, FeedState> reordered = new LinkedHashMap<>();
        for (FeedSpec spec : newFeeds) {
            FeedState state = feeds.get(spec.id());
            if (state == null) {
                state = new FeedState(spec, cursorFor(spec));
                if (scheduler != null && spec.enabled()) {
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
        FeedSpec old;
        synchronized (state) {
            old = state.spec;
            state.spec = spec;
            if (!old.url().equals(spec.url())) {
                // Validators belong to a URL; the sent ids stay, as the same items may be served.
                state.cursor = new FeedCursor(spec.id(), spec.url(), Validators.NONE, state.cursor.recentIds());
            }
        }
        if (scheduler == null || old.equals(spec)) {
            return;
        }
        if (!spec.enabled()) {
            state.cancel();
        } else if (!old.enabled() || !old.url().equals(spec.url())) {
            schedule(state, Duration.ZERO);
        } else if (!old.interval().equals(spec.interval())) {
            Instant from = Optional.ofNullable(state.lastPollEnd).orElse(clock.instant());
            Duration delay = Duration.between(clock.instant(), from.plus(nextInterval(state)));
            schedule(state, delay.isNegative() ? Duration.ZERO : delay);
        }
    }

    /** The health of every configured feed, in configuration order. */
    public synchronized List<FeedStatus> statuses() {
        return feeds.values().stream().map(FeedState::status).toList();
    }

    /** The configured feeds, in configuration order. */
    public synchronized List<FeedSpec> feeds() {
        return feeds.values().stream().map(state -> state.spec).toList();
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
        FeedCursor cursor;
        synchronized (state) {
            cursor = state.cursor;
        }
        Validators validators = cursor.url().equals(feed.url()) ? cursor.validators() : Validators.NONE;
        FeedPoll poll = reader.poll(feed.id(), feed.url(), validators, clock.instant());
        synchronized (state) {
            if (!poll.notModified()) {
                state.hint = poll.minimumInterval();
            }
        }
        if (poll.notModified()) {
            return 0;
        }
        List<String> documentIds = poll.articles().stream().map(RawArticle::getId).toList();
        Set<String> known = new HashSet<>(cursor.recentIds());
        List<RawArticle> toSend = new ArrayList<>();
        for (RawArticle article : poll.articles()) {
            String id = article.getId();
            if (!known.contains(id) && !recentlySent.containsKey(id) && inFlight.add(id)) {
                toSend.add(article);
            }
        }
        Acks acks = new Acks(state, poll.validators(), documentIds, toSend.size());
        for (int i = 0; i < toSend.size(); i++) {
            String id = toSend.get(i).getId();
            try {
                producer.send(new ProducerRecord<>(Topics.RAW.name(), id, toSend.get(i)), (metadata, error) -> acks.done(id, error));
            } catch (RuntimeException e) {
                for (RawArticle unsent : toSend.subList(i, toSend.size())) {
                    acks.done(unsent.getId(), e);
                }
                throw e;
            }
        }
        return toSend.size();
    }

    /** Collects the acknowledgements of one poll's sends and moves the cursor after the last. */
    private final class Acks {
        private final FeedState state;
        private final Validators validators;
        private final List<String> documentIds;
        private final Set<String> failed = new HashSet<>();
        private final Set<String> sent = new HashSet<>();
        private int pending;

        Acks(FeedState state, Validators validators, List<String> documentIds, int pending) {
            this.state = state;
            this.validators = validators;
            this.documentIds = documentIds;
            this.pending = pending;
            if (pending == 0) {
                finish();
            }
        }

        synchronized void done(String id, Exception error) {
            inFlight.remove(id);
            if (error == null) {
                sent.add(id);
                recentlySent.put(id, Boolean.TRUE);
            } else {
                failed.add(id);
                log.warn("feed {}: item {} not written to {}, will retry next poll: {}",
                        state.spec.id(), id, Topics.RAW.name(), error.getMessage());
            }
            if (--pending == 0) {
                finish();
            }
        }

        private void finish() {
            FeedCursor next;
            synchronized (state) {
                state.itemsEmitted += sent.size();
                FeedCursor current = state.cursor;
                Validators keep = failed.isEmpty() ? validators : current.validators();
                // Only ids Kafka has acknowledged, now or in an earlier poll, go into the cursor;
                // an id still in flight from an overlapping poll is not known to be written yet.
                Set<String> acknowledged = new HashSet<>(current.recentIds());
                acknowledged.addAll(sent);
                List<String> remembered = documentIds.stream().filter(acknowledged::contains).toList();
                next = current.advance(keep, remembered, sent);
                if (next.equals(current)) {
                    return;
                }
                state.cursor = next;
            }
            store.save(next);
        }
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
        synchronized (state) {
            if (state.scheduled != null) {
                state.scheduled.cancel(false);
            }
            int generation = ++state.generation;
            state.nextPoll = clock.instant().plus(delay);
            state.scheduled = scheduler.schedule(() -> workers.execute(() -> run(state, generation)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(FeedState state, int generation) {
        FeedSpec spec;
        synchronized (state) {
            if (state.generation != generation) {
                return;
            }
            spec = state.spec;
        }
        Semaphore host = hostPermits.computeIfAbsent(hostOf(spec.url()), h -> new Semaphore(settings.maxFetchesPerHost()));
        if (!host.tryAcquire()) {
            rescheduleIfCurrent(state, generation, HOST_BUSY_RETRY);
            return;
        }
        Duration next;
        try {
            int count = pollOnce(spec);
            log.debug("feed {}: {} new items", spec.id(), count);
            next = succeeded(state);
        } catch (FeedException e) {
            log.warn("feed {}: {}", spec.id(), e.getMessage());
            next = failed(state, e.getMessage(), e.retryAfter());
        } catch (RuntimeException e) {
            // Whatever goes wrong in one poll must not end the feed's polling.
            log.warn("feed {}: {}", spec.id(), e.toString(), e);
            next = failed(state, "internal error: " + e, Optional.empty());
        } finally {
            host.release();
        }
        rescheduleIfCurrent(state, generation, next);
    }

    private void rescheduleIfCurrent(FeedState state, int generation, Duration delay) {
        synchronized (this) {
            synchronized (state) {
                // An update() in the meantime has rescheduled or cancelled the feed itself.
                if (state.generation != generation || scheduler == null || scheduler.isShutdown()) {
                    return;
                }
            }
            schedule(state, delay);
        }
    }

    private Duration succeeded(FeedState state) {
        synchronized (state) {
            state.lastSuccess = clock.instant();
            state.lastPollEnd = state.lastSuccess;
            state.lastError = null;
            state.failures = 0;
            return nextInterval(state);
        }
    }

    private Duration failed(FeedState state, String message, Optional<Duration> retryAfter) {
        synchronized (state) {
            state.lastPollEnd = clock.instant();
            state.lastError = message;
            state.failures++;
            return Backoff.afterFailure(state.spec.interval(), state.failures, retryAfter, settings.maxBackoff(),
                    random.getAsDouble());
        }
    }

    /** The configured interval, or the feed's own hint when that is longer. */
    private static Duration nextInterval(FeedState state) {
        Duration interval = state.spec.interval();
        return state.hint.filter(hint -> hint.compareTo(interval) > 0).orElse(interval);
    }

    private static String hostOf(URI url) {
        return url.getHost() == null ? url.getScheme() : url.getHost().toLowerCase(Locale.ROOT);
    }

    private void logCounts() {
        long enabled = feeds.values().stream().filter(state -> state.spec.enabled()).count();
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
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Everything ingest knows about one feed; guarded by itself. */
    private static final class FeedState {
        FeedSpec spec;
        FeedCursor cursor;
        Optional<Duration> hint = Optional.empty();
        Instant lastSuccess;
        Instant lastPollEnd;
        String lastError;
        int failures;
        long itemsEmitted;
        Instant nextPoll;
        ScheduledFuture<?> scheduled;
        int generation;

        FeedState(FeedSpec spec, FeedCursor cursor) {
            this.spec = spec;
            this.cursor = cursor;
        }

        synchronized void cancel() {
            generation++;
            nextPoll = null;
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
        }

        synchronized FeedStatus status() {
            return new FeedStatus(spec.id(), spec.url().toString(), spec.enabled(), lastSuccess, lastError, failures,
                    itemsEmitted, spec.enabled() ? nextPoll : null);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
