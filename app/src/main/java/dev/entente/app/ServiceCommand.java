package dev.entente.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One stage against an existing Kafka cluster (or the embedded broker of a running {@code run});
 * start as many instances of each as the load needs.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "YAML configuration (see README).")
    java.nio.file.Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    abstract Pipeline.Stage stage();

    /** The endpoint to show the user: pairs where they are counted, feed health where feeds are polled. */
    String apiPath() {
        return stage() == Pipeline.Stage.INGEST ? Pipeline.FEEDS_PATH : "/api/v1/pairs";
    }

    @Override
    public Integer call() throws InterruptedException {
        EntenteConfig cfg = new ConfigLoader(System.getenv()).load(configFile);
        Pipeline pipeline = Pipeline.start(cfg, EnumSet.of(stage()), false, Clock.systemUTC()).closeOnJvmShutdown();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Entente " + stage().name().toLowerCase(java.util.Locale.ROOT) + " is running against "
                + cfg.effectiveBootstrapServers()
                + pipeline.apiAddress().map(a -> ". API: " + a.resolve(apiPath())).orElse("") + " (Ctrl-C to stop)");
        out.flush();
        return pipeline.awaitExitStatus(spec.commandLine().getErr(), spec.name());
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Polls the configured feeds and writes each new item once to news.raw.")
    static final class Ingest extends ServiceCommand {
        @Override
        Pipeline.Stage stage() {
            return Pipeline.Stage.INGEST;
        }
    }

    @Command(name = "enrich", mixinStandardHelpOptions = true,
            description = "Tags entities and events in news.raw and writes news.enriched.")
    static final class Enrich extends ServiceCommand {
        @Override
        Pipeline.Stage stage() {
            return Pipeline.Stage.ENRICH;
        }
    }

    @Command(name = "aggregate", mixinStandardHelpOptions = true,
            description = "Counts military-cooperation mentions per country pair and serves the HTTP API.")
    static final class Aggregate extends ServiceCommand {
        @Override
        Pipeline.Stage stage() {
            return Pipeline.Stage.AGGREGATE;
        }
    }
}
