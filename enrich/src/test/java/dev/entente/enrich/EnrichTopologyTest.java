package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.DeadLetterHandlers;
import dev.entente.schemas.DeadLetters;
import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {

    private static final Instant FETCHED = Instant.parse("2025-03-01T12:00:00Z");
    private static final Enricher ENRICHER = Enricher.fromResources();

    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestInputTopic<String, byte[]> rawBytes;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    private void start(Topology topology) {
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // TopologyTestDriver (4.4.0) drops the dead letters the deserialization handler returns when
        // exactly-once is on (the processing handler's get through); the guarantee changes nothing
        // else that these tests look at.
        base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        base.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/entente-enrich-test");
        driver = new TopologyTestDriver(topology, EnrichTopology.streamsConfig(base), FETCHED);
        raw = driver.createInputTopic(Topics.RAW.name(), Topics.RAW.keySerde().serializer(), Topics.RAW.valueSerde().serializer());
        rawBytes = driver.createInputTopic(Topics.RAW.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        enriched = driver.createOutputTopic(Topics.ENRICHED.name(), Topics.ENRICHED.keySerde().deserializer(),
                Topics.ENRICHED.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), Topics.DEAD_LETTER.keySerde().deserializer(),
                Topics.DEAD_LETTER.valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private static RawArticle article(String id, Instant publishedAt, String title, String summary, String content) {
        return RawArticle.newBuilder()
                .setId(id)
                .setFeedId("world-news")
                .setLink("https://example.org/" + id)
                .setTitle(title)
                .setSummary(summary)
                .setContent(content)
                .setPublishedAt(publishedAt)
                .setFetchedAt(FETCHED)
                .build();
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void enrichesAnArticleWithItsCooperatingPairsAndPublicationTime() {
        start(EnrichTopology.buildTopology(ENRICHER));
        Instant published = FETCHED.minus(Duration.ofMinutes(30));
        raw.pipeInput("a1", article("a1", published, "Russia and North Korea sign mutual defence pact",
                "The pact was signed in Pyongyang.", "France will supply Ukraine with tanks, officials said."));

        TestRecord<String, EnrichedArticle> record = enriched.readRecord();
        EnrichedArticle article = record.value();
        assertThat(record.key()).isEqualTo("a1");
        assertThat(article.getId()).isEqualTo("a1");
        assertThat(article.getFeedId()).isEqualTo("world-news");
        assertThat(article.getLink()).isEqualTo("https://example.org/a1");
        assertThat(article.getTitle()).isEqualTo("Russia and North Korea sign mutual defence pact");
        assertThat(article.getEventTime()).isEqualTo(published);
        assertThat(article.getCooperationPairs()).containsExactly("FR-UA", "KP-RU");
        assertThat(article.getPairMentions()).extracting(m -> m.getPair() + "@" + m.getSentence())
                .containsExactly("KP-RU@0", "FR-UA@2");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void enrichesAnArticleOnceWhenIngestSendsItAgain() {
        start(EnrichTopology.buildTopology(ENRICHER));
        RawArticle pact = article("a1", FETCHED, "Russia and North Korea sign mutual defence pact", "", "");

        raw.pipeInput("a1", pact);
        raw.pipeInput("a1", pact);
        raw.pipeInput("a2", article("a2", FETCHED, "France to send tanks to Ukraine", "", ""));

        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a1", "a2");
        assertThat(driver.<String, Long>getKeyValueStore(EnrichTopology.SEEN_ARTICLES_STORE).get("a1")).isNotNull();
    }

    @Test
    void carriesSubtypesActorsOffsetsAndTheDictionaryVersion() {
        start(EnrichTopology.buildTopology(ENRICHER));
        raw.pipeInput("a1", article("a1", FETCHED, "Russia and North Korea sign mutual defence pact", "", ""));

        EnrichedArticle article = enriched.readValue();
        assertThat(article.getDictionaryVersion()).isEqualTo(ENRICHER.dictionaryVersion());
        assertThat(article.getEvents()).extracting(e -> e.getSubtype() + " " + e.getCameo() + " " + e.getActors())
                .containsExactly("treaty-alliance 057 [KP, RU]");
        assertThat(article.getEntities()).extracting(e -> e.getText() + "@" + e.getStart() + "-" + e.getEnd())
                .containsExactly("Russia@0-6", "North Korea@11-22");
    }

    @Test
    void readsLeadersWithTheTermsOfOfficeOfThePublicationDate() {
        start(EnrichTopology.buildTopology(ENRICHER));
        String text = "Trump and Putin agreed to expand military cooperation.";
        raw.pipeInput("old", article("old", Instant.parse("2022-05-10T08:00:00Z"), "", "", text));
        raw.pipeInput("new", article("new", FETCHED.minus(Duration.ofDays(1)), "", "", text));

        assertThat(enriched.readValue().getCooperationPairs()).isEmpty();
        assertThat(enriched.readValue().getCooperationPairs()).containsExactly("RU-US");
    }

    @Test
    void usesTheFetchTimeWhenThePublicationTimeIsMissing() {
        start(EnrichTopology.buildTopology(ENRICHER));
        raw.pipeInput("a2", article("a2", null, "No date", "", ""));
        assertThat(enriched.readValue().getEventTime()).isEqualTo(FETCHED);
    }

    @Test
    void usesTheFetchTimeWhenThePublicationTimeIsMoreThanAnHourAhead() {
        start(EnrichTopology.buildTopology(ENRICHER));
        raw.pipeInput("a3", article("a3", FETCHED.plus(EnrichTopology.MAX_FUTURE_PUBLICATION).plusSeconds(1), "Ahead", "", ""));
        raw.pipeInput("a4", article("a4", FETCHED.plus(EnrichTopology.MAX_FUTURE_PUBLICATION), "Just within", "", ""));
        assertThat(enriched.readValue().getEventTime()).isEqualTo(FETCHED);
        assertThat(enriched.readValue().getEventTime()).isEqualTo(FETCHED.plus(EnrichTopology.MAX_FUTURE_PUBLICATION));
    }

    @Test
    void sendsAnUnreadableValueToTheDeadLetterTopicAndKeepsGoing() {
        start(EnrichTopology.buildTopology(ENRICHER));
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        rawBytes.pipeInput("bad", garbage);
        raw.pipeInput("good", article("good", FETCHED, "Japan and Australia hold joint drills", "", ""));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RAW.name());
        assertThat(header(dead.headers(), DeadLetters.SOURCE_POSITION)).isEqualTo("0/0");
        assertThat(header(dead.headers(), DeadLetters.STAGE))
                .isEqualTo(EnrichTopology.APPLICATION_ID + "/" + DeadLetterHandlers.DESERIALIZE_STAGE);
        assertThat(header(dead.headers(), DeadLetters.ERROR)).contains("RawArticle");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(enriched.readValue().getCooperationPairs()).containsExactly("AU-JP");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void sendsAnArticleTheEnricherFailsOnToTheDeadLetterTopicAndKeepsGoing() {
        start(EnrichTopology.buildTopology(article -> {
            if (article.getId().equals("poison")) {
                throw new IllegalStateException("cannot enrich this one");
            }
            return EnrichTopology.enrichArticle(article, ENRICHER);
        }));
        RawArticle poison = article("poison", FETCHED, "Poison", "", "");
        raw.pipeInput("poison", poison);
        raw.pipeInput("fine", article("fine", FETCHED, "Fine", "", ""));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(dead.value()).isEqualTo(Topics.RAW.valueSerde().serializer().serialize(Topics.RAW.name(), poison));
        assertThat(header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RAW.name());
        assertThat(header(dead.headers(), DeadLetters.SOURCE_POSITION)).isEqualTo("0/0");
        assertThat(header(dead.headers(), DeadLetters.STAGE))
                .isEqualTo(EnrichTopology.APPLICATION_ID + "/" + EnrichTopology.ENRICH);
        assertThat(header(dead.headers(), DeadLetters.ERROR)).isEqualTo("IllegalStateException: cannot enrich this one");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(enriched.readValue().getId()).isEqualTo("fine");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void leavesOutTheSummaryWhenTheContentRepeatsIt() {
        RawArticle article = article("x", FETCHED, "T", "First paragraph.", "First paragraph.\n\nSecond paragraph.");
        assertThat(EnrichTopology.body(article)).isEqualTo("First paragraph.\n\nSecond paragraph.");
        assertThat(EnrichTopology.body(article("y", FETCHED, "T", "Summary.", "Content."))).isEqualTo("Summary.\n\nContent.");
        assertThat(EnrichTopology.body(article("z", FETCHED, "T", "", "Content."))).isEqualTo("Content.");
    }

    @Test
    void configuresNamingExactlyOnceAndDeadLettersButLetsTheCallerOverride() {
        Properties base = new Properties();
        base.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        Properties props = EnrichTopology.streamsConfig(base);
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo(EnrichTopology.APPLICATION_ID);
        assertThat(props.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo("true");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo(Topics.DEAD_LETTER.name());
        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isEqualTo("true");
        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandlers.Deserialization.class.getName());
        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandlers.Processing.class.getName());
        assertThat(EnrichTopology.streamsConfig(new Properties()).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void namesEveryProcessor() {
        String description = EnrichTopology.buildTopology(ENRICHER).describe().toString();
        assertThat(description).doesNotContain("KSTREAM-").contains(EnrichTopology.SOURCE, EnrichTopology.ENRICH,
                EnrichTopology.SINK);
    }
}
