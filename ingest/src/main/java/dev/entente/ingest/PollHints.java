package dev.entente.ingest;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndFeed;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a feed says it may be polled: RSS {@code <ttl>} (minutes) or the syndication module's
 * {@code sy:updatePeriod} / {@code sy:updateFrequency} (e.g. hourly, twice). The longer of the two
 * wins. Ingest uses it as a lower bound on a feed's configured interval, capped at
 * {@link #MAX_HINT} so that a silly value cannot silence a feed for weeks.
 */
public final class PollHints {

    public static final Duration MAX_HINT = Duration.ofDays(1);

    private PollHints() {}

    public static Optional<Duration> minimumInterval(SyndFeed feed) {
        Optional<Duration> ttl = ttl(feed.originalWireFeed());
        Optional<Duration> sy = syndication(feed.getModule(SyModule.URI));
        Optional<Duration> longest = ttl.isPresent() && sy.isPresent()
                ? Optional.of(ttl.get().compareTo(sy.get()) >= 0 ? ttl.get() : sy.get())
                : ttl.or(() -> sy);
        return longest.map(d -> d.compareTo(MAX_HINT) > 0 ? MAX_HINT : d);
    }

    private static Optional<Duration> ttl(WireFeed wire) {
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            return Optional.of(Duration.ofMinutes(channel.getTtl()));
        }
        return Optional.empty();
    }

    private static Optional<Duration> syndication(Module module) {
        if (!(module instanceof SyModule sy) || sy.getUpdatePeriod() == null) {
            return Optional.empty();
        }
        Duration period = switch (sy.getUpdatePeriod().strip().toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(30);
            case "yearly" -> Duration.ofDays(365);
            default -> null;
        };
        if (period == null) {
            return Optional.empty();
        }
        int frequency = Math.max(1, sy.getUpdateFrequency());
        return Optional.of(period.dividedBy(frequency));
    }
}
