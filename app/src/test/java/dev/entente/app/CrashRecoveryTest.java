package dev.entente.app;

import static dev.entente.app.TestSupport.freePort;
import static dev.entente.app.TestSupport.get;
import static dev.entente.app.TestSupport.status;
import static dev.entente.app.TestSupport.writeConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills {@code run} with SIGKILL while it is working through a feed of generated articles, starts it
 * again on the same data, and checks that the final counts are exactly the expected ones: nothing
 * lost, nothing counted twice. Each run appends how long the restarted process took to answer again
 * to {@code target/crash-recovery/restart-times.tsv}.
 *
 * <p>The soak profile repeats the 40 % case ({@value #SOAK_RUNS_PROPERTY} times, 30 in
 * {@code mvn verify -Psoak -pl app}) to show that a restart never stalls.
 */
@Tag("slow")
class CrashRecoveryTest {

    private static final int ARTICLES = 2_000;
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);
    /** Pairs the generated articles assert, each written as "A and B signed a defence agreement". */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"Russia", "North Korea", "KP-RU"},
            new String[] {"France", "Ukraine", "FR-UA"},
            new String[] {"India", "Japan", "IN-JP"},
            new String[] {"Poland", "Lithuania", "LT-PL"},
            new String[] {"Egypt", "Saudi Arabia", "EG-SA"},
            new String[] {"Brazil", "Argentina", "AR-BR"},
            new String[] {"Kenya", "Ethiopia", "ET-KE"});

    /** Where the runs' output stays after the test, for a look when it fails. */
    private static final Path LOGS = Path.of("target", "crash-recovery");
    static final String SOAK_RUNS_PROPERTY = "entente.crash.soakRuns";

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** The kill points of the runs: 0 % and 40 %, or the soak's many runs at 40 %. */
    static IntStream killPoints() {
        int soakRuns = Integer.getInteger(SOAK_RUNS_PROPERTY, 0);
        return soakRuns > 0 ? IntStream.range(0, soakRuns).map(run -> 40) : IntStream.of(0, 40);
    }

    /** Kills when the API shows this share of the expected mentions, in per cent. */
    @ParameterizedTest(name = "[{index}] killed at {0}% of the counts")
    @MethodSource("killPoints")
    void countsExactlyOnceAfterAKillMidStream(int killAtPercent) throws Exception {
        Files.createDirectories(LOGS);
        Map<String, Long> expected = writeFeed(dir.resolve("feed.xml"));
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        int apiPort = freePort();
        Path config = writeConfig(dir, apiPort, "generated", dir.resolve("feed.xml").toUri().toString(), "1s");
        URI pairs = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/pairs?window=7d&limit=1000");

        process = startRun(config, "first");
        AtomicReference<Map<String, Long>> lastSeen = new AtomicReference<>(Map.of());
        await(lastSeen, () -> killAtPercent == 0
                ? status(URI.create("http://127.0.0.1:" + apiPort + "/health")) == 200
                : totalMentions(pairs) * 100 >= expectedTotal * killAtPercent);
        process.destroyForcibly().waitFor();

        long restarted = System.nanoTime();
        process = startRun(config, "second");
        AtomicReference<String> lastAnswer = new AtomicReference<>("no answer yet");
        // Counting again: the first answer that is higher than the restarted process's first answer
        // (its state restored), or that first answer itself when it is already complete.
        AtomicLong firstAnswer = new AtomicLong(-1);
        AtomicLong countingAgain = new AtomicLong(-1);
        await(lastAnswer, () -> {
            lastSeen.set(mentionsByPair(pairs));
            long total = lastSeen.get().values().stream().mapToLong(Long::longValue).sum();
            if (firstAnswer.get() < 0 && total > 0) {
                firstAnswer.set(total);
            }
            if (countingAgain.get() < 0 && firstAnswer.get() >= 0 && (total > firstAnswer.get() || total == expectedTotal)) {
                countingAgain.set(System.nanoTime());
            }
            lastAnswer.set("counts " + lastSeen.get() + ", " + answerOf(pairs) + ", /health "
                    + status(URI.create("http://127.0.0.1:" + apiPort + "/health")));
            return lastSeen.get().equals(expected);
        });
        recordRestartTimes(killAtPercent, firstAnswer.get(), expectedTotal, countingAgain.get() - restarted,
                System.nanoTime() - restarted);
        // Whatever was still in flight when the counts first matched must not push them past it.
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        assertThat(mentionsByPair(pairs)).isEqualTo(expected);
    }

    /**
     * Appends one line: kill point, mentions in the restarted process's first answer and in all, and
     * milliseconds from starting the second process to its first new count (or to its first answer,
     * when that is already complete) and to the exact counts.
     */
    private static void recordRestartTimes(int killAtPercent, long firstAnswer, long total, long countingNanos,
            long exactNanos) throws IOException {
        Path file = LOGS.resolve("restart-times.tsv");
        if (!Files.exists(file)) {
            Files.writeString(file, "killAtPercent\tfirstAnswer\ttotal\trestartToFirstNewCountMs\trestartToExactCountsMs\n");
        }
        Files.writeString(file, "%d\t%d\t%d\t%d\t%d%n".formatted(killAtPercent, firstAnswer, total,
                countingNanos / 1_000_000, exactNanos / 1_000_000), StandardOpenOption.APPEND);
    }

    /** The feed, and pair -> expected mentions (one sentence asserting cooperation per article). */
    private static Map<String, Long> writeFeed(Path file) throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        StringBuilder items = new StringBuilder();
        Instant base = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < ARTICLES; i++) {
            String[] pair = PAIRS.get(i % PAIRS.size());
            expected.merge(pair[2], 1L, Long::sum);
            String published = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    base.plus(Duration.ofSeconds(i * 30L)).atOffset(ZoneOffset.UTC));
            items.append("""
                    <item><title>Defence bulletin %d</title><link>https://crash.test.invalid/a/%d</link>
                    <pubDate>%s</pubDate>
                    <description>%s and %s signed a defence agreement on day %d. Officials gave no details.</description></item>
                    """.formatted(i, i, published, pair[0], pair[1], i));
        }
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Generated</title><link>https://crash.test.invalid/</link>
                <description>Generated for the crash recovery test.</description>
                %s</channel></rss>
                """.formatted(items), StandardCharsets.UTF_8);
        return expected;
    }

    private Process startRun(Path config, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile())
                .start();
    }

    /** The status and the start of the body of a pairs query, for a timeout's message. */
    private static String answerOf(URI pairs) {
        try {
            HttpResponse<String> response = get(pairs);
            String body = response.body();
            return "pairs " + response.statusCode() + " " + body.substring(0, Math.min(200, body.length()));
        } catch (IOException e) {
            return "pairs " + e;
        }
    }

    private static long totalMentions(URI pairs) {
        return mentionsByPair(pairs).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> mentionsByPair(URI pairs) {
        Map<String, Long> counts = new TreeMap<>();
        try {
            HttpResponse<String> response = get(pairs);
            if (response.statusCode() == 200) {
                for (JsonNode pair : AvroJson.MAPPER.readTree(response.body()).path("pairs")) {
                    counts.put(pair.path("pair").asText(), pair.path("mentions").asLong());
                }
            }
        } catch (IOException e) {
            // Not up yet, or going down: the caller polls again.
        }
        return counts;
    }

    /** Polls until the condition holds; a timeout reports {@code lastSeen}, e.g. the counts last read. */
    private void await(Object lastSeen, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("run exited early; see %s", LOGS.toAbsolutePath()).isTrue();
            if (Instant.now().isAfter(deadline)) {
                dumpThreads();
            }
            assertThat(Instant.now()).as("condition not met within %s; last seen %s; logs and thread dump in %s",
                    DEADLINE, lastSeen, LOGS.toAbsolutePath()).isBefore(deadline);
            LockSupport.parkNanos(POLL_PAUSE.toNanos());
        }
    }

    /** The threads of the running process, next to its log, for a timeout that is not understood yet. */
    private void dumpThreads() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve("threads-at-timeout.txt").toFile())
                    .start()
                    .waitFor();
        } catch (IOException e) {
            System.err.println("could not dump the threads of run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
