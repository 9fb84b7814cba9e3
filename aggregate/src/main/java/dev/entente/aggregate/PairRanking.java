package dev.entente.aggregate;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders pairs as the API contract requires: most mentions first, then most articles, then pair
 * name ascending so that ties always come out in the same order. Optionally keeps only the pairs
 * that involve one country, then cuts the list to {@code limit} rows.
 */
public final class PairRanking {

    /** The largest {@code limit} the API accepts. */
    public static final int MAX_LIMIT = 1000;

    public static final Comparator<PairTotal> ORDER = Comparator.comparingLong(PairTotal::mentions)
            .reversed()
            .thenComparing(Comparator.comparingLong(PairTotal::articles).reversed())
            .thenComparing(PairTotal::pair);

    private PairRanking() {}

    /**
     * @param country an upper-case ISO 3166-1 alpha-2 code; when present, only pairs including it
     * @throws IllegalArgumentException when {@code limit} is outside 1..{@value #MAX_LIMIT}
     */
    public static List<PairTotal> rank(Collection<PairTotal> totals, int limit, Optional<String> country) {
        requireValidLimit(limit);
        return totals.stream()
                .filter(total -> country.map(total::involves).orElse(true))
                .sorted(ORDER)
                .limit(limit)
                .toList();
    }

    public static void requireValidLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
