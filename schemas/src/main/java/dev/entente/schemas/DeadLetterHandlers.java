package dev.entente.schemas;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exception handlers shared by every Entente stream, so that bad input never stops one: the record
 * is logged (one WARN line), copied as it was read (original key and value bytes) to the dead-letter
 * topic with the {@link DeadLetters} headers, and skipped.
 *
 * <ul>
 *   <li>{@link DeadLetters#SOURCE_TOPIC}: the topic the record was read from.
 *   <li>{@link DeadLetters#SOURCE_POSITION}: {@code partition/offset} in that topic.
 *   <li>{@link DeadLetters#STAGE}: {@code <application.id>/<step>}, where the step is
 *       {@value #DESERIALIZE_STAGE} for a record that could not be read and the failing processor's
 *       name otherwise, e.g. {@code entente-enrich/deserialize}, {@code entente-aggregate/deduplicate-articles}.
 *   <li>{@link DeadLetters#ERROR}: exception class and the first line of its message.
 * </ul>
 *
 * <p>Configure them with {@link StreamsConfig#DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG} and
 * {@link StreamsConfig#PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG}. The dead-letter topic is
 * {@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG} when configured, else
 * {@code news.dead-letter}. The records are written by the stream's own producer, so under
 * exactly-once they commit together with the skip.
 */
public final class DeadLetterHandlers {

    /** The step named in the {@link DeadLetters#STAGE} header of a record that could not be read. */
    public static final String DESERIALIZE_STAGE = "deserialize";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {}

    /** For values that the source's serde cannot read, e.g. bytes that are not Avro. */
    public static final class Deserialization implements DeserializationExceptionHandler {

        private Target target = Target.UNCONFIGURED;

        @Override
        public void configure(Map<String, ?> configs) {
            target = Target.of(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return Response.resume(List.of(
                    target.deadLetter(context, record.key(), record.value(), DESERIALIZE_STAGE, exception)));
        }
    }

    /** For records a processor throws on, e.g. an article the enricher fails on or a malformed pair. */
    public static final class Processing implements ProcessingExceptionHandler {

        private Target target = Target.UNCONFIGURED;

        @Override
        public void configure(Map<String, ?> configs) {
            target = Target.of(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            // The raw bytes, not the record: it may be an intermediate value no serde on the topic reads.
            return Response.resume(List.of(target.deadLetter(
                    context, context.sourceRawKey(), context.sourceRawValue(), context.processorNodeId(), exception)));
        }
    }

    /** Where dead letters go and which application they are named after. */
    private record Target(String topic, String applicationId) {

        static final Target UNCONFIGURED = new Target(Topics.DEAD_LETTER.name(), "");

        static Target of(Map<String, ?> configs) {
            return new Target(
                    setting(configs, StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER.name()),
                    setting(configs, StreamsConfig.APPLICATION_ID_CONFIG, ""));
        }

        private static String setting(Map<String, ?> configs, String key, String fallback) {
            Object value = configs.get(key);
            return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
        }

        String stage(String step) {
            return applicationId.isEmpty() ? step : applicationId + "/" + step;
        }

        ProducerRecord<byte[], byte[]> deadLetter(
                ErrorHandlerContext context, byte[] key, byte[] value, String step, Exception exception) {
            String sourceTopic = String.valueOf(context.topic());
            String position = context.partition() + "/" + context.offset();
            String stage = stage(step);
            String error = oneLine(exception);
            LOG.warn("skipping record {} {} at {}, sent to {}: {}", sourceTopic, position, stage, topic, error);
            RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetters.SOURCE_TOPIC, utf8(sourceTopic));
            headers.add(DeadLetters.SOURCE_POSITION, utf8(position));
            headers.add(DeadLetters.STAGE, utf8(stage));
            headers.add(DeadLetters.ERROR, utf8(error));
            return new ProducerRecord<>(topic, null, key, value, headers);
        }
    }

    private static String oneLine(Exception exception) {
        String name = exception.getClass().getSimpleName();
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            return name;
        }
        return name + ": " + message.strip().lines().findFirst().orElse("");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
