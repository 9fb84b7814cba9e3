package dev.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

    private static final Instant FETCHED = Instant.parse("2026-11-27T10:00:00Z");

    private static RawArticle article() {
        return RawArticle.newBuilder()
                .setId("a1")
                .setFeedId("world-news")
                .setTitle("Title")
                .setFetchedAt(FETCHED)
                .build();
    }

    @Test
    void writesAvroSingleObjectEncodingThatAvroItselfDecodes() throws Exception {
        byte[] bytes = Topics.RAW.valueSerde().serializer().serialize(Topics.RAW.name(), article());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(RawArticle.fromByteBuffer(java.nio.ByteBuffer.wrap(bytes))).isEqualTo(article());
    }

    @Test
    void readsWhatAvroItselfEncoded() throws Exception {
        byte[] bytes = article().toByteBuffer().array();

        assertThat(Topics.RAW.valueSerde().deserializer().deserialize(Topics.RAW.name(), bytes)).isEqualTo(article());
    }

    @Test
    void namesTheTopicAndTypeWhenBytesAreNotARecord() {
        assertThatThrownBy(() -> Topics.ENRICHED.valueSerde().deserializer().deserialize("news.enriched", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("EnrichedArticle")
                .hasMessageContaining("news.enriched");
    }

    @Test
    void passesNullThroughForTombstones() {
        assertThat(Topics.PAIR_COUNTS.valueSerde().serializer().serialize("news.pair-counts", null)).isNull();
        assertThat(Topics.PAIR_COUNTS.valueSerde().deserializer().deserialize("news.pair-counts", null)).isNull();
    }

}
