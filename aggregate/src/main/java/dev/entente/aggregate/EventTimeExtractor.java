package dev.entente.aggregate;

import dev.entente.schemas.EnrichedArticle;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * An enriched article's time is its {@code eventTime} (publication time, or fetch time when that
 * is unknown or implausible, decided upstream). Records without a usable event time fall back to
 * the record's own timestamp, then to the partition's stream time, then to the wall clock, so no
 * record is ever dated 1970.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof EnrichedArticle article) {
            Instant eventTime = article.getEventTime();
            if (eventTime != null && eventTime.toEpochMilli() > 0) {
                return eventTime.toEpochMilli();
            }
        }
        if (record.timestamp() > 0) {
            return record.timestamp();
        }
        return partitionTime > 0 ? partitionTime : System.currentTimeMillis();
    }
}
