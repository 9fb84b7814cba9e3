package dev.entente.aggregate;

import java.time.Instant;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on the pair contributions that still count in their hourly bucket ({@link GraceRule}) and
 * drops, counts and logs the others, which count in the all-time totals only.
 *
 * <p>The count is the Kafka Streams metric {@value #METRIC}{@code -total} (and {@code -rate}) in
 * group {@value #METRIC_GROUP}, one per task; {@link AggregateMetrics#lateContributionsDropped}
 * sums it. It counts one per article and pair, reset when the process restarts. Kafka Streams' own
 * task metric {@code dropped-records} would also count late records, but lumps them together with
 * every record skipped for an error; this one counts late news only.
 *
 * <p>The stream time is kept in the store {@value AggregateTopology#STREAM_TIME_STORE} (key
 * {@value #STREAM_TIME_KEY}), so the grace period is measured the same way after a restart or a
 * move to another instance. Since the window aggregation downstream remembers its stream time only
 * in memory, it never sees a record older than it would accept: it drops nothing itself.
 */
final class DropLateContributions implements FixedKeyProcessor<String, PairCounts, PairCounts> {

    static final String METRIC_GROUP = "stream-" + AggregateMetrics.SCOPE + "-metrics";
    static final String METRIC = AggregateMetrics.LATE_CONTRIBUTIONS_DROPPED;
    static final String STREAM_TIME_KEY = "stream-time";

    private static final Logger LOG = LoggerFactory.getLogger(DropLateContributions.class);

    private final GraceRule rule;
    private final String storeName;
    private FixedKeyProcessorContext<String, PairCounts> context;
    private KeyValueStore<String, Long> streamTimes;
    private Sensor dropped;

    DropLateContributions(GraceRule rule, String storeName) {
        this.rule = rule;
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PairCounts> context) {
        this.context = context;
        this.streamTimes = context.getStateStore(storeName);
        this.dropped = context.metrics().addRateTotalSensor(
                AggregateMetrics.SCOPE, context.taskId().toString(), METRIC, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, PairCounts> record) {
        Long previous = streamTimes.get(STREAM_TIME_KEY);
        long streamTime = previous == null ? record.timestamp() : Math.max(previous, record.timestamp());
        if (previous == null || streamTime > previous) {
            streamTimes.put(STREAM_TIME_KEY, streamTime);
        }
        Instant eventTime = Instant.ofEpochMilli(record.timestamp());
        if (rule.accepts(eventTime, Instant.ofEpochMilli(streamTime))) {
            context.forward(record);
            return;
        }
        dropped.record();
        LOG.debug("{} at {} is more than {} behind stream time {}: counted in the totals only",
                record.key(), eventTime, rule.grace(), Instant.ofEpochMilli(streamTime));
    }
}
