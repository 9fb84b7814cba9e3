package dev.entente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.entente.ingest.FeedSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void readsEverySectionOfTheContractExample() {
        EntenteConfig config = loader.parse("""
                kafka:
                  bootstrap.servers: localhost:9092
                embedded:
                  port: 9093
                  dataDir: /tmp/entente/kafka
                api:
                  bind: 0.0.0.0
                  port: 8081
                streams:
                  state.dir: /tmp/entente/state
                  num.stream.threads: 2
                feeds:
                  - id: world-news
                    url: https://example.org/world/rss.xml
                    interval: 30s
                    enabled: false
                """, "entente.yml");

        assertThat(config.bootstrapServers()).contains("localhost:9092");
        assertThat(config.embedded()).isEqualTo(new EntenteConfig.Embedded(9093, Path.of("/tmp/entente/kafka")));
        assertThat(config.api()).isEqualTo(new EntenteConfig.Api("0.0.0.0", 8081));
        assertThat(config.streams()).containsEntry("num.stream.threads", "2");
        assertThat(config.feeds()).containsExactly(
                new FeedSpec("world-news", URI.create("https://example.org/world/rss.xml"), Duration.ofSeconds(30), false));
    }

    @Test
    void appliesDefaultsWhenSectionsAreMissing() {
        EntenteConfig config = loader.parse("feeds:\n  - id: a\n    url: file:///tmp/a.xml\n", "entente.yml");

        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.effectiveBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.api()).isEqualTo(new EntenteConfig.Api("127.0.0.1", 8080));
        assertThat(config.embedded().dataDir()).isEqualTo(Path.of("data", "kafka"));
        assertThat(config.streamsProperties().getProperty("state.dir")).isEqualTo(Path.of("data", "state").toString());
        assertThat(config.feeds().get(0).interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.feeds().get(0).enabled()).isTrue();
    }

    @Test
    void environmentOverridesTheFile() {
        ConfigLoader withEnv = new ConfigLoader(Map.of("ENTENTE_KAFKA_BOOTSTRAP_SERVERS", "broker:29092", "ENTENTE_API_PORT", "9999"));

        EntenteConfig config = withEnv.parse("kafka:\n  bootstrap.servers: localhost:9092\napi:\n  port: 8080\n", "entente.yml");

        assertThat(config.bootstrapServers()).contains("broker:29092");
        assertThat(config.api().port()).isEqualTo(9999);
    }

    @Test
    void namesTheFieldOfABadInterval() {
        assertThatThrownBy(() -> loader.parse("feeds:\n  - id: a\n    url: file:///a.xml\n    interval: 5 minutes\n", "entente.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("entente.yml:4: feeds[0].interval: '5 minutes' is not a duration like 30s, 5m, 1h or 1d");
    }

    @Test
    void rejectsDuplicateFeedIds() {
        assertThatThrownBy(() -> loader.parse("""
                feeds:
                  - {id: a, url: "file:///a.xml"}
                  - {id: a, url: "file:///b.xml"}
                """, "entente.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feeds[1].id")
                .hasMessageContaining("unique");
    }

    @Test
    void rejectsAFeedWithoutUrl() {
        assertThatThrownBy(() -> loader.parse("feeds:\n  - id: a\n", "entente.yml"))
                .hasMessage("entente.yml:2: feeds[0].url: is required");
    }

    @Test
    void rejectsUnknownKeysSoTyposDoNotPassSilently() {
        assertThatThrownBy(() -> loader.parse("feeds:\n  - id: a\n    url: file:///a.xml\n    intervall: 5m\n", "entente.yml"))
                .hasMessageContaining("feeds[0].intervall: unknown key");
        assertThatThrownBy(() -> loader.parse("feed: []\n", "entente.yml"))
                .hasMessageContaining("feed: unknown section");
    }

    @Test
    void reportsTheLineOfBrokenYaml() {
        assertThatThrownBy(() -> loader.parse("feeds:\n  - id: a\n   url: [\n", "entente.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("entente.yml: not valid YAML at line");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> loader.parse("api:\n  port: 70000\n", "entente.yml"))
                .hasMessage("entente.yml:2: api.port: '70000' is not a port (0 to 65535)");
    }
}
