package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GraceRuleTest {

    private static final GraceRule RULE = new GraceRule(Duration.ofHours(1), Duration.ofDays(7));
    private static final Instant HOUR_START = Instant.parse("2025-03-10T08:00:00Z");
    private static final Instant HOUR_END = HOUR_START.plus(Duration.ofHours(1));

    @Test
    void acceptsWhileTheBucketEndsAfterStreamTimeMinusGrace() {
        Instant lastMinute = HOUR_START.plus(Duration.ofMinutes(59));

        assertThat(RULE.accepts(lastMinute, HOUR_END.plus(Duration.ofDays(7)).minusMillis(1))).isTrue();
        assertThat(RULE.accepts(lastMinute, HOUR_END.plus(Duration.ofDays(7)))).isFalse();
    }

    @Test
    void judgesTheWholeBucketNotTheArticlesOwnTime() {
        Instant streamTime = HOUR_END.plus(Duration.ofDays(7)).minusMillis(1);

        assertThat(RULE.accepts(HOUR_START, streamTime)).isTrue();
    }

    @Test
    void acceptsArticlesNewerThanTheStreamTime() {
        assertThat(RULE.accepts(HOUR_END, HOUR_START)).isTrue();
    }
}
