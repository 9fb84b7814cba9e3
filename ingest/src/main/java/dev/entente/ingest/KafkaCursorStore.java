package dev.entente.ingest;

import dev.entente.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cursors in the compacted topic {@code news.ingest-state} ({@link Topics#INGEST_STATE}), key: feed
 * id, value: {@link FeedCursor#toJson()}. {@link #loadAll()} reads the topic from the beginning to
 * its end offsets, without a consumer group; {@link #save} sends with {@code acks=all} and
 * idempotence. A cursor that cannot be read is skipped with a warning, so its feed starts afresh
 * (which may re-send items; the enrich stream drops those by article id).
 */
public final class KafkaCursorStore implements CursorStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaCursorStore.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Properties clientProperties;
    private final String topic;
    private final Producer<String, String> producer;

    /** @param clientProperties Kafka client properties, at least {@code bootstrap.servers} */
    public KafkaCursorStore(Properties clientProperties) {
        this(clientProperties, Topics.INGEST_STATE.name());
    }

    KafkaCursorStore(Properties clientProperties, String topic) {
        this.clientProperties = clientProperties;
        this.topic = topic;
        Properties config = new Properties();
        config.putAll(clientProperties);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(config);
    }

    @Override
    public Map<String, FeedCursor> loadAll() {
        Properties config = new Properties();
        config.putAll(clientProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, FeedCursor> cursors = new HashMap<>();
        try (Consumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, LOAD_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOAD_TIMEOUT);
            Instant deadline = Instant.now().plus(LOAD_TIMEOUT);
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + LOAD_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(cursors, record);
                }
            }
        }
        log.info("restored the cursors of {} feeds from {}", cursors.size(), topic);
        return cursors;
    }

    private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        Set<TopicPartition> behind = end.entrySet().stream()
                .filter(e -> consumer.position(e.getKey()) < e.getValue())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return behind.isEmpty();
    }

    private void apply(Map<String, FeedCursor> cursors, ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            cursors.remove(record.key());
            return;
        }
        try {
            cursors.put(record.key(), FeedCursor.fromJson(record.value()));
        } catch (IllegalArgumentException e) {
            log.warn("feed {}: ignoring an unreadable cursor at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void save(FeedCursor cursor) {
        producer.send(new ProducerRecord<>(topic, cursor.feedId(), cursor.toJson()), (metadata, error) -> {
            if (error != null) {
                log.warn("feed {}: cursor not saved to {} (items may be sent again after a restart): {}",
                        cursor.feedId(), topic, error.getMessage());
            }
        });
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
