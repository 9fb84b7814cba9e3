package dev.entente.aggregate;

import java.util.Objects;

/** A pair with its counts over a whole query window; one row of the top-pairs answer. */
public record PairTotal(String pair, long mentions, long articles) {

    public PairTotal {
        Objects.requireNonNull(pair, "pair");
    }

    public static PairTotal of(String pair, PairCounts counts) {
        return new PairTotal(pair, counts.mentions(), counts.articles());
    }

    /** Whether one of the pair's two countries is {@code country} (an upper-case alpha-2 code). */
    public boolean involves(String country) {
        int dash = pair.indexOf('-');
        return pair.substring(0, dash).equals(country) || pair.substring(dash + 1).equals(country);
    }
}
