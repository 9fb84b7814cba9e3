package dev.entente.aggregate;

import java.time.Instant;
import java.util.Objects;

/** A pair's counts in one series bucket starting at {@code start} (UTC hour or day). */
public record SeriesPoint(Instant start, long mentions, long articles) {

    public SeriesPoint {
        Objects.requireNonNull(start, "start");
    }
}
