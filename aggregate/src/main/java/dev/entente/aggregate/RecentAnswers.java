package dev.entente.aggregate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers computed less than {@code maxAge} ago, by key, shared by the requests that ask for them.
 * A caller finding no recent answer computes it; callers arriving meanwhile wait for that one
 * computation instead of starting their own, so under load each key costs at most one computation
 * per {@code maxAge}. A computation that throws is not kept: the next caller tries again.
 *
 * <p>Age is measured on the monotonic {@code ticker} (nanoseconds), not on the API's clock, so a
 * fixed clock in a test does not make an answer recent for ever. At most {@code maxKeys} keys are
 * kept; past that the old ones are dropped, since keys come from request parameters.
 */
final class RecentAnswers<K, V> {

    private final Duration maxAge;
    private final int maxKeys;
    private final LongSupplier ticker;
    private final ConcurrentMap<K, Entry<V>> answers = new ConcurrentHashMap<>();

    private record Entry<V>(long startedAt, CompletableFuture<V> answer) {}

    RecentAnswers(Duration maxAge, int maxKeys, LongSupplier ticker) {
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.maxKeys = maxKeys;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** The answer for {@code key}: a recent one, the one being computed, or {@code compute}'s. */
    V get(K key, Supplier<V> compute) {
        long now = ticker.getAsLong();
        Entry<V> mine = new Entry<>(now, new CompletableFuture<>());
        Entry<V> current = answers.compute(key, (k, old) -> old != null && usable(old, now) ? old : mine);
        if (current == mine) {
            try {
                mine.answer().complete(compute.get());
            } catch (RuntimeException | Error e) {
                answers.remove(key, mine);
                mine.answer().completeExceptionally(e);
                throw e;
            }
            if (answers.size() > maxKeys) {
                answers.values().removeIf(entry -> entry != mine && !usable(entry, now));
            }
        }
        try {
            return current.answer().join();
        } catch (CompletionException e) {
            // The computing caller's own exception, so a waiting request fails as it would have.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Still being computed, or computed from a start less than maxAge ago. */
    private boolean usable(Entry<V> entry, long now) {
        return !entry.answer().isDone()
                || (!entry.answer().isCompletedExceptionally() && now - entry.startedAt() < maxAge.toNanos());
    }
}
