package dev.entente.app;

/** The configuration is invalid; the message names the file, the field and the problem in one line. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
