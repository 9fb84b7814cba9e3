package dev.entente.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files Entente keeps in each Kafka Streams application's state directory
 * ({@code <state.dir>/<application.id>/}), beside the stores: a stamp naming the cluster the state was
 * built from, and the instance's stable group instance id.
 *
 * <p><b>Cluster stamp.</b> Local state (stores, checkpoints, the "seen article" stores) is a cache of the changelog topics
 * of one cluster. Pointed at another cluster (a new embedded broker, a moved {@code data/kafka}),
 * Kafka Streams wipes only the tasks whose checkpoints it can prove wrong and serves the rest as
 * truth: counts no topic backs, and articles dropped as already seen. So the state directory of each
 * application carries a stamp naming the cluster id and application id; before the application
 * starts, state without a stamp or with another cluster's stamp is wiped
 * ({@link KafkaStreams#cleanUp()}, which removes the task directories and keeps these files) and
 * restored from the changelogs of this cluster.
 *
 * <p><b>Static membership.</b> An instance killed with SIGKILL leaves its group membership behind.
 * Restarted as a new member, it waits out its former self's session (45 s by default) before it gets
 * any partition back; a static member that comes back with the same {@code group.instance.id} takes
 * its old place at once. The id is kept in the state directory, which belongs to exactly one running
 * instance (Kafka Streams locks it): two instances never share an id, and one instance keeps its id
 * across restarts and state wipes. Kafka Streams appends the thread index for each consumer.
 */
final class LocalState {

    private static final Logger log = LoggerFactory.getLogger(LocalState.class);
    static final String CLUSTER_FILE = "entente-cluster";
    static final String INSTANCE_FILE = "entente-instance-id";
    private static final long TIMEOUT_SECONDS = 60;

    private LocalState() {}

    /** The id of the cluster the client properties connect to. */
    static String clusterId(Properties clientProperties) {
        try (Admin admin = Admin.create(clientProperties)) {
            return admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the cluster id of "
                    + clientProperties.getProperty("bootstrap.servers") + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the cluster id", e);
        }
    }

    /**
     * Before {@code streams} starts: wipes its local state when that was built from another cluster
     * or carries no stamp, then stamps the state directory with {@code clusterId}.
     */
    static void wipeStateOfOtherClusters(KafkaStreams streams, Properties streamsConfig, String clusterId) {
        String applicationId = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Path appDir = appDir(streamsConfig);
        String expected = stamp(clusterId, applicationId);
        Optional<String> found = read(appDir.resolve(CLUSTER_FILE));
        if (found.isPresent() && found.get().equals(expected)) {
            return;
        }
        if (found.isPresent() || hasTaskState(appDir)) {
            log.warn("{}: the local state in {} was built from {}, not from Kafka cluster {}; wiping it and "
                    + "restoring from this cluster's changelogs", applicationId, appDir,
                    found.map(s -> "another cluster (" + s.strip().replace('\n', ' ') + ")").orElse("an unknown cluster (no stamp)"),
                    clusterId);
            streams.cleanUp();
        }
        write(appDir, CLUSTER_FILE, expected);
    }

    /** Sets {@code group.instance.id} from the state directory, unless the configuration sets one. */
    static void assignStableInstanceId(Properties streamsConfig) {
        if (streamsConfig.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) != null) {
            return;
        }
        String applicationId = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Path appDir = appDir(streamsConfig);
        String id = read(appDir.resolve(INSTANCE_FILE)).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (id == null) {
            id = applicationId + "-" + UUID.randomUUID();
            write(appDir, INSTANCE_FILE, id + "\n");
        }
        streamsConfig.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
    }

    /**
     * Removes a dead stream thread's static member from the group, in the background. Kafka Streams
     * closes a dead thread's consumer without leaving the group, and gives its replacement another
     * thread index, so without this the group would wait out the dead member's session (45 s by
     * default) before the replacement gets the partitions.
     */
    static void releaseDeadThread(Properties streamsConfig, String threadName) {
        String instanceId = streamsConfig.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        int index = threadName.lastIndexOf("-StreamThread-");
        if (instanceId == null || index < 0) {
            return;
        }
        String member = instanceId + "-" + threadName.substring(index + "-StreamThread-".length());
        String group = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Thread release = new Thread(() -> {
            try (Admin admin = Admin.create(streamsConfig)) {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                        List.of(new MemberToRemove(member)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("{}: removed the dead stream thread's member {} from the group", group, member);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // The group then waits out the member's session: slower, not wrong.
                log.warn("{}: could not remove the dead member {} from the group: {}", group, member, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "entente-release-" + member);
        release.setDaemon(true);
        release.start();
    }

    private static Path appDir(Properties streamsConfig) {
        return Path.of(streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG),
                streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    static String stamp(String clusterId, String applicationId) {
        return "cluster.id=" + clusterId + "\napplication.id=" + applicationId + "\n";
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Whether Kafka Streams left task directories (named like {@code 0_1}) in the application's directory. */
    private static boolean hasTaskState(Path appDir) {
        if (!Files.isDirectory(appDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(appDir)) {
            return entries.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d+_\\d+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the state directory " + appDir, e);
        }
    }

    /** Writes a whole file or nothing: a crash never leaves half a stamp or half an id. */
    private static void write(Path appDir, String name, String content) {
        try {
            Files.createDirectories(appDir);
            Path temporary = appDir.resolve(name + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, appDir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " in " + appDir, e);
        }
    }
}
