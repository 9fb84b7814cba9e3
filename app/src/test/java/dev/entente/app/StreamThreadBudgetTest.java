package dev.entente.app;

import static dev.entente.app.TestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault that keeps coming back must stop {@code run}, not loop forever: a stream thread that dies is
 * replaced three times, and the fourth death ends the process with exit status 1 and an error line.
 * The fault is injected through the configuration only, as a user could: a timestamp extractor that
 * throws on every record, named in {@code streams:}, kills the enrich stream's thread on the first
 * article each time.
 */
@Tag("slow")
class StreamThreadBudgetTest {

    private static final long DEADLINE_SECONDS = 180;
    /** Where the run's output stays after the test, for a look when it fails. */
    private static final Path LOGS = Path.of("target", "stream-thread-budget");

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Fails every record it is asked about, as a corrupt dependency or a bug would. */
    public static final class FailingTimestampExtractor implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            throw new IllegalStateException("injected fault in the timestamp extractor");
        }
    }

    @Test
    void replacesADeadStreamThreadThreeTimesThenExitsWithStatusOne() throws Exception {
        Path feed = dir.resolve("feed.xml");
        Files.writeString(feed, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>One</title><link>https://budget.test.invalid/</link>
                <description>One article</description>
                <item><title>Pact</title><link>https://budget.test.invalid/1</link>
                <description>France and Ukraine signed a defence agreement.</description></item>
                </channel></rss>
                """, StandardCharsets.UTF_8);
        Path config = dir.resolve("entente.yml");
        Files.writeString(config, """
                embedded:
                  port: %d
                  dataDir: %s
                api:
                  port: %d
                streams:
                  default.timestamp.extractor: %s
                feeds:
                  - id: one
                    url: %s
                    interval: 1s
                """.formatted(freePort(), dir.resolve("kafka"), freePort(), FailingTimestampExtractor.class.getName(),
                feed.toUri()));
        Files.createDirectories(LOGS);
        Path output = LOGS.resolve("run.log");
        process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("run exits by itself").isTrue();
        String log = Files.readString(output);
        assertThat(process.exitValue()).as(log).isEqualTo(1);
        assertThat(log)
                .contains("a stream thread died and is replaced (1 of 3)")
                .contains("a stream thread died and is replaced (2 of 3)")
                .contains("a stream thread died and is replaced (3 of 3)")
                .contains("entente run: entente-enrich stopped after 3 stream thread failures");
        assertThat(log).doesNotContain("(4 of 3)");
    }
}
