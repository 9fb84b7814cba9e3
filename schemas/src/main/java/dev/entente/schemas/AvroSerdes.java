package dev.entente.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for Avro's standard single-object encoding (marker, schema fingerprint, binary body), so a
 * reader with the schema files needs no registry to decode a record.
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(data, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(data, schema);
        Serializer<T> serializer = (topic, value) -> value == null ? null : encode(encoder, value);
        Deserializer<T> deserializer =
                (topic, bytes) -> bytes == null ? null : decode(decoder, bytes, type, topic);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] bytes, Class<T> type, String topic) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "not a " + type.getSimpleName() + " in Avro single-object encoding on " + topic + ": " + e.getMessage(), e);
        }
    }
}
