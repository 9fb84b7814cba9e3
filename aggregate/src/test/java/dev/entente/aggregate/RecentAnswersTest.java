package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final AtomicLong ticker = new AtomicLong();
    private final AtomicInteger computations = new AtomicInteger();
    private final RecentAnswers<String, Integer> answers = new RecentAnswers<>(MAX_AGE, 2, ticker::get);
    private final Supplier<Integer> counting = computations::incrementAndGet;

    @Test
    void reusesAnAnswerUntilItIsMaxAgeOld() {
        assertThat(answers.get("7d", counting)).isEqualTo(1);
        ticker.addAndGet(MAX_AGE.toNanos() - 1);
        assertThat(answers.get("7d", counting)).isEqualTo(1);
        ticker.addAndGet(1);
        assertThat(answers.get("7d", counting)).isEqualTo(2);
    }

    @Test
    void computesEachKeyOnItsOwn() {
        assertThat(answers.get("7d", counting)).isEqualTo(1);
        assertThat(answers.get("24h", counting)).isEqualTo(2);
    }

    @Test
    void callersArrivingDuringAComputationWaitForItInsteadOfStartingTheirOwn() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> answers.get("7d", () -> {
            computing.countDown();
            await(release);
            return counting.get();
        }));
        assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> answers.get("7d", counting));

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(computations).hasValue(1);
    }

    @Test
    void keepsNoFailureSoTheNextCallerComputesAgain() {
        assertThatThrownBy(() -> answers.get("7d", () -> {
            throw new IllegalStateException("stores not ready");
        })).isInstanceOf(IllegalStateException.class).hasMessage("stores not ready");

        assertThat(answers.get("7d", counting)).isEqualTo(1);
    }

    @Test
    void dropsAnswersTooOldToUseOnceItHoldsMoreThanMaxKeys() {
        answers.get("1d", counting);
        answers.get("2d", counting);
        ticker.addAndGet(MAX_AGE.toNanos());
        answers.get("3d", counting);

        ticker.addAndGet(-MAX_AGE.toNanos());
        assertThat(answers.get("1d", counting)).as("recomputed: the old answer was dropped").isEqualTo(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
