package dev.entente.aggregate;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The aggregate stream's own metrics, next to Kafka Streams' in {@code KafkaStreams.metrics()} (so a
 * JMX or Prometheus exporter of Kafka metrics shows them too).
 */
public final class AggregateMetrics {

    /** Scope of the custom sensors; their group is {@code stream-entente-aggregate-metrics}. */
    public static final String SCOPE = "entente-aggregate";
    /**
     * Pair contributions (one per article and pair) that arrived later than the grace period and
     * therefore count in the all-time totals but in no hourly bucket.
     */
    public static final String LATE_CONTRIBUTIONS_DROPPED = "late-pair-contributions-dropped";

    private AggregateMetrics() {}

    /**
     * The number of late contributions dropped by this process's tasks since it started, from
     * {@code metrics}, e.g. {@code KafkaStreams.metrics()} or {@code TopologyTestDriver.metrics()}.
     */
    public static long lateContributionsDropped(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals(DropLateContributions.METRIC_GROUP)
                    && name.name().equals(LATE_CONTRIBUTIONS_DROPPED + "-total")
                    && metric.getValue().metricValue() instanceof Number value) {
                total += value.doubleValue();
            }
        }
        return Math.round(total);
    }
}
