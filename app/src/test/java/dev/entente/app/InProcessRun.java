package dev.entente.app;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;

/**
 * What {@code run} starts (every stage, and the embedded broker when the configuration names no
 * {@code kafka.bootstrap.servers}), for benchmarks outside this package: {@link Pipeline} is
 * package-private and should stay so.
 */
public final class InProcessRun implements AutoCloseable {

    private final Pipeline pipeline;

    private InProcessRun(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static InProcessRun start(EntenteConfig config) {
        return new InProcessRun(Pipeline.start(config, EnumSet.allOf(Pipeline.Stage.class),
                config.bootstrapServers().isEmpty(), Clock.systemUTC()));
    }

    /** Whether every stream is RUNNING, as {@code /health} answers. */
    public boolean healthy() {
        return pipeline.healthy();
    }

    public URI apiAddress() {
        return pipeline.apiAddress().orElseThrow();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
