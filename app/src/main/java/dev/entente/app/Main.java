package dev.entente.app;

import dev.entente.app.EmbeddedKafka.EmbeddedKafkaException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code entente} command line: see CONTRACTS.md for every command and its exit status. */
@Command(
        name = "entente",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "News feeds to live, queryable signals of military cooperation between countries, on Kafka.",
        subcommands = {
            RunCommand.class,
            ServiceCommand.Ingest.class,
            ServiceCommand.Enrich.class,
            ServiceCommand.Aggregate.class,
            TailCommand.class,
            ExtractCommand.class,
            CheckFeedCommand.class
        })
public final class Main implements Runnable {

    /** Bad input or configuration (CONTRACTS.md). */
    public static final int EXIT_BAD_INPUT = 2;
    /** An unexpected failure (CONTRACTS.md). */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handle);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ConfigException || e instanceof EmbeddedKafkaException) {
            err.println("entente " + cli.getCommandName() + ": " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("entente " + cli.getCommandName() + ": unexpected failure: " + e);
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("unexpected failure", e);
        return EXIT_FAILURE;
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"entente " + (version == null ? "development" : version)};
        }
    }
}
