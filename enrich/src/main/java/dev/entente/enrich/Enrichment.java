package dev.entente.enrich;

import dev.entente.enrich.candidates.Candidate;
import dev.entente.schemas.Entity;
import dev.entente.schemas.Event;
import dev.entente.schemas.PairMention;
import java.util.List;

/**
 * What {@link Enricher} found in one article.
 *
 * @param entities every country mention, in order of sentence and position
 * @param events every event trigger, in order of sentence and position
 * @param pairMentions one per (pair, sentence) asserting military cooperation
 * @param cooperationPairs the distinct pairs of {@code pairMentions}, sorted
 * @param candidates every candidate pair the scorer weighed, kept or dropped, with its confidence and evidence
 */
public record Enrichment(List<Entity> entities, List<Event> events, List<PairMention> pairMentions,
        List<String> cooperationPairs, List<Candidate> candidates) {

    public Enrichment {
        entities = List.copyOf(entities);
        events = List.copyOf(events);
        pairMentions = List.copyOf(pairMentions);
        cooperationPairs = List.copyOf(cooperationPairs);
        candidates = List.copyOf(candidates);
    }
}
