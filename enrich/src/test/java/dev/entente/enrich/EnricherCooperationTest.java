package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pairs the enricher answers on the plain cases a user tries first. */
class EnricherCooperationTest {

    private static final Enricher ENRICHER = Enricher.fromResources();
    private static final Instant JUNE_2024 = Instant.parse("2024-06-20T09:00:00Z");


    @Test
    void answersTheWireSentenceOfAnArmsDeal() {
        assertThat(ENRICHER.enrich(null, "France and Germany concluded an arms supply deal on Monday.", JUNE_2024)
                .cooperationPairs()).containsExactly("DE-FR");
    }

    @Test
    void answersExactlyTheTwoCooperatingCountriesOfAnArticleThatNamesFive() {
        assertThat(ENRICHER.enrich("Moscow and Pyongyang seal defence pact",
                "Russia and North Korea signed a mutual defence treaty in Pyongyang on Wednesday. South Korea and "
                        + "Japan said they were alarmed, and the United States called the pact a threat to regional "
                        + "security.", JUNE_2024).cooperationPairs()).containsExactly("KP-RU");
    }

    @Test
    void answersNoneWhenTheDealIsDenied() {
        assertThat(ENRICHER.enrich("Argentina denies JF-17 purchase",
                "Argentina's defence ministry denied reports that it would buy JF-17 fighters from Pakistan.", JUNE_2024)
                .cooperationPairs()).isEmpty();
    }

    @Test
    void answersNoneWhenTheDealIsCalledOff() {
        assertThat(ENRICHER.enrich(null,
                "Spain called off the purchase of Spike anti-tank missiles from Israel, the defence ministry said.",
                JUNE_2024).cooperationPairs()).isEmpty();
    }

    @Test
    void answersNoneWhenTheTransferIsOnlyFeared() {
        assertThat(ENRICHER.enrich(null,
                "Seoul fears that Russia could supply North Korea with fighter jets if the war drags on.", JUNE_2024)
                .cooperationPairs()).isEmpty();
    }
}
