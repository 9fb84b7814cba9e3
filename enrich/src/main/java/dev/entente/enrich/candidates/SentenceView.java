package dev.entente.enrich.candidates;

import dev.entente.enrich.knowledge.KnowledgeMention;
import java.util.List;
import java.util.Set;

/**
 * What the candidate finder and the features see of one sentence.
 *
 * @param index the sentence's number in the article (title first)
 * @param text the sentence
 * @param inTitle whether it is the title
 * @param actors its country actors in order of position, knowledge-implied ones included
 * @param triggers the subtypes of the cooperation triggers the lexicon found in it ({@code any} when it gives
 *     none), and the types of its neighbouring events after {@value #EVENT} ({@code event:criticism})
 * @param rulePairs the pairs the rule detector tied in it
 * @param datelined whether a dateline at its start named a place that is no actor
 * @param known the weapons, firms, exercises and pacts it names
 */
public record SentenceView(int index, String text, boolean inTitle, List<Actor> actors, List<String> triggers,
        Set<String> rulePairs, boolean datelined, List<KnowledgeMention> known) {

    /** The prefix of a neighbouring event's type among the triggers: it tells of the sentence, not of cooperation. */
    public static final String EVENT = "event:";

    public SentenceView {
        actors = List.copyOf(actors);
        triggers = List.copyOf(triggers);
        rulePairs = Set.copyOf(rulePairs);
        known = List.copyOf(known);
    }
}
