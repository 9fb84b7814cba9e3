package dev.entente.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that talk to Kafka. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see README).")
    Path file;

    /** The configuration file's contents, or the defaults, with environment overrides applied. */
    EntenteConfig load() {
        ConfigLoader loader = new ConfigLoader(System.getenv());
        return file == null ? loader.defaults() : loader.load(file);
    }
}
