package dev.entente.app;

import static dev.entente.app.TestSupport.freePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster whose nodes each run in a JVM of their own ({@link #main}), so that a test can kill
 * a broker with SIGKILL, as a crash or the OOM killer would, instead of stopping it. Node ids run
 * from 1; each node keeps its data and its output ({@code node-<id>.log}) in a directory of its own
 * and keeps its ports across restarts.
 */
final class BrokerProcesses implements AutoCloseable {

    private static final String READY = "entente-test-broker-ready";
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);

    private final Path dir;
    private final int nodes;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, int[]> ports = new TreeMap<>();
    private final Map<Integer, Process> running = new TreeMap<>();

    private BrokerProcesses(Path dir, int nodes) throws IOException {
        this.dir = dir;
        this.nodes = nodes;
        for (int id = 1; id <= nodes; id++) {
            ports.put(id, new int[] {freePort(), freePort()});
        }
    }

    /** Starts every node, in parallel (a broker waits for a controller majority), and returns once all accept clients. */
    static BrokerProcesses start(Path dir, int nodes) throws IOException {
        BrokerProcesses cluster = new BrokerProcesses(dir, nodes);
        for (int id = 1; id <= nodes; id++) {
            cluster.launch(id);
        }
        for (int id = 1; id <= nodes; id++) {
            cluster.awaitReady(id);
        }
        return cluster;
    }

    String bootstrapServers() {
        return ports.values().stream().map(p -> "127.0.0.1:" + p[0]).collect(Collectors.joining(","));
    }

    /** Kills the node's JVM with SIGKILL: no controlled shutdown, no flush, no goodbye to the controller. */
    void kill(int nodeId) throws InterruptedException {
        running.remove(nodeId).destroyForcibly().waitFor();
    }

    /** Stops the node as SIGTERM does: a controlled shutdown that first moves its partitions' leadership. */
    void stop(int nodeId) throws InterruptedException {
        running.remove(nodeId).destroy();
    }

    /** Starts a killed or stopped node again on its data and ports; returns once it accepts clients. */
    void restart(int nodeId) throws IOException {
        launch(nodeId);
        awaitReady(nodeId);
    }

    @Override
    public void close() throws InterruptedException {
        // All at once: a node's controlled shutdown needs a controller majority, which is gone once
        // most nodes have stopped.
        running.values().forEach(Process::destroy);
        for (Process process : running.values()) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        running.clear();
    }

    private void launch(int nodeId) throws IOException {
        String voters = ports.entrySet().stream()
                .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()[1])
                .collect(Collectors.joining(","));
        Path nodeDir = dir.resolve("node-" + nodeId);
        Files.createDirectories(nodeDir);
        Files.deleteIfExists(log(nodeId));
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), BrokerProcesses.class.getName(),
                String.valueOf(nodeId), voters, String.valueOf(ports.get(nodeId)[0]), String.valueOf(ports.get(nodeId)[1]),
                nodeDir.resolve("logs").toString(), clusterId, String.valueOf(nodes)))
                .redirectErrorStream(true)
                .redirectOutput(log(nodeId).toFile())
                .start();
        running.put(nodeId, process);
    }

    private void awaitReady(int nodeId) throws IOException {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (!Files.readString(log(nodeId)).contains(READY)) {
            if (!running.get(nodeId).isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("broker node " + nodeId + " did not start; see " + log(nodeId));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private Path log(int nodeId) {
        return dir.resolve("node-" + nodeId + ".log");
    }

    /** One node in this JVM: id, voters, broker port, controller port, log dir, cluster id, node count. */
    public static void main(String[] args) throws Exception {
        AutoCloseable node = EmbeddedKafka.startClusterNode(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Path.of(args[4]), args[5], Integer.parseInt(args[6]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("node did not stop cleanly: " + e);
            }
            stopped.countDown();
        }));
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }
}
