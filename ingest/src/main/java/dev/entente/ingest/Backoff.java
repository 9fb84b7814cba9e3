package dev.entente.ingest;

import java.time.Duration;
import java.util.Optional;

/**
 * When to poll a feed again after a failure: the interval doubled for every consecutive failure
 * after the first ({@code interval × 2^(failures-1)}), capped at {@code max} (or the interval when
 * that is longer), plus up to a quarter more at random so that feeds failing together (a network
 * outage) spread out instead of retrying in lockstep. It is never sooner than the interval, and
 * never sooner than the server's {@code Retry-After} (itself honoured up to {@link #MAX_RETRY_AFTER}).
 */
public final class Backoff {

    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private Backoff() {}

    /**
     * @param random a number in [0, 1)
     */
    public static Duration afterFailure(Duration interval, int failures, Optional<Duration> retryAfter, Duration max, double random) {
        Duration cap = interval.compareTo(max) > 0 ? interval : max;
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration exponential = interval.multipliedBy(1L << Math.min(doublings, 20));
        if (exponential.compareTo(cap) > 0) {
            exponential = cap;
        }
        Duration jittered = exponential.plus(Duration.ofMillis((long) (exponential.toMillis() * 0.25 * random)));
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            return asked.compareTo(jittered) > 0 ? asked : jittered;
        }
        return jittered;
    }
}
