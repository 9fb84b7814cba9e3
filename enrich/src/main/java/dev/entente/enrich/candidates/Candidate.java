package dev.entente.enrich.candidates;

import java.util.List;

/**
 * A pair of countries that may be reported as cooperating militarily, with the evidence the scorer weighed.
 *
 * @param pair the contract's pair string, e.g. {@code FR-UA}
 * @param scope where the two countries stand: {@code sentence} (one sentence), {@code title-lead} (one in the
 *     title, the other in the first sentence of the body), {@code adjacent} (two neighbouring sentences) or
 *     {@code reference} (a sentence before the one whose reference, "the two countries", stands for them)
 * @param sentence the sentence the mention is counted in: its own, or the later of the two
 * @param first the actor named first
 * @param second the actor named second
 * @param features the scorer's features
 * @param confidence the scorer's probability that the pair is reported as cooperating, in [0, 1]; 0 until scored
 */
public record Candidate(String pair, String scope, int sentence, Actor first, Actor second, List<String> features,
        double confidence) {

    public Candidate {
        features = List.copyOf(features);
    }

    /** The same candidate as scored. */
    public Candidate scored(double probability) {
        return new Candidate(pair, scope, sentence, first, second, features, probability);
    }
}
