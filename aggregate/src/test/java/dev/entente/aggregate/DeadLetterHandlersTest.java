package dev.entente.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.DeadLetters;
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
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

    private static final byte[] KEY = "article-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "not avro".getBytes(StandardCharsets.UTF_8);

    @Test
    void resumesAndCopiesAnUnreadableRecordToTheConfiguredDeadLetterTopicWithHeaders() {
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "my-dead-letters"));

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
        assertThat(header(deadLetter, DeadLetters.STAGE)).isEqualTo("aggregate/deserialize");
        assertThat(header(deadLetter, DeadLetters.ERROR))
                .isEqualTo("SerializationException: not an EnrichedArticle");
    }

    @Test
    void usesTheContractDeadLetterTopicWhenNoneIsConfigured() {
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(Map.of());

        DeserializationExceptionHandler.Response response = handler.handleError(
                new FakeContext("news.enriched", 0, 0),
                new ConsumerRecord<>("news.enriched", 0, 0, KEY, VALUE),
                new SerializationException("bad"));

        assertThat(response.deadLetterQueueRecords().get(0).topic()).isEqualTo("news.dead-letter");
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
            return AggregateTopology.SOURCE;
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
