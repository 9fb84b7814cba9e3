package dev.entente.aggregate;

import static dev.entente.aggregate.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPairQueriesTest {

    private static final Instant DAY_START = Instant.parse("2025-03-10T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant EARLY = DAY_START.plus(HOUR.multipliedBy(8));
    private static final Instant LATER = DAY_START.plus(HOUR.multipliedBy(13));
    private static final Instant NOW = DAY_START.plus(HOUR.multipliedBy(18)).plus(Duration.ofMinutes(30));
    private static final Instant TWO_DAYS_AGO = NOW.minus(Duration.ofDays(2));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private LocalPairQueries queries;

    @BeforeEach
    void countSomeArticles() {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        base.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                AggregateTopology.buildTopology(), AggregateTopology.streamsConfig(base), TWO_DAYS_AGO);
        TestInputTopic<String, EnrichedArticle> enriched = driver.createInputTopic(
                Topics.ENRICHED.name(), Topics.ENRICHED.keySerde().serializer(), Topics.ENRICHED.valueSerde().serializer());
        for (EnrichedArticle article : new EnrichedArticle[] {
            article("old", TWO_DAYS_AGO, "CN-RU", "CN-RU", "CN-RU", "CN-RU"),
            article("early", EARLY.plus(Duration.ofMinutes(5)), "KP-RU", "KP-RU"),
            article("later", LATER.plus(Duration.ofMinutes(5)), "KP-RU", "FR-UA"),
        }) {
            enriched.pipeInput(article.getId(), article);
        }
        queries = new LocalPairQueries(new PairStores() {
            @Override
            public ReadOnlyWindowStore<String, PairCounts> hourly() {
                return driver.getWindowStore(AggregateTopology.HOURLY_STORE);
            }

            @Override
            public ReadOnlyKeyValueStore<String, PairCounts> totals() {
                return driver.getKeyValueStore(AggregateTopology.TOTALS_STORE);
            }
        });
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void ranksPairsBySummingTheHourlyBucketsInsideARollingWindow() {
        assertThat(queries.top(Window.parse("24h"), 20, Optional.empty(), NOW))
                .containsExactly(new PairTotal("KP-RU", 3, 2), new PairTotal("FR-UA", 1, 1));
    }

    @Test
    void leavesOutBucketsThatStartBeforeTheWindow() {
        assertThat(queries.top(Window.parse("6h"), 20, Optional.empty(), NOW))
                .containsExactly(new PairTotal("FR-UA", 1, 1), new PairTotal("KP-RU", 1, 1));
    }

    @Test
    void ranksAllTimeTotalsForWindowAll() {
        assertThat(queries.top(Window.ALL, 20, Optional.empty(), NOW))
                .containsExactly(
                        new PairTotal("CN-RU", 4, 1), new PairTotal("KP-RU", 3, 2), new PairTotal("FR-UA", 1, 1));
    }

    @Test
    void appliesTheCountryFilterAndTheLimit() {
        assertThat(queries.top(Window.ALL, 1, Optional.of("RU"), NOW)).containsExactly(new PairTotal("CN-RU", 4, 1));
        assertThat(queries.top(Window.ALL, 20, Optional.of("UA"), NOW)).containsExactly(new PairTotal("FR-UA", 1, 1));
    }

    @Test
    void buildsAnHourlySeriesWithEmptyHoursAsZeros() {
        PairSeries series = queries.series("KP-RU", Window.parse("12h"), Bucket.HOUR, NOW);

        assertThat(series.pair()).isEqualTo("KP-RU");
        assertThat(series.from()).isEqualTo(NOW.minus(Duration.ofHours(12)));
        assertThat(series.to()).isEqualTo(NOW);
        assertThat(series.mentions()).isEqualTo(3);
        assertThat(series.articles()).isEqualTo(2);
        assertThat(series.series()).hasSize(13);
        assertThat(series.series().get(0).start()).isEqualTo(DAY_START.plus(HOUR.multipliedBy(6)));
        assertThat(series.series()).contains(
                new SeriesPoint(EARLY, 2, 1), new SeriesPoint(LATER, 1, 1), new SeriesPoint(EARLY.plus(HOUR), 0, 0));
        assertThat(series.series().get(12).start()).isEqualTo(DAY_START.plus(HOUR.multipliedBy(18)));
    }

    @Test
    void buildsADailySeriesAlignedToUtcDays() {
        PairSeries series = queries.series("CN-RU", Window.parse("3d"), Bucket.DAY, NOW);

        assertThat(series.series()).containsExactly(
                new SeriesPoint(DAY_START.minus(Duration.ofDays(3)), 0, 0),
                new SeriesPoint(DAY_START.minus(Duration.ofDays(2)), 4, 1),
                new SeriesPoint(DAY_START.minus(Duration.ofDays(1)), 0, 0),
                new SeriesPoint(DAY_START, 0, 0));
        assertThat(series.mentions()).isEqualTo(4);
    }

    @Test
    void answersAnUnsortedPairAsItsSortedForm() {
        assertThat(queries.series("RU-KP", Window.parse("24h"), Bucket.DAY, NOW).pair()).isEqualTo("KP-RU");
    }

    @Test
    void answersZerosForAPairWithoutData() {
        PairSeries series = queries.series("DE-FR", Window.parse("2d"), Bucket.DAY, NOW);

        assertThat(series.mentions()).isZero();
        assertThat(series.articles()).isZero();
        assertThat(series.series()).allSatisfy(point -> assertThat(point.mentions()).isZero());
    }

    @Test
    void takesAllTimeTotalsFromTheTotalsStoreAndStartsTheSeriesAtTheFirstData() {
        PairSeries series = queries.series("KP-RU", Window.ALL, Bucket.DAY, NOW);

        assertThat(series.from()).isEqualTo(Instant.EPOCH);
        assertThat(series.mentions()).isEqualTo(3);
        assertThat(series.series()).containsExactly(new SeriesPoint(DAY_START, 3, 2));
        assertThat(queries.series("DE-FR", Window.ALL, Bucket.DAY, NOW).series()).isEmpty();
    }

    @Test
    void refusesASeriesWithMoreThanTenThousandPoints() {
        assertThatThrownBy(() -> queries.series("KP-RU", Window.parse("500d"), Bucket.HOUR, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 10000");
    }
}
