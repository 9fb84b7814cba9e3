package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the articles of one poll to {@code news.raw} ({@link Topics#RAW}), key: article id, and
 * reports, once every send of the batch has completed, which Kafka acknowledged and which failed.
 *
 * <p>An article is held back (neither sent nor reported) while another poll is sending the same id,
 * and when any feed had it acknowledged recently in this process (the newest
 * {@value #RECENT_ACROSS_FEEDS} ids): an item carried by two feeds is sent once. Thread-safe; the
 * producer belongs to the caller.
 */
final class ArticlePublisher {

    private static final Logger log = LoggerFactory.getLogger(ArticlePublisher.class);
    static final int RECENT_ACROSS_FEEDS = 100_000;

    /** What became of the sends of one batch. */
    record Outcome(Set<String> acknowledged, Set<String> failed) {}

    private final Producer<String, RawArticle> producer;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> recentlyAcknowledged = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT_ACROSS_FEEDS;
                }
            });

    ArticlePublisher(Producer<String, RawArticle> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    /**
     * Sends {@code articles} not held back and calls {@code whenDone} once, from the producer's
     * thread after the last acknowledgement (at once when nothing was sent).
     *
     * @return how many records were handed to the producer
     * @throws RuntimeException what the producer threw; the unsent articles are reported as failed
     */
    int publish(String feedId, List<RawArticle> articles, Consumer<Outcome> whenDone) {
        List<RawArticle> batch = new ArrayList<>();
        for (RawArticle article : articles) {
            if (!recentlyAcknowledged.containsKey(article.getId()) && inFlight.add(article.getId())) {
                batch.add(article);
            }
        }
        Batch acks = new Batch(feedId, batch.size(), whenDone);
        for (int i = 0; i < batch.size(); i++) {
            String id = batch.get(i).getId();
            try {
                producer.send(new ProducerRecord<>(Topics.RAW.name(), id, batch.get(i)), (metadata, error) -> acks.done(id, error));
            } catch (RuntimeException e) {
                batch.subList(i, batch.size()).forEach(unsent -> acks.done(unsent.getId(), e));
                throw e;
            }
        }
        return batch.size();
    }

    /** Collects the acknowledgements of one batch; the producer calls back from its own thread. */
    private final class Batch {
        private final String feedId;
        private final Consumer<Outcome> whenDone;
        private final Set<String> acknowledged = new HashSet<>();
        private final Set<String> failed = new HashSet<>();
        private int pending;

        Batch(String feedId, int pending, Consumer<Outcome> whenDone) {
            this.feedId = feedId;
            this.pending = pending;
            this.whenDone = whenDone;
            if (pending == 0) {
                whenDone.accept(new Outcome(Set.of(), Set.of()));
            }
        }

        void done(String id, Exception error) {
            Outcome outcome;
            synchronized (this) {
                if (error == null) {
                    acknowledged.add(id);
                    // Before leaving inFlight, so that no other poll finds the id in neither set.
                    recentlyAcknowledged.put(id, Boolean.TRUE);
                } else {
                    failed.add(id);
                    log.warn("feed {}: item {} not written to {}, will retry next poll: {}",
                            feedId, id, Topics.RAW.name(), error.getMessage());
                }
                inFlight.remove(id);
                if (--pending > 0) {
                    return;
                }
                outcome = new Outcome(Set.copyOf(acknowledged), Set.copyOf(failed));
            }
            // Outside the lock: the caller takes its own locks and saves the cursor.
            whenDone.accept(outcome);
        }
    }
}
