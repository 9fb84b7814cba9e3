package dev.entente.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run}: every stage and the HTTP API in one process, on the embedded broker when none is configured. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs ingest, enrich, aggregate and the HTTP API in one process.",
            "Without kafka.bootstrap.servers it starts a Kafka broker in-process, keeping its data under embedded.dataDir.",
            "Without --config it polls the bundled sample feeds."
        })
final class RunCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    @Mixin
    ConfigOption config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        EntenteConfig cfg = config.load();
        if (config.file == null) {
            cfg = cfg.withFeeds(SampleFeeds.install(SampleFeeds.DEFAULT_DIR));
        }
        PrintWriter out = spec.commandLine().getOut();
        Pipeline pipeline = Pipeline.start(cfg, EnumSet.allOf(Pipeline.Stage.class), cfg.bootstrapServers().isEmpty(),
                Clock.systemUTC()).closeOnJvmShutdown();

        awaitHealthy(pipeline);
        out.println("Entente is running. API: " + pipeline.apiAddress().orElseThrow().resolve("/api/v1/pairs")
                + " (Ctrl-C to stop)");
        out.flush();
        return pipeline.awaitExitStatus(spec.commandLine().getErr(), spec.name());
    }

    static void awaitHealthy(Pipeline pipeline) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!pipeline.healthy() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }
}
