package dev.entente.aggregate;

import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.PairMention;
import dev.entente.schemas.Pairs;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one article adds to each pair it mentions: {@code mentions} is the number of its
 * {@link PairMention}s for the pair (one per sentence), {@code articles} is 1.
 *
 * <p>Pairs are re-read with {@link Pairs#parse} so that an unsorted pair ({@code RU-KP}) counts
 * for its sorted form and a malformed one is rejected rather than creating a bogus key.
 */
public final class ArticleContribution {

    private ArticleContribution() {}

    /**
     * @return the counts per pair, sorted by pair; empty when the article mentions no pair
     * @throws IllegalArgumentException naming the article when a mention's pair is malformed
     */
    public static SortedMap<String, PairCounts> of(EnrichedArticle article) {
        SortedMap<String, Long> mentionsPerPair = new TreeMap<>();
        for (PairMention mention : article.getPairMentions()) {
            String pair;
            try {
                pair = Pairs.parse(mention.getPair());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "article " + article.getId() + " has a bad pair mention: " + e.getMessage(), e);
            }
            mentionsPerPair.merge(pair, 1L, Long::sum);
        }
        SortedMap<String, PairCounts> contribution = new TreeMap<>();
        for (Map.Entry<String, Long> entry : mentionsPerPair.entrySet()) {
            contribution.put(entry.getKey(), new PairCounts(entry.getValue(), 1));
        }
        return Collections.unmodifiableSortedMap(contribution);
    }
}
