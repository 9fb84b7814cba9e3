package dev.entente.aggregate;

/**
 * How often a country pair was mentioned: {@code mentions} counts sentences asserting cooperation,
 * {@code articles} counts distinct articles with at least one such sentence. Both are never negative.
 */
public record PairCounts(long mentions, long articles) {

    public static final PairCounts ZERO = new PairCounts(0, 0);

    public PairCounts {
        if (mentions < 0 || articles < 0) {
            throw new IllegalArgumentException(
                    "counts cannot be negative, got mentions=" + mentions + " articles=" + articles);
        }
    }

    /** The element-wise sum of both counts. */
    public PairCounts add(PairCounts other) {
        return new PairCounts(
                Math.addExact(mentions, other.mentions), Math.addExact(articles, other.articles));
    }
}
