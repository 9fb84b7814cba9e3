package dev.entente.aggregate;

import dev.entente.schemas.DeadLetters;
import dev.entente.schemas.Topics;
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
 * Exception handlers that keep the stream running on bad input: the record is logged, copied as it
 * was read (original key and value bytes) to the dead-letter topic with the {@link DeadLetters}
 * headers, and skipped.
 *
 * <p>The dead-letter topic is {@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}
 * when configured, else {@code news.dead-letter}. The records are written by the stream's own
 * producer, so under exactly-once they commit together with the skip.
 */
public final class DeadLetterHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);
    private static final String STAGE_PREFIX = "aggregate/";

    private DeadLetterHandlers() {}

    /** For values on {@code news.enriched} that are not an {@code EnrichedArticle}. */
    public static final class Deserialization implements DeserializationExceptionHandler {

        private String deadLetterTopic = Topics.DEAD_LETTER.name();

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetterTopic = deadLetterTopic(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return Response.resume(List.of(deadLetter(
                    deadLetterTopic, context, record.key(), record.value(), "deserialize", exception)));
        }
    }

    /** For records a processor rejects, e.g. an article with a malformed pair. */
    public static final class Processing implements ProcessingExceptionHandler {

        private String deadLetterTopic = Topics.DEAD_LETTER.name();

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetterTopic = deadLetterTopic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            return Response.resume(List.of(deadLetter(
                    deadLetterTopic,
                    context,
                    context.sourceRawKey(),
                    context.sourceRawValue(),
                    context.processorNodeId(),
                    exception)));
        }
    }

    private static String deadLetterTopic(Map<String, ?> configs) {
        Object configured = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return configured == null || configured.toString().isBlank()
                ? Topics.DEAD_LETTER.name()
                : configured.toString();
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(
            String deadLetterTopic,
            ErrorHandlerContext context,
            byte[] key,
            byte[] value,
            String stage,
            Exception exception) {
        String error = oneLine(exception);
        String position = context.partition() + "/" + context.offset();
        LOG.warn(
                "skipping record {} {} at {} to {}: {}",
                context.topic(), position, STAGE_PREFIX + stage, deadLetterTopic, error);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.SOURCE_TOPIC, utf8(String.valueOf(context.topic())));
        headers.add(DeadLetters.SOURCE_POSITION, utf8(position));
        headers.add(DeadLetters.STAGE, utf8(STAGE_PREFIX + stage));
        headers.add(DeadLetters.ERROR, utf8(error));
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    private static String oneLine(Exception exception) {
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        return exception.getClass().getSimpleName() + ": " + firstLine;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
