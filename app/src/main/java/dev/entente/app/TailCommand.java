package dev.entente.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entente.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tail}: prints each record of a topic as one JSON line. It reads without a consumer group,
 * so tailing never moves anybody's committed offsets.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints each record of a topic as one JSON line on stdout.")
final class TailCommand implements Callable<Integer> {

    /** The topics a user may tail, by their short names. */
    enum TopicChoice {
        raw(Topics.RAW.name()), enriched(Topics.ENRICHED.name()), counts(Topics.PAIR_COUNTS.name());

        final String topic;

        TopicChoice(String topic) {
            this.topic = topic;
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--topic", paramLabel = "raw|enriched|counts", defaultValue = "enriched",
            description = "Which topic to print: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TopicChoice topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones only.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Mixin
    ConfigOption config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Properties props = config.load().clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var valueSerde = Topics.valueSerdeOf(topic.topic);
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                main.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long printed = 0;
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topic, METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (!stop.get() && (max == null || printed < max)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (max != null && printed >= max) {
                        break;
                    }
                    ObjectNode line = AvroJson.MAPPER.createObjectNode();
                    line.put("topic", record.topic());
                    line.put("partition", record.partition());
                    line.put("offset", record.offset());
                    line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
                    line.put("key", record.key());
                    try {
                        line.set("value", AvroJson.toJson((IndexedRecord) valueSerde.deserializer().deserialize(record.topic(), record.value())));
                    } catch (SerializationException e) {
                        err.println("skipped " + record.topic() + "/" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
                        err.flush();
                        continue;
                    }
                    out.println(line);
                    out.flush();
                    printed++;
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("entente tail: no Kafka broker answered at " + props.getProperty("bootstrap.servers")
                    + " (is `run` started, or kafka.bootstrap.servers set?)");
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }
}
