package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every enabled feed at its own interval and writes each item not yet written by this process
 * to {@code news.raw} ({@link Topics#RAW}), key: article id, value: {@link RawArticle}.
 *
 * <p>Each feed is its own scheduled task (first poll at {@link #start()}, then {@code interval}
 * after the previous poll ends), so a slow or failing feed never delays the others. An id is
 * remembered only once Kafka has acknowledged its record; an item whose send failed is offered again
 * at the next poll. A failed poll is logged as one WARN line {@code feed <id>: <message>} and retried
 * at the next interval. The producer belongs to the caller: {@link #close()} stops polling but does
 * not close it.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int MAX_THREADS = 4;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final List<FeedSpec> feeds;
    private final Producer<String, RawArticle> producer;
    private final FeedReader reader;
    private final Clock clock;
    // SENT once Kafka acknowledged the record; IN_FLIGHT before that, so that two feeds carrying the
    // same item cannot both send it while the first send is pending.
    private final ConcurrentHashMap<String, Delivery> ids = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public IngestService(List<FeedSpec> feeds, Producer<String, RawArticle> producer, FeedReader reader, Clock clock) {
        this.feeds = List.copyOf(feeds);
        this.producer = Objects.requireNonNull(producer, "producer");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        Set<String> feedIds = new HashSet<>();
        for (FeedSpec feed : this.feeds) {
            if (!feedIds.add(feed.id())) {
                throw new IllegalArgumentException("duplicate feed id '" + feed.id() + "'");
            }
        }
    }

    /**
     * Producer properties for {@link Topics#RAW}: {@code base} (bootstrap servers and any other client
     * property) plus the topic's serializers, {@code acks=all} and idempotence, which the
     * write-once promise relies on and which therefore override {@code base}; {@code linger.ms} is
     * set only when {@code base} has none.
     */
    public static Properties producerConfig(Properties base) {
        Properties config = new Properties();
        config.putAll(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RawArticleSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        return config;
    }

    /** Schedules every enabled feed, the first poll right away. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("ingest already started");
        }
        List<FeedSpec> enabled = feeds.stream().filter(FeedSpec::enabled).toList();
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(MAX_THREADS, enabled.size())), daemonThreads());
        for (FeedSpec feed : enabled) {
            scheduler.scheduleWithFixedDelay(
                    () -> pollLogged(feed), 0, feed.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("ingest polling {} of {} feeds", enabled.size(), feeds.size());
    }

    /**
     * Reads {@code feed} once and sends each item this process has not sent yet.
     *
     * @return how many records were handed to the producer
     * @throws FeedException when the feed cannot be read
     */
    public int pollOnce(FeedSpec feed) throws FeedException {
        List<RawArticle> articles = reader.read(feed.id(), feed.url(), clock.instant());
        int count = 0;
        for (RawArticle article : articles) {
            String id = article.getId();
            if (ids.putIfAbsent(id, Delivery.IN_FLIGHT) != null) {
                continue;
            }
            try {
                producer.send(new ProducerRecord<>(Topics.RAW.name(), id, article), (metadata, error) -> {
                    if (error == null) {
                        ids.put(id, Delivery.SENT);
                    } else {
                        ids.remove(id, Delivery.IN_FLIGHT);
                        log.warn("feed {}: item {} not written to {}, will retry next poll: {}",
                                feed.id(), id, Topics.RAW.name(), error.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                ids.remove(id, Delivery.IN_FLIGHT);
                throw e;
            }
            count++;
        }
        return count;
    }

    private void pollLogged(FeedSpec feed) {
        try {
            int count = pollOnce(feed);
            log.debug("feed {}: {} new items", feed.id(), count);
        } catch (FeedException e) {
            log.warn("feed {}: {}", feed.id(), e.getMessage());
        } catch (RuntimeException e) {
            // An exception escaping a periodic task would cancel all its future polls.
            log.warn("feed {}: {}", feed.id(), e.toString(), e);
        }
    }

    /** Stops polling, waiting briefly for polls in progress. Does not close the producer. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private enum Delivery { IN_FLIGHT, SENT }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "entente-ingest-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
