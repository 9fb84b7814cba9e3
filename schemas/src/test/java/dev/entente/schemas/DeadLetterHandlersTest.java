package dev.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

    private static final byte[] KEY = "article-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "not avro".getBytes(StandardCharsets.UTF_8);
    private static final String PROCESSOR = "enrich-article";

    @Test
    void resumesAndCopiesAnUnreadableRecordToTheConfiguredDeadLetterTopicWithHeaders() {
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "my-dead-letters",
                StreamsConfig.APPLICATION_ID_CONFIG, "entente-aggregate"));

        DeserializationExceptionHandler.Response response = handler.handleError(
                new FakeContext("news.enriched", 3, 42),
                new ConsumerRecord<>("news.enriched", 3, 42, KEY, VALUE),
                new SerializationException("not an EnrichedArticle\nsecond line"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertThat(deadLetter.topic()).isEqualTo("my-dead-letters");
        assertThat(deadLetter.key()).isEqualTo(KEY);
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo("news.enriched");
        assertThat(header(deadLetter, DeadLetters.SOURCE_POSITION)).isEqualTo("3/42");
        assertThat(header(deadLetter, DeadLetters.STAGE)).isEqualTo("entente-aggregate/deserialize");
        assertThat(header(deadLetter, DeadLetters.ERROR)).isEqualTo("SerializationException: not an EnrichedArticle");
    }

    @Test
    void resumesAndCopiesTheSourceBytesOfARecordAProcessorThrowsOnWithTheProcessorAsStage() {
        DeadLetterHandlers.Processing handler = new DeadLetterHandlers.Processing();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "entente-enrich"));

        ProcessingExceptionHandler.Response response = handler.handleError(
                new FakeContext("news.raw", 1, 7),
                new Record<>("article-1", "an intermediate value", 0L),
                new IllegalStateException("cannot enrich this one"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertThat(deadLetter.topic()).isEqualTo(Topics.DEAD_LETTER.name());
        assertThat(deadLetter.key()).isEqualTo(KEY);
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo("news.raw");
        assertThat(header(deadLetter, DeadLetters.SOURCE_POSITION)).isEqualTo("1/7");
        assertThat(header(deadLetter, DeadLetters.STAGE)).isEqualTo("entente-enrich/" + PROCESSOR);
        assertThat(header(deadLetter, DeadLetters.ERROR)).isEqualTo("IllegalStateException: cannot enrich this one");
    }

    @Test
    void usesTheContractDeadLetterTopicAndTheBareStageWhenNothingIsConfigured() {
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(Map.of());

        DeserializationExceptionHandler.Response response = handler.handleError(
                new FakeContext("news.enriched", 0, 0),
                new ConsumerRecord<>("news.enriched", 0, 0, KEY, VALUE),
                new SerializationException("bad"));

        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertThat(deadLetter.topic()).isEqualTo("news.dead-letter");
        assertThat(header(deadLetter, DeadLetters.STAGE)).isEqualTo(DeadLetterHandlers.DESERIALIZE_STAGE);
    }

    @Test
    void namesTheExceptionAloneWhenItHasNoMessage() {
        DeadLetterHandlers.Processing handler = new DeadLetterHandlers.Processing();
        handler.configure(Map.of());

        ProcessingExceptionHandler.Response response = handler.handleError(
                new FakeContext("news.raw", 0, 0), new Record<>("article-1", "value", 0L), new NullPointerException());

        assertThat(header(response.deadLetterQueueRecords().get(0), DeadLetters.ERROR))
                .isEqualTo("NullPointerException");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private record FakeContext(String topic, int partition, long offset) implements ErrorHandlerContext {

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return PROCESSOR;
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return KEY;
        }

        @Override
        public byte[] sourceRawValue() {
            return VALUE;
        }
    }
}
