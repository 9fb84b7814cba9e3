package dev.entente.enrich;

import dev.entente.schemas.Entity;
import dev.entente.schemas.Event;
import dev.entente.schemas.PairMention;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Tags one article: its country mentions, its military-cooperation triggers and the country pairs
 * whose cooperation it asserts. The same code serves the enrich stream and the offline {@code extract}
 * command.
 *
 * <p>Contract: sentences are numbered from 0 over the title (one sentence of its own, when not blank)
 * and then the sentences of the body as {@link SentenceSplitter} finds them. Entities have type
 * {@code country} or {@code capital}, the ISO code as both id and country. Each pair gets one mention
 * per sentence, with the first trigger that tied it; {@code cooperationPairs} are the distinct pairs,
 * sorted. Thread-safe: it holds no mutable state.
 */
public final class Enricher {

    private final Gazetteer gazetteer;
    private final SentenceSplitter splitter;
    private final TriggerLexicon lexicon;
    private final CooperationDetector detector;

    public Enricher(Gazetteer gazetteer, SentenceSplitter splitter, TriggerLexicon lexicon, CooperationDetector detector) {
        this.gazetteer = Objects.requireNonNull(gazetteer, "gazetteer");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    /** The enricher over the bundled {@code countries.tsv} and {@code triggers.tsv}. */
    public static Enricher fromResources() {
        return new Enricher(Gazetteer.fromResources(), new SentenceSplitter(), TriggerLexicon.fromResources(),
                new CooperationDetector());
    }

    /**
     * Enriches one article.
     *
     * @param title the title, or null or blank when there is none
     * @param text the body in plain text, paragraphs separated by a blank line; null counts as empty
     */
    public Enrichment enrich(String title, String text) {
        List<String> sentences = new ArrayList<>();
        if (title != null && !title.isBlank()) {
            sentences.add(title.strip());
        }
        for (Sentence sentence : splitter.split(text == null ? "" : text)) {
            sentences.add(sentence.text());
        }
        List<Entity> entities = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<PairMention> mentions = new ArrayList<>();
        TreeSet<String> pairs = new TreeSet<>();
        for (int index = 0; index < sentences.size(); index++) {
            String sentence = sentences.get(index);
            List<CountryMention> countries = gazetteer.find(sentence);
            for (CountryMention mention : countries) {
                entities.add(new Entity(mention.type().label(), mention.code(), mention.text(), index, mention.code()));
            }
            TriggerLexicon.Scan scan = lexicon.scan(sentence);
            for (TriggerLexicon.Trigger trigger : scan.triggers()) {
                events.add(new Event(trigger.eventType(), trigger.text(), index));
            }
            for (CooperationDetector.CooperationPair pair : detector.detect(sentence, countries, scan)) {
                mentions.add(new PairMention(pair.pair(), index, pair.trigger()));
                pairs.add(pair.pair());
            }
        }
        return new Enrichment(entities, events, mentions, new ArrayList<>(pairs));
    }
}
