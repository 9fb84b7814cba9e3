package dev.entente.aggregate;

import static dev.entente.aggregate.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {

    private static final Instant PUBLISHED = Instant.parse("2025-03-10T08:15:00Z");
    private static final long RECORD_TIME = Instant.parse("2025-03-11T00:00:00Z").toEpochMilli();
    private static final long PARTITION_TIME = Instant.parse("2025-03-09T00:00:00Z").toEpochMilli();

    private final EventTimeExtractor extractor = new EventTimeExtractor();

    @Test
    void takesTheArticlesEventTime() {
        assertThat(extractor.extract(record(article("a1", PUBLISHED, "KP-RU"), RECORD_TIME), PARTITION_TIME))
                .isEqualTo(PUBLISHED.toEpochMilli());
    }

    @Test
    void fallsBackToTheRecordTimestampWhenTheValueIsNoArticle() {
        assertThat(extractor.extract(record("not an article", RECORD_TIME), PARTITION_TIME)).isEqualTo(RECORD_TIME);
    }

    @Test
    void neverAnswersZero() {
        assertThat(extractor.extract(record(article("a1", Instant.EPOCH), 0), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(extractor.extract(record(null, -1), -1)).isPositive();
    }

    private static ConsumerRecord<Object, Object> record(Object value, long timestamp) {
        return new ConsumerRecord<>(
                "news.enriched", 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, "key", value,
                new RecordHeaders(), Optional.empty());
    }
}
