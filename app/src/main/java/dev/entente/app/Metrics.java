package dev.entente.app;

import dev.entente.ingest.FeedStatus;
import dev.entente.ingest.IngestService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The process's metrics for {@code GET /metrics}: JVM, and every Kafka client and stream the
 * pipeline runs (Kafka's own metrics, e.g. {@code kafka_stream_task_dropped_records_total} for
 * records sent to the dead-letter topic, and Entente's stream metrics such as
 * {@code late-pair-contributions-dropped-total}), and each feed's health.
 */
final class Metrics implements AutoCloseable {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final Set<String> feedsWithMeters = ConcurrentHashMap.newKeySet();
    private volatile IngestService ingest;

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void bind(KafkaStreams streams, String applicationId) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("application", applicationId));
        metrics.bindTo(registry);
        binders.add(metrics);
    }

    /**
     * The producer's metrics, tagged {@code application=<name>}: Prometheus wants one set of tag keys per
     * meter name, and the producer shares names such as {@code kafka_app_info_start_time_ms} with the
     * streams, so a key of its own made the registry refuse those meters.
     */
    void bind(Producer<?, ?> producer, String name) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer, Tags.of("application", name));
        metrics.bindTo(registry);
        binders.add(metrics);
    }

    /**
     * Per-feed meters ({@code entente_feed_items_emitted_total}, {@code entente_feed_consecutive_failures},
     * {@code entente_feed_last_success_seconds}, tagged with the feed id), read from the service's
     * statuses at each scrape. Feeds added while running get their meters at the next scrape;
     * removed ones stop reporting.
     */
    void watch(IngestService ingest) {
        this.ingest = ingest;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        if (ingest != null) {
            ingest.statuses().forEach(this::registerFeed);
        }
        return registry.scrape();
    }

    private void registerFeed(FeedStatus status) {
        if (!feedsWithMeters.add(status.id())) {
            return;
        }
        String id = status.id();
        Tags tags = Tags.of("feed", id);
        FunctionCounter.builder("entente.feed.items.emitted", this, m -> m.feed(id).map(FeedStatus::itemsEmitted).orElse(0L))
                .tags(tags).description("items the feed sent to news.raw").register(registry);
        Gauge.builder("entente.feed.consecutive.failures", this,
                        m -> m.feed(id).map(FeedStatus::consecutiveFailures).map(Integer::doubleValue).orElse(Double.NaN))
                .tags(tags).description("failed polls since the last success").register(registry);
        Gauge.builder("entente.feed.last.success", this,
                        m -> m.feed(id).map(FeedStatus::lastSuccess).map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .tags(tags).baseUnit("seconds").description("time of the last successful poll").register(registry);
    }

    private Optional<FeedStatus> feed(String id) {
        return ingest.statuses().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable binder : binders) {
            binder.close();
        }
        registry.close();
    }
}
