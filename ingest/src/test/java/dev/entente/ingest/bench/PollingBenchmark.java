package dev.entente.ingest.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.entente.ingest.FeedReader;
import dev.entente.ingest.FeedSpec;
import dev.entente.ingest.FeedStatus;
import dev.entente.ingest.FetchResult;
import dev.entente.ingest.HttpFeedFetcher;
import dev.entente.ingest.IngestService;
import dev.entente.ingest.RawArticleSerializer;
import dev.entente.schemas.RawArticle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * CPU cost of keeping many mostly-unchanged feeds polled: {@code feeds} feeds on {@code hosts}
 * loopback addresses ({@link LoopbackFeedServer}, in a child process so that its CPU is not
 * counted), each polled every {@code interval} by a real {@link IngestService} with the default
 * limits, a real {@link HttpFeedFetcher} (conditional GET) and the standard {@link FeedReader}.
 * The producer is Kafka's in-memory {@link MockProducer}: the broker is not what is measured here,
 * and the few changed feeds send one item each.
 *
 * <p>The run: the process's CPU time is measured while idle (before ingest starts), then ingest
 * starts and every feed is fetched once in full (the first poll has no ETag); once all have, and one
 * more interval has passed (JIT warm-up), the process CPU time ({@code getProcessCpuTime}: every
 * thread, including GC and JIT) over {@code measure} is divided by the wall time. Since CPU per
 * poll does not depend on the interval, the share at a 5-minute cycle is the idle share plus the
 * polling share scaled by {@code interval / 5 min}; both are printed, with the peak thread count.
 *
 * <p>Arguments (all optional): feeds hosts intervalSeconds measureSeconds changeRate.
 */
public final class PollingBenchmark {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private PollingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Duration interval = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
        Duration measure = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
        double changeRate = args.length > 4 ? Double.parseDouble(args[4]) : 0.02;
        PrintStream out = System.out;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        Process server = startServer(hosts, feeds, changeRate);
        try {
            int port = portOf(server);
            List<FeedSpec> specs = new ArrayList<>();
            for (int i = 0; i < feeds; i++) {
                URI url = URI.create("http://127.0.0." + (1 + i % hosts) + ":" + port + "/feed/" + i);
                specs.add(new FeedSpec("feed-" + i, url, interval, true));
            }
            AtomicLong notModified = new AtomicLong();
            AtomicLong full = new AtomicLong();
            HttpFeedFetcher http = new HttpFeedFetcher();
            FeedReader reader = new FeedReader((url, validators) -> {
                FetchResult result = http.fetch(url, validators);
                (result.notModified() ? notModified : full).incrementAndGet();
                return result;
            });
            MockProducer<String, RawArticle> producer =
                    new MockProducer<>(true, null, new StringSerializer(), new RawArticleSerializer());

            Duration idle = Duration.ofSeconds(10);
            long idleCpu = cpuOver(os, idle);
            double idleShare = idleCpu / (double) idle.toNanos();

            try (IngestService ingest = new IngestService(specs, producer, reader, Clock.systemUTC())) {
                long started = System.nanoTime();
                ingest.start();
                long deadline = started + interval.multipliedBy(4).toNanos();
                while (ingest.statuses().stream().map(FeedStatus::lastSuccess).anyMatch(s -> s == null)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("not every feed was read within " + interval.multipliedBy(4));
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
                out.printf("first full poll of %d feeds took %.1f s%n", feeds, (System.nanoTime() - started) / 1e9);
                TimeUnit.NANOSECONDS.sleep(interval.toNanos());

                int peakFirstPoll = threads.getPeakThreadCount();
                threads.resetPeakThreadCount();
                long polls304 = notModified.get();
                long polls200 = full.get();
                long items = producer.history().size();
                long cpuStart = os.getProcessCpuTime();
                long wallStart = System.nanoTime();
                TimeUnit.NANOSECONDS.sleep(measure.toNanos());
                long cpu = os.getProcessCpuTime() - cpuStart;
                long wall = System.nanoTime() - wallStart;
                polls304 = notModified.get() - polls304;
                polls200 = full.get() - polls200;
                items = producer.history().size() - items;

                double share = cpu / (double) wall;
                long polls = polls304 + polls200;
                double pollingShare = Math.max(0, share - idleShare);
                double scaled = idleShare + pollingShare * interval.toNanos() / FIVE_MINUTES.toNanos();
                out.printf("feeds %d on %d loopback hosts, interval %d s, change rate %.3f, measured over %.1f s%n",
                        feeds, hosts, interval.toSeconds(), changeRate, wall / 1e9);
                out.printf("polls %d (%d x 304, %d x 200), %.1f polls/s, %d items sent%n",
                        polls, polls304, polls200, polls / (wall / 1e9), items);
                out.printf("idle process CPU            %6.2f %% of one core%n", 100 * idleShare);
                out.printf("process CPU while polling   %6.2f %% of one core (%.3f ms CPU per poll above idle)%n",
                        100 * share, polls == 0 ? 0 : pollingShare * wall / 1e6 / polls);
                out.printf("projected at a 5-min cycle  %6.2f %% of one core%n", 100 * scaled);
                out.printf("threads: peak %d from JVM start through the first full poll, peak %d while measuring%n",
                        peakFirstPoll, threads.getPeakThreadCount());
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroy();
            }
        }
    }

    private static long cpuOver(OperatingSystemMXBean os, Duration window) throws InterruptedException {
        long start = os.getProcessCpuTime();
        TimeUnit.NANOSECONDS.sleep(window.toNanos());
        return os.getProcessCpuTime() - start;
    }

    private static Process startServer(int hosts, int feeds, double changeRate) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoopbackFeedServer.class.getName(), Integer.toString(hosts), Integer.toString(feeds),
                Double.toString(changeRate), "42")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int portOf(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (line == null || !line.startsWith("port ")) {
            throw new IllegalStateException("the feed server did not start: " + line);
        }
        return Integer.parseInt(line.substring("port ".length()).strip());
    }
}
