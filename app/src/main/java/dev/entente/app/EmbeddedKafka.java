package dev.entente.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 * its data under one directory so that a restart finds its topics, offsets and committed state again;
 * and, for tests of broker failures, a {@link Cluster} of several such nodes.
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

    /**
     * Starts a cluster of {@code nodes} combined broker and controller nodes, all of them voters of
     * the controller quorum, and returns once every node accepts clients. With three nodes or more,
     * new topics and Kafka's internal topics get three replicas and {@code min.insync.replicas} 2,
     * so the cluster keeps accepting {@code acks=all} writes and transactions with one node down.
     *
     * @param dataDir each node keeps its data in {@code node-<id>} under it; created if missing
     * @throws EmbeddedKafkaException with a one-line reason when a node cannot start
     */
    public static Cluster startCluster(Path dataDir, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + nodes);
        }
        Exit.setExitProcedure(EmbeddedKafka::refuseExit);
        Exit.setHaltProcedure(EmbeddedKafka::refuseExit);
        return Cluster.start(dataDir.toAbsolutePath(), nodes);
    }

    /**
     * Starts one node of a cluster whose other nodes run in other processes, and returns once it
     * accepts clients; closing the result shuts the node down. Tests run each node in its own JVM
     * this way, to kill a broker with SIGKILL rather than stop it.
     *
     * @param voters the controller quorum, {@code id@host:controllerPort} of every node, comma-separated
     * @param nodes the number of nodes in the cluster, for the replication settings of {@link #startCluster}
     */
    static AutoCloseable startClusterNode(int nodeId, String voters, int brokerPort, int controllerPort, Path logDir,
            String clusterId, int nodes) {
        Exit.setExitProcedure(EmbeddedKafka::refuseExit);
        Exit.setHaltProcedure(EmbeddedKafka::refuseExit);
        Properties props = nodeProperties(nodeId, voters, brokerPort, controllerPort, logDir,
                Cluster.replication(nodes), Cluster.minIsr(nodes));
        Cluster.Node node = new Cluster.Node(nodeId, brokerPort, props, logDir, clusterId);
        node.start();
        return node::stop;
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
        return nodeProperties(NODE_ID, NODE_ID + "@" + HOST + ":" + controllerPort, brokerPort, controllerPort, logDir, 1, 1);
    }

    /**
     * One combined broker and controller node of a cluster whose controller quorum is {@code voters}.
     * {@code replication} and {@code minIsr} apply to new topics without their own settings and to
     * Kafka's internal topics (consumer offsets, transaction state, share-group state).
     */
    static Properties nodeProperties(int nodeId, String voters, int brokerPort, int controllerPort, Path logDir,
            int replication, int minIsr) {
        String rf = String.valueOf(replication);
        String isr = String.valueOf(minIsr);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", isr);
        p.put("offsets.topic.replication.factor", rf);
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", isr);
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", isr);
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default cleaner buffer is a 128 MiB heap allocation; compacted topics here are small.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void format(KafkaConfig config, String clusterId, Path logDir) {
        format(NODE_ID, config, clusterId, logDir);
    }

    private static void format(int nodeId, KafkaConfig config, String clusterId, Path logDir) {
        try {
            new Formatter()
                    .setNodeId(nodeId)
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

    /**
     * Several Kafka nodes in this process, each a combined broker and controller with its own id,
     * ports and data directory ({@code node-<id>}), all voters of one controller quorum. A node can be
     * stopped and restarted on the same data and ports, to test how clients live through the loss
     * of a broker. Node ids run from 1 to the number of nodes.
     */
    public static final class Cluster implements AutoCloseable {

        private static final int REPLICATION = 3;
        private static final int MIN_ISR = 2;

        private final Map<Integer, Node> nodes;

        /** Replicas of new and internal topics in a cluster of {@code nodes}: three, or all of them. */
        static int replication(int nodes) {
            return Math.min(REPLICATION, nodes);
        }

        /** {@code min.insync.replicas}: two once there are three replicas, so one node may be lost. */
        static int minIsr(int nodes) {
            return nodes >= REPLICATION ? MIN_ISR : 1;
        }

        private Cluster(Map<Integer, Node> nodes) {
            this.nodes = nodes;
        }

        private static Cluster start(Path dataDir, int count) {
            String clusterId = clusterId(dataDir);
            Set<Integer> taken = new HashSet<>();
            Map<Integer, int[]> ports = new TreeMap<>();
            for (int id = 1; id <= count; id++) {
                ports.put(id, new int[] {distinctFreePort(taken), distinctFreePort(taken)});
            }
            String voters = ports.entrySet().stream()
                    .map(e -> e.getKey() + "@" + HOST + ":" + e.getValue()[1])
                    .collect(Collectors.joining(","));
            int replication = replication(count);
            int minIsr = minIsr(count);
            Map<Integer, Node> nodes = new TreeMap<>();
            ports.forEach((id, pair) -> {
                Path logDir = dataDir.resolve("node-" + id).resolve("logs");
                Properties props = nodeProperties(id, voters, pair[0], pair[1], logDir, replication, minIsr);
                nodes.put(id, new Node(id, pair[0], props, logDir, clusterId));
            });
            Cluster cluster = new Cluster(nodes);
            try {
                cluster.startAll(nodes.values());
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            log.info("Embedded Kafka cluster of {} nodes ready at {} with data in {}", count,
                    cluster.bootstrapServers(), dataDir);
            return cluster;
        }

        /**
         * Starts the nodes in parallel: a node's broker waits for a controller quorum, which needs a
         * majority of the voters running, so starting them one after another would never finish.
         */
        private void startAll(Collection<Node> toStart) {
            inParallel(toStart, Node::start, "start");
        }

        private static void inParallel(Collection<Node> targets, Consumer<Node> action, String what) {
            if (targets.isEmpty()) {
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(targets.size(), runnable -> {
                Thread thread = new Thread(runnable, "embedded-kafka-" + what);
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Node node : targets) {
                    running.add(pool.submit(() -> action.accept(node)));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof EmbeddedKafkaException k ? k
                        : new EmbeddedKafkaException("embedded Kafka nodes failed to " + what + ": " + rootMessage(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("interrupted while the embedded Kafka nodes " + what, e);
            } finally {
                pool.shutdownNow();
            }
        }

        /** Every node's client address, for {@code bootstrap.servers}. */
        public String bootstrapServers() {
            return nodes.values().stream().map(n -> HOST + ":" + n.brokerPort).collect(Collectors.joining(","));
        }

        /** The ids of the nodes, 1 to the number of nodes. */
        public Set<Integer> nodeIds() {
            return Collections.unmodifiableSet(nodes.keySet());
        }

        /** Whether the node is running. */
        public boolean isRunning(int nodeId) {
            return node(nodeId).server != null;
        }

        /** Shuts one node down (a controlled shutdown: its partitions' leadership moves first). */
        public void stop(int nodeId) {
            Node node = node(nodeId);
            if (node.server == null) {
                throw new IllegalStateException("node " + nodeId + " is not running");
            }
            node.stop();
            log.info("Embedded Kafka node {} stopped", nodeId);
        }

        /** Starts a stopped node again on its data directory and ports; returns when it accepts clients. */
        public void restart(int nodeId) {
            Node node = node(nodeId);
            if (node.server != null) {
                throw new IllegalStateException("node " + nodeId + " is already running");
            }
            node.start();
            log.info("Embedded Kafka node {} restarted", nodeId);
        }

        private Node node(int nodeId) {
            Node node = nodes.get(nodeId);
            if (node == null) {
                throw new IllegalArgumentException("no node " + nodeId + " in this cluster; nodes are " + nodes.keySet());
            }
            return node;
        }

        /** Stops every running node. */
        @Override
        public void close() {
            // All at once: a broker's shutdown waits for the controller quorum to approve it (up to
            // five minutes), and the quorum is gone once a majority of the nodes has stopped, so the
            // last node stopped one after another would wait in vain.
            inParallel(nodes.values().stream().filter(n -> n.server != null).toList(), Node::stop, "stop");
            log.info("Embedded Kafka cluster stopped");
        }

        private static int distinctFreePort(Set<Integer> taken) {
            int port = freePort();
            while (!taken.add(port)) {
                port = freePort();
            }
            return port;
        }

        /** One node: its fixed settings, and its server while it runs. */
        private static final class Node {
            private final int id;
            private final int brokerPort;
            private final Properties props;
            private final Path logDir;
            private final String clusterId;
            private volatile KafkaRaftServer server;

            Node(int id, int brokerPort, Properties props, Path logDir, String clusterId) {
                this.id = id;
                this.brokerPort = brokerPort;
                this.props = props;
                this.logDir = logDir;
                this.clusterId = clusterId;
            }

            void start() {
                KafkaConfig config = KafkaConfig.fromProps(props, false);
                format(id, config, clusterId, logDir);
                KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    starting.startup();
                } catch (RuntimeException e) {
                    stopQuietly(starting);
                    throw new EmbeddedKafkaException("embedded Kafka node " + id + " did not start: " + rootMessage(e), e);
                }
                server = starting;
            }

            void stop() {
                KafkaRaftServer running = server;
                server = null;
                stopQuietly(running);
            }
        }
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
