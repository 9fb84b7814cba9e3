package dev.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairsTest {

    @Test
    void sortsTheTwoCodes() {
        assertThat(Pairs.of("RU", "KP")).isEqualTo("KP-RU");
        assertThat(Pairs.of("FR", "UA")).isEqualTo("FR-UA");
    }

    @Test
    void readsAUserWrittenPairInAnyOrderAndCase() {
        assertThat(Pairs.parse("ru-kp")).isEqualTo("KP-RU");
    }

    @Test
    void rejectsMalformedPairsAndUnknownCodes() {
        assertThatThrownBy(() -> Pairs.parse("KPRU")).hasMessageContaining("like KP-RU");
        assertThatThrownBy(() -> Pairs.parse("XX-RU")).hasMessage("unknown country code 'XX'");
        assertThatThrownBy(() -> Pairs.of("RU", "RU")).hasMessageContaining("two different countries");
    }
}
