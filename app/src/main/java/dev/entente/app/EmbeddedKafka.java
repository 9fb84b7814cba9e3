package dev.entente.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this process, keeping
 * its data under one directory so that a restart finds its topics, offsets and committed state again.
 *
 * <p>Every call into Kafka's internal server classes lives here: they are not public API and move
 * between releases, so this class and its test are what to rerun on a Kafka upgrade.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats the data directory if it is new, starts the broker and returns once clients can
     * connect.
     *
     * @param dataDir where the broker keeps its logs and metadata; created if missing
     * @param port the client port on 127.0.0.1; 0 picks a free one
     * @throws EmbeddedKafkaException with a one-line reason when the broker cannot start
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        // Kafka halts the JVM on some start-up failures (a taken port, a bad log dir); we want an
        // exception we can report instead of a silent exit of the whole application.
        Exit.setExitProcedure(EmbeddedKafka::refuseExit);
        Exit.setHaltProcedure(EmbeddedKafka::refuseExit);

        int brokerPort = port == 0 ? freePort() : requireFree(port);
        int controllerPort = freePort();
        Path logDir = dataDir.toAbsolutePath().resolve("logs");
        Properties props = brokerProperties(brokerPort, controllerPort, logDir);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(config, clusterId(dataDir), logDir);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            // A half-started server keeps non-daemon threads alive: stop it, or the JVM never exits.
            stopQuietly(server);
            throw new EmbeddedKafkaException("the embedded Kafka broker did not start: " + rootMessage(e), e);
        }
        log.info("Embedded Kafka broker ready at {}:{} with data in {}", HOST, brokerPort, dataDir);
        return new EmbeddedKafka(server, brokerPort);
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopQuietly(server);
        log.info("Embedded Kafka broker stopped");
    }

    static Properties brokerProperties(int brokerPort, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default cleaner buffer is a 128 MiB heap allocation; compacted topics here are small.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void format(KafkaConfig config, String clusterId, Path logDir) {
        try {
            new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .setIgnoreFormatted(true)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot format the embedded Kafka data directory " + logDir + ": " + rootMessage(e), e);
        }
    }

    /** The cluster id stored beside the data, created on first start so a restart reuses the data. */
    private static String clusterId(Path dataDir) {
        Path file = dataDir.resolve("cluster.id");
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot use " + dataDir + " for the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new EmbeddedKafkaException("port " + port + " on " + HOST
                    + " is already in use: stop what holds it, or set embedded.port to another port");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Embedded Kafka broker did not stop cleanly: {}", rootMessage(e));
        }
    }

    private static void refuseExit(int status, String message) {
        throw new EmbeddedKafkaException("Kafka asked to exit the process (status " + status + ")"
                + (message == null ? "" : ": " + message));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The embedded broker could not start; the message says why, in one line. */
    public static final class EmbeddedKafkaException extends RuntimeException {
        EmbeddedKafkaException(String message) {
            super(message);
        }

        EmbeddedKafkaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
