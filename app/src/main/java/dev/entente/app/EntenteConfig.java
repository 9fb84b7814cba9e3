package dev.entente.app;

import dev.entente.ingest.FeedSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The configuration file of CONTRACTS.md, validated: Kafka client properties, the embedded broker,
 * the HTTP API, Kafka Streams properties and the feeds to poll.
 *
 * @param kafka Kafka client properties, flattened to dotted keys
 * @param streams Kafka Streams properties for enrich and aggregate, flattened to dotted keys
 * @param source the file it was read from, whose {@code feeds:} edits apply while running
 */
public record EntenteConfig(
        Map<String, String> kafka, Embedded embedded, Api api, Map<String, String> streams, List<FeedSpec> feeds,
        Optional<Path> source) {

    public static final int DEFAULT_EMBEDDED_PORT = 9092;
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "kafka");
    public static final Path DEFAULT_STATE_DIR = Path.of("data", "state");
    public static final String DEFAULT_API_BIND = "127.0.0.1";
    public static final int DEFAULT_API_PORT = 8080;

    public EntenteConfig {
        kafka = Map.copyOf(kafka);
        streams = Map.copyOf(streams);
        feeds = List.copyOf(feeds);
        source = source == null ? Optional.empty() : source;
    }

    /** A configuration read from no file (defaults, tests): its feed list is not watched. */
    public EntenteConfig(Map<String, String> kafka, Embedded embedded, Api api, Map<String, String> streams,
            List<FeedSpec> feeds) {
        this(kafka, embedded, api, streams, feeds, Optional.empty());
    }

    /** The embedded broker's port and data directory, used only when no bootstrap servers are set. */
    public record Embedded(int port, Path dataDir) {}

    /** Where the HTTP API listens. */
    public record Api(String bind, int port) {}

    /** The configuration used when none is given: embedded broker, defaults everywhere, no feeds. */
    public static EntenteConfig defaults() {
        return new EntenteConfig(Map.of(), new Embedded(DEFAULT_EMBEDDED_PORT, DEFAULT_DATA_DIR),
                new Api(DEFAULT_API_BIND, DEFAULT_API_PORT), Map.of(), List.of());
    }

    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(kafka.get("bootstrap.servers")).filter(s -> !s.isBlank());
    }

    /** Where clients connect: the configured cluster, or else the embedded broker's address. */
    public String effectiveBootstrapServers() {
        return bootstrapServers().orElse("127.0.0.1:" + embedded.port());
    }

    /** Kafka client properties, with {@code bootstrap.servers} always set. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put("bootstrap.servers", effectiveBootstrapServers());
        return props;
    }

    /** Client properties overlaid with the Streams properties and a default state directory. */
    public Properties streamsProperties() {
        Properties props = clientProperties();
        props.put("state.dir", DEFAULT_STATE_DIR.toString());
        props.putAll(streams);
        return props;
    }

    /**
     * This configuration pointed at a started embedded broker. Unless {@code streams.state.dir} is set,
     * the Streams state lives beside the broker's data ({@code data/kafka} and {@code data/state}), so
     * that a new broker data directory comes with its own state.
     */
    public EntenteConfig withEmbeddedBroker(String bootstrapServers) {
        Map<String, String> newKafka = new HashMap<>(kafka);
        newKafka.put("bootstrap.servers", bootstrapServers);
        Map<String, String> newStreams = new HashMap<>(streams);
        newStreams.putIfAbsent("state.dir", stateDirBeside(embedded.dataDir()).toString());
        return new EntenteConfig(newKafka, embedded, api, newStreams, feeds, source);
    }

    /** The state directory that goes with an embedded broker's data directory: {@code state} beside it. */
    static Path stateDirBeside(Path brokerDataDir) {
        Path parent = brokerDataDir.normalize().getParent();
        Path name = DEFAULT_STATE_DIR.getFileName();
        return parent == null ? name : parent.resolve(name);
    }

    public EntenteConfig withFeeds(List<FeedSpec> newFeeds) {
        return new EntenteConfig(kafka, embedded, api, streams, newFeeds, source);
    }
}
