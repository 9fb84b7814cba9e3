package dev.entente.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each feed's polls when they are due. One scheduler thread hands due polls to a pool of
 * {@code maxConcurrent} workers; at most {@code maxPerHost} polls of one host run at a time, and a
 * poll that finds its host busy waits {@link #HOST_BUSY_RETRY}. A poll returns the delay until the
 * feed's next poll. A feed has at most one pending poll: scheduling it again or cancelling it
 * replaces the pending one, and a poll already running then does not schedule its successor.
 *
 * <p>Knows nothing of feeds beyond an id and a URL; what a poll does and how long to wait after it
 * is the caller's. Thread-safe.
 */
final class PollScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
    static final Duration HOST_BUSY_RETRY = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration AFTER_UNEXPECTED_ERROR = Duration.ofMinutes(1);

    private final int maxConcurrent;
    private final int maxPerHost;
    private final Clock clock;
    private final Map<String, Semaphore> hostPermits = new ConcurrentHashMap<>();
    // Guarded by this.
    private final Map<String, Pending> pending = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private int generations;

    /** The one pending poll of a feed; a newer generation supersedes it. */
    private record Pending(int generation, Instant due, ScheduledFuture<?> future) {}

    PollScheduler(int maxConcurrent, int maxPerHost, Clock clock) {
        this.maxConcurrent = maxConcurrent;
        this.maxPerHost = maxPerHost;
        this.clock = clock;
    }

    synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("ingest already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("entente-ingest-scheduler"));
        workers = Executors.newFixedThreadPool(maxConcurrent, daemonThreads("entente-ingest"));
    }

    synchronized boolean running() {
        return scheduler != null && !scheduler.isShutdown();
    }

    /** Runs {@code poll} for {@code feedId} after {@code delay}, replacing its pending poll. */
    synchronized void schedule(String feedId, URI url, Duration delay, Supplier<Duration> poll) {
        if (!running()) {
            return;
        }
        cancel(feedId);
        int generation = ++generations;
        ScheduledFuture<?> future = scheduler.schedule(() -> workers.execute(() -> run(feedId, url, generation, poll)),
                delay.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(feedId, new Pending(generation, clock.instant().plus(delay), future));
    }

    synchronized void cancel(String feedId) {
        Pending old = pending.remove(feedId);
        if (old != null) {
            old.future().cancel(false);
        }
    }

    /** When the feed is polled next; empty when it has no pending poll. */
    synchronized Optional<Instant> nextPoll(String feedId) {
        return Optional.ofNullable(pending.get(feedId)).map(Pending::due);
    }

    private void run(String feedId, URI url, int generation, Supplier<Duration> poll) {
        if (!isCurrent(feedId, generation)) {
            return;
        }
        Semaphore host = hostPermits.computeIfAbsent(hostOf(url), h -> new Semaphore(maxPerHost));
        if (!host.tryAcquire()) {
            rescheduleIfCurrent(feedId, url, generation, HOST_BUSY_RETRY, poll);
            return;
        }
        Duration next;
        try {
            next = poll.get();
        } catch (RuntimeException e) {
            // A poll handles its own failures; this keeps a bug in one from ending the feed's polling.
            log.warn("feed {}: poll failed: {}", feedId, e.toString(), e);
            next = AFTER_UNEXPECTED_ERROR;
        } finally {
            host.release();
        }
        rescheduleIfCurrent(feedId, url, generation, next, poll);
    }

    private synchronized boolean isCurrent(String feedId, int generation) {
        Pending current = pending.get(feedId);
        return current != null && current.generation() == generation;
    }

    private synchronized void rescheduleIfCurrent(String feedId, URI url, int generation, Duration delay,
            Supplier<Duration> poll) {
        // Otherwise the feed was rescheduled or cancelled in the meantime, which stands.
        if (isCurrent(feedId, generation)) {
            schedule(feedId, url, delay, poll);
        }
    }

    private static String hostOf(URI url) {
        return url.getHost() == null ? url.getScheme() : url.getHost().toLowerCase(Locale.ROOT);
    }

    /** Stops scheduling, waiting briefly for polls in progress. */
    @Override
    public void close() {
        ExecutorService running;
        synchronized (this) {
            if (scheduler == null) {
                return;
            }
            scheduler.shutdownNow();
            running = workers;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
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
