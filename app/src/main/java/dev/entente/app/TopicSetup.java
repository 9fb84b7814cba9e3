package dev.entente.app;

import dev.entente.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the contract's topics when they are missing, with the cluster's default partition count
 * and replication factor, so that a new cluster and the embedded broker need no manual step.
 * {@code news.ingest-state} is created compacted.
 */
final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 60;

    private TopicSetup() {}

    // Ingest's cursors: only the latest per feed matters, so compaction keeps the topic small forever.
    private static NewTopic newTopic(String name) {
        NewTopic topic = new NewTopic(name, Optional.empty(), Optional.empty());
        return name.equals(Topics.INGEST_STATE.name())
                ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                : topic;
    }

    static void ensureTopics(Properties clientProperties) {
        List<String> names = List.of(Topics.RAW.name(), Topics.ENRICHED.name(), Topics.PAIR_COUNTS.name(),
                Topics.DEAD_LETTER.name(), Topics.INGEST_STATE.name());
        try (Admin admin = Admin.create(clientProperties)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream()
                    .filter(name -> !existing.contains(name))
                    .map(TopicSetup::newTopic)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another instance may have created them between our listing and our request.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the Entente topics on "
                    + clientProperties.getProperty("bootstrap.servers") + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no Kafka broker answered at "
                    + clientProperties.getProperty("bootstrap.servers") + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Entente topics", e);
        }
    }
}
