package dev.entente.aggregate;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link PairCounts} as 16 bytes: mentions then articles, each a big-endian long.
 *
 * <p>Used only for this application's internal topics and stores (the repartition topic and the
 * stores' changelogs), which no other program reads; a fixed binary layout is smaller and cheaper
 * than Avro there. The public output topic carries the Avro {@code PairCount} instead.
 */
public final class PairCountsSerde {

    static final int SIZE = 2 * Long.BYTES;

    private PairCountsSerde() {}

    public static Serde<PairCounts> create() {
        Serializer<PairCounts> serializer = (topic, counts) -> counts == null
                ? null
                : ByteBuffer.allocate(SIZE).putLong(counts.mentions()).putLong(counts.articles()).array();
        Deserializer<PairCounts> deserializer = (topic, bytes) -> bytes == null ? null : read(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static PairCounts read(String topic, byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new SerializationException(
                    "pair counts on " + topic + " must be " + SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return new PairCounts(buffer.getLong(), buffer.getLong());
        } catch (IllegalArgumentException e) {
            throw new SerializationException("bad pair counts on " + topic + ": " + e.getMessage(), e);
        }
    }
}
