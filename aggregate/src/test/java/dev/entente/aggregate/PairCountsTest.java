package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PairCountsTest {

    private final Serde<PairCounts> serde = PairCountsSerde.create();

    @Test
    void addsMentionsAndArticlesSeparately() {
        assertThat(new PairCounts(2, 1).add(new PairCounts(3, 1))).isEqualTo(new PairCounts(5, 2));
        assertThat(PairCounts.ZERO.add(new PairCounts(1, 1))).isEqualTo(new PairCounts(1, 1));
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new PairCounts(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serdeRoundTripsCountsIn16Bytes() {
        byte[] bytes = serde.serializer().serialize("t", new PairCounts(7, 3));
        assertThat(bytes).hasSize(16);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(new PairCounts(7, 3));
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void serdeRejectsBytesOfTheWrongLength() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[3]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("must be 16 bytes");
    }
}
