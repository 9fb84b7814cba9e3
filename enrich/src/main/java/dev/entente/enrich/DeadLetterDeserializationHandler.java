package dev.entente.enrich;

import dev.entente.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Deserialization exception handler: logs the bad record, skips it, and sends its original key and
 * value bytes to the dead-letter topic named by {@code errors.dead.letter.queue.topic.name} (KIP-1034).
 *
 * <p>The record Kafka Streams builds carries its own headers ({@code __streams.errors.exception},
 * {@code __streams.errors.message}, {@code __streams.errors.stacktrace}, {@code __streams.errors.topic},
 * {@code __streams.errors.partition}, {@code __streams.errors.offset}); this handler adds the contract's
 * {@link DeadLetters} headers: source topic, {@code partition/offset}, stage {@value #STAGE} and a
 * one-line error.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    /** Value of the {@link DeadLetters#STAGE} header for records that could not be read. */
    public static final String STAGE = "deserialize";

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Response response = super.handleError(context, record, exception);
        for (ProducerRecord<byte[], byte[]> deadLetter : response.deadLetterQueueRecords()) {
            addHeaders(deadLetter.headers(), record.topic(), record.partition(), record.offset(), STAGE, exception);
        }
        return response;
    }

    /** Adds the contract's dead-letter headers; shared with the enrich stage's own dead letters. */
    static void addHeaders(Headers headers, String topic, int partition, long offset, String stage, Throwable error) {
        headers.add(DeadLetters.SOURCE_TOPIC, utf8(topic));
        headers.add(DeadLetters.SOURCE_POSITION, utf8(partition + "/" + offset));
        headers.add(DeadLetters.STAGE, utf8(stage));
        headers.add(DeadLetters.ERROR, utf8(oneLine(error)));
    }

    static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName() : error.getClass().getSimpleName() + ": " + error.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
