package dev.entente.enrich;

import dev.entente.enrich.candidates.Actor;
import dev.entente.enrich.candidates.Candidate;
import dev.entente.enrich.candidates.CandidateFinder;
import dev.entente.enrich.candidates.SentenceView;
import dev.entente.enrich.features.CueWords;
import dev.entente.enrich.gazetteer.CountryMention;
import dev.entente.enrich.gazetteer.EntityMention;
import dev.entente.enrich.gazetteer.Gazetteer;
import dev.entente.enrich.gazetteer.KeywordIndex;
import dev.entente.enrich.knowledge.Knowledge;
import dev.entente.enrich.knowledge.KnowledgeMention;
import dev.entente.enrich.rules.CooperationDetector;
import dev.entente.enrich.rules.NeighbourActors;
import dev.entente.enrich.rules.TriggerLexicon;
import dev.entente.enrich.scorer.PairScorer;
import dev.entente.enrich.text.Sentence;
import dev.entente.enrich.text.SentenceSplitter;
import dev.entente.schemas.Entity;
import dev.entente.schemas.Event;
import dev.entente.schemas.PairMention;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags one article: its entities, its event triggers with their subtypes, CAMEO codes and actors, and the
 * country pairs whose military cooperation it asserts. The same code serves the enrich stream and the
 * offline {@code extract} command.
 *
 * <p>Contract: sentences are numbered from 0 over the title (one sentence of its own, when not blank) and
 * then the sentences of the body as {@link SentenceSplitter} finds them. Entities are those of
 * {@link Gazetteer#match} read as of the article's date, with offsets relative to their sentence; places in
 * a dateline at the start of the body ({@code "SEOUL —"}, {@code "MOSCOW, June 22 (Reuters) -"}) are
 * entities of type {@code dateline} and never actors. An ambiguous form ("Korea", "Congo") becomes the one
 * candidate country the article names unambiguously elsewhere, else it stays {@code ambiguous} and acts for
 * no one. A reference such as "the two countries", "both nations", "the allies" or "either nation" stands
 * for the two countries named in the same sentence before it or, failing that, in the nearest of the two
 * sentences before that names exactly two (for the rules).
 *
 * <p>Pairs: {@link CandidateFinder} makes the candidate pairs of the article and their features, the relation
 * rules' pairs ({@link CooperationDetector}) among them, and {@link PairScorer} gives each its confidence. A
 * pair mention is the most confident candidate of a pair in a sentence that reaches {@link #minConfidence()},
 * with the trigger of the sentence's cooperation event that ties the pair (else any cooperation trigger of the
 * sentence, else the cue word that weighed most); a candidate read across sentences adds no mention when a
 * sentence names and asserts the pair. {@code cooperationPairs} are the distinct pairs of the mentions,
 * sorted; {@code candidates} are all, kept or not. The actors of a cooperation event are the countries the
 * rules tied to its trigger; those of a neighbouring event (criticism, sanctions...) are the country groups
 * around its trigger ({@link NeighbourActors}). Thread-safe: it holds no mutable state.
 */
public final class Enricher {

    /** The version of the bundled data as a whole; the digests of the files follow it in {@link #dictionaryVersion()}. */
    public static final String DATA_VERSION = "2026.2";

    private static final Pattern DATELINE = Pattern.compile(
            "^([A-Z][A-Z.'\\-]+(?: [A-Z][A-Z.'\\-]+){0,3})(?:, [^\\u2014\\u2013()]{1,40}?)?(?: \\([^)]{1,30}\\))? ?(?:\\u2014|\\u2013|--|-) ");

    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(?:[Tt]he two|[Bb]oth|[Ee]ither|[Nn]either)(?: (?:countries|country|nations|nation|sides|side|leaders|"
                    + "governments|government|militaries|neighbours|neighbors|allies|partners|states|capitals|presidents|"
                    + "navies|armies|air forces|armed forces|defence ministers|defense ministers|foreign ministers|"
                    + "prime ministers|ministers|defence chiefs|defense chiefs|army chiefs|military chiefs|chiefs|"
                    + "heads of state|heads of government))\\b|\\b[Tt]he allies\\b");

    private static final Pattern INTENT = Pattern.compile(
            "\\b(?:will|would|shall|plans?|planned|planning|agreed to|agree to|agrees to|pledged?|pledges|vowed?|vows|"
                    + "promised?|promises|seeks?|seeking|sought|considering|considers|proposed?|proposes|intends?|"
                    + "discuss(?:ed|es|ing)?|negotiat\\w*|talks on|ready to|prepared to|aims? to|set to)\\b");

    /** CAMEO codes of the subtypes (CAMEO 1.1b3); intent to cooperate militarily is 0312. */
    static final Map<String, String> CAMEO = Map.ofEntries(
            Map.entry("treaty-alliance", "057"),
            Map.entry("arms-transfer", "062"),
            Map.entry("training", "062"),
            Map.entry("joint-exercise", "062"),
            Map.entry("military-aid", "072"),
            Map.entry("defence-visit", "042"),
            Map.entry("intelligence-sharing", "064"),
            Map.entry("basing", "062"),
            Map.entry("defence-industry", "062"),
            Map.entry("military-cooperation", "062"),
            Map.entry("diplomatic-cooperation", "050"),
            Map.entry("economic-cooperation", "061"),
            Map.entry("criticism", "111"),
            Map.entry("threat", "130"),
            Map.entry("sanctions", "163"),
            Map.entry("armed-conflict", "190"));

    /** CAMEO code of an expressed intent to cooperate militarily. */
    static final String CAMEO_MILITARY_INTENT = "0312";

    /**
     * The text after normalisation: the stripped title (empty when none) and the body, each also normalised and
     * normalised then folded to lower case.
     */
    record Prepared(String title, String body, String normalizedTitle, String normalizedBody, String foldedTitle,
            String foldedBody) {}

    /**
     * The sentences of an article, title first, with the offset of each in the title or the body;
     * {@code firstBody} is the index of the body's first.
     */
    record Split(List<String> sentences, int[] offsets, int firstBody) {}

    /** What the gazetteer and the lexicon found in each sentence. */
    record Matched(List<List<EntityMention>> mentions, List<TriggerLexicon.Scan> scans,
            List<List<KnowledgeMention>> knowledge) {}

    private final Gazetteer gazetteer;
    private final SentenceSplitter splitter;
    private final TriggerLexicon lexicon;
    private final CooperationDetector detector;
    private final Knowledge knowledge;
    private final CueWords cueWords;
    private final CandidateFinder finder;
    private final PairScorer scorer;
    private final double minConfidence;
    private final String dictionaryVersion;

    /**
     * @param minConfidence the confidence from which a pair mention counts; the scorer's threshold when NaN
     */
    public Enricher(Gazetteer gazetteer, SentenceSplitter splitter, TriggerLexicon lexicon, CooperationDetector detector,
            Knowledge knowledge, CueWords cueWords, PairScorer scorer, double minConfidence) {
        this.gazetteer = Objects.requireNonNull(gazetteer, "gazetteer");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.cueWords = Objects.requireNonNull(cueWords, "cueWords");
        this.finder = new CandidateFinder(cueWords);
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.minConfidence = Double.isNaN(minConfidence) ? scorer.threshold() : minConfidence;
        if (!(this.minConfidence >= 0 && this.minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in [0, 1], got " + minConfidence);
        }
        this.dictionaryVersion = DATA_VERSION + "+" + gazetteer.version() + "." + lexicon.version() + "."
                + knowledge.version() + "." + cueWords.version() + "." + scorer.digest();
    }

    /** The same enricher with another scorer and its threshold, e.g. {@link PairScorer#untrained()} for training. */
    public Enricher withScorer(PairScorer other) {
        return new Enricher(gazetteer, splitter, lexicon, detector, knowledge, cueWords, other, Double.NaN);
    }

    /** The same enricher counting pair mentions from another confidence, in [0, 1]. */
    public Enricher withMinConfidence(double confidence) {
        return new Enricher(gazetteer, splitter, lexicon, detector, knowledge, cueWords, scorer, confidence);
    }

    /** The confidence from which a pair mention counts. */
    public double minConfidence() {
        return minConfidence;
    }

    /** The enricher over the bundled data files. */
    public static Enricher fromResources() {
        return fromResources(Optional.empty());
    }

    /**
     * The enricher over the bundled data files, with a user dictionary in the format of
     * {@code countries.tsv} merged over the gazetteer when one is given (see {@link Gazetteer#fromResources(Optional)}).
     */
    public static Enricher fromResources(Optional<Path> userDictionary) {
        return new Enricher(Gazetteer.fromResources(userDictionary), new SentenceSplitter(),
                TriggerLexicon.fromResources(), new CooperationDetector(), Knowledge.fromResources(),
                CueWords.fromResources(), PairScorer.fromResources(), Double.NaN);
    }

    /**
     * The version of the data this enricher tags with: {@link #DATA_VERSION}, then the digests of the
     * gazetteer files (user dictionary included), the trigger lexicon, the knowledge tables, the cue words and the
     * pair scorer's model, e.g. {@code 2026.2+1a2b3c4d.5e6f7a8b.9a0b1c2d.3e4f5a6b.7c8d9e0f}.
     */
    public String dictionaryVersion() {
        return dictionaryVersion;
    }

    /** Enriches one article as of now; see {@link #enrich(String, String, Instant)}. */
    public Enrichment enrich(String title, String text) {
        return enrich(title, text, Instant.now());
    }

    /**
     * Enriches one article.
     *
     * @param title the title, or null or blank when there is none
     * @param text the body in plain text, paragraphs separated by a blank line; null counts as empty
     * @param articleTime the article's time: leaders are read with the terms of office of its UTC date
     */
    public Enrichment enrich(String title, String text, Instant articleTime) {
        LocalDate date = LocalDate.ofInstant(Objects.requireNonNull(articleTime, "articleTime"), ZoneOffset.UTC);
        Prepared prepared = prepare(title, text);
        Split split = split(prepared);
        Matched matched = match(prepared, split, date);
        return classify(prepared, split, matched);
    }

    /**
     * Stage 1, text normalisation: the title stripped (null read as empty), typographic apostrophes made
     * straight ({@link Gazetteer#normalize}) and a lower-cased copy for the lexicon ({@link TriggerLexicon#fold}),
     * all of the same length so that offsets carry over.
     */
    Prepared prepare(String title, String text) {
        String strippedTitle = title == null || title.isBlank() ? "" : title.strip();
        String body = text == null ? "" : text;
        String normalizedTitle = Gazetteer.normalize(strippedTitle);
        String normalizedBody = Gazetteer.normalize(body);
        return new Prepared(strippedTitle, body, normalizedTitle, normalizedBody, TriggerLexicon.fold(normalizedTitle),
                TriggerLexicon.fold(normalizedBody));
    }

    /** Stage 2: the sentences, title first, with where each starts in the title or the body. */
    Split split(Prepared prepared) {
        List<Sentence> body = splitter.split(prepared.body());
        int firstBody = prepared.title().isEmpty() ? 0 : 1;
        List<String> sentences = new ArrayList<>(firstBody + body.size());
        int[] offsets = new int[firstBody + body.size()];
        if (firstBody > 0) {
            sentences.add(prepared.title());
        }
        for (Sentence sentence : body) {
            offsets[sentences.size()] = sentence.start();
            sentences.add(sentence.text());
        }
        return new Split(sentences, offsets, firstBody);
    }

    /**
     * Stage 3: gazetteer and lexicon matches of every sentence, datelines marked. Each automaton runs once over
     * the title and once over the body; the matches are then shared out to the sentences.
     */
    Matched match(Prepared prepared, Split split, LocalDate date) {
        List<String> sentences = split.sentences();
        KeywordIndex.Hits<Gazetteer.Entry> titleEntities = null;
        KeywordIndex.Hits<TriggerLexicon.Entry> titleCues = null;
        if (split.firstBody() > 0) {
            titleEntities = gazetteer.scan(prepared.normalizedTitle());
            titleCues = lexicon.scan(prepared.foldedTitle(), prepared.normalizedTitle());
        }
        KeywordIndex.Hits<Gazetteer.Entry> bodyEntities = gazetteer.scan(prepared.normalizedBody());
        KeywordIndex.Hits<TriggerLexicon.Entry> bodyCues = lexicon.scan(prepared.foldedBody(), prepared.normalizedBody());
        List<List<EntityMention>> mentions = new ArrayList<>(sentences.size());
        List<TriggerLexicon.Scan> scans = new ArrayList<>(sentences.size());
        KeywordIndex.Hits<Knowledge.Entry> titleKnowledge = split.firstBody() > 0
                ? knowledge.scan(prepared.normalizedTitle()) : null;
        KeywordIndex.Hits<Knowledge.Entry> bodyKnowledge = knowledge.scan(prepared.normalizedBody());
        List<List<KnowledgeMention>> named = new ArrayList<>(sentences.size());
        for (int index = 0; index < sentences.size(); index++) {
            String sentence = sentences.get(index);
            boolean inTitle = index < split.firstBody();
            int offset = split.offsets()[index];
            // Normalising only changes typographic apostrophes: without one, the sentence is its own normal form.
            // Most bodies have none at all, and then normalising returned the body itself.
            String normalized = inTitle ? prepared.normalizedTitle()
                    : prepared.normalizedBody() == prepared.body() || sentence.indexOf('\u2019') < 0 ? sentence
                    : prepared.normalizedBody().substring(offset, offset + sentence.length());
            List<EntityMention> found = gazetteer.match(sentence, normalized, offset,
                    inTitle ? titleEntities : bodyEntities, date);
            if (index == split.firstBody()) {
                found = markDateline(sentence, found);
            }
            mentions.add(found);
            scans.add(lexicon.scan(sentence, offset, inTitle ? titleCues : bodyCues));
            named.add(knowledge.match(sentence, offset, inTitle ? titleKnowledge : bodyKnowledge, date));
        }
        return new Matched(mentions, scans, named);
    }

    /** Stage 4, classification: ambiguous forms resolved, references, relations and events. */
    Enrichment classify(Prepared prepared, Split split, Matched matched) {
        List<String> sentences = split.sentences();
        List<List<EntityMention>> mentions = matched.mentions();
        Set<String> named = new TreeSet<>();
        for (List<EntityMention> found : mentions) {
            for (EntityMention mention : found) {
                if (mention.actor()) {
                    named.add(mention.country());
                }
            }
        }
        Tagged tagged = new Tagged();
        for (int index = 0; index < sentences.size(); index++) {
            TriggerLexicon.Scan scan = matched.scans().get(index);
            if (mentions.get(index).isEmpty() && scan.cues().isEmpty() && scan.triggers().isEmpty()
                    && matched.knowledge().get(index).isEmpty()) {
                // Most sentences name nothing and hold no cue: they add no entity, event or pair.
                tagged.actorsBySentence.add(List.of());
                continue;
            }
            tagSentence(index, split, matched, named, tagged);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Candidate candidate : finder.find(tagged.views, tagged.rulePairs)) {
            candidates.add(scorer.score(candidate));
        }
        List<PairMention> pairMentions = pairMentions(candidates, tagged.events);
        TreeSet<String> pairs = new TreeSet<>();
        pairMentions.forEach(mention -> pairs.add(mention.getPair()));
        return new Enrichment(tagged.entities, tagged.events, pairMentions, new ArrayList<>(pairs), candidates);
    }

    /** What the sentences of an article have given so far. */
    private static final class Tagged {
        final List<Entity> entities = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final List<List<String>> actorsBySentence = new ArrayList<>();
        final List<SentenceView> views = new ArrayList<>();
        final Set<String> rulePairs = new HashSet<>();
    }

    /**
     * One sentence: its entities, the pairs the rules tie, its events, and what the candidate finder will see of
     * it. Kept apart from {@link #classify} so that the JIT compiles two moderate methods rather than one huge one
     * again and again while a bulk run warms up.
     */
    private void tagSentence(int index, Split split, Matched matched, Set<String> named, Tagged tagged) {
        List<String> sentences = split.sentences();
        List<List<EntityMention>> mentions = matched.mentions();
        String sentence = sentences.get(index);
        TriggerLexicon.Scan scan = matched.scans().get(index);
        List<KnowledgeMention> known = matched.knowledge().get(index);
        List<CountryMention> countries = new ArrayList<>();
        List<String> actorCodes = new ArrayList<>();
        for (EntityMention raw : mentions.get(index)) {
            EntityMention mention = resolve(raw, named);
            // The all-args constructors skip the builders' per-field checks; every field is given here.
            tagged.entities.add(new Entity(mention.type(), mention.id(), mention.text(), index,
                    mention.country().isEmpty() ? null : mention.country(), mention.start(), mention.end()));
            if (mention.actor()) {
                countries.add(new CountryMention(typeOf(mention), mention.country(), mention.text(), mention.start(),
                        mention.end()));
                actorCodes.add(mention.country());
            }
        }
        List<CooperationDetector.Reference> references = detector.mayAssert(scan)
                ? references(sentence, countries, tagged.actorsBySentence) : List.of();
        tagged.actorsBySentence.add(actorCodes);
        List<CooperationDetector.CooperationPair> found = detector.detect(sentence, countries, scan, references);
        Set<String> ruleTied = new HashSet<>();
        found.forEach(pair -> ruleTied.add(pair.pair()));
        tagged.rulePairs.addAll(ruleTied);
        SentenceView view = view(index, sentence, index < split.firstBody(), countries, known, scan, ruleTied,
                mentions.get(index));
        // A sentence that names no one still matters when the next one does (it may hold the exercise whose
        // roster follows) or when it refers to countries named just before ("both countries will sign").
        boolean nextNames = index + 1 < sentences.size()
                && (!mentions.get(index + 1).isEmpty() || !matched.knowledge().get(index + 1).isEmpty());
        boolean referring = earliestReference(sentence) >= 0
                && (index >= 1 && !mentions.get(index - 1).isEmpty() || index >= 2 && !mentions.get(index - 2).isEmpty());
        if (!view.actors().isEmpty() || nextNames || referring) {
            tagged.views.add(view);
        }
        events(index, sentence, countries, scan, found, tagged.events);
    }

    /** The events of one sentence: its triggers, with the actors the rules tied or the countries around them. */
    private static void events(int index, String sentence, List<CountryMention> countries, TriggerLexicon.Scan scan,
            List<CooperationDetector.CooperationPair> found, List<Event> events) {
        List<Set<String>> actorsOf = new ArrayList<>();
        List<TriggerLexicon.Trigger> triggers = new ArrayList<>(scan.triggers());
        triggers.forEach(t -> actorsOf.add(new TreeSet<>()));
        for (CooperationDetector.CooperationPair pair : found) {
            int at = eventFor(pair, triggers);
            if (at < 0) {
                triggers.add(new TriggerLexicon.Trigger(TriggerLexicon.MILITARY_COOPERATION, pair.subtype(),
                        pair.trigger(), pair.start(), pair.end()));
                actorsOf.add(new TreeSet<>());
                at = triggers.size() - 1;
            }
            actorsOf.get(at).addAll(List.of(pair.pair().split("-")));
        }
        IntentBounds intent = null;
        for (int t = 0; t < triggers.size(); t++) {
            TriggerLexicon.Trigger trigger = triggers.get(t);
            String subtype = subtypeOf(trigger, found);
            if (intent == null && trigger.eventType().equals(TriggerLexicon.MILITARY_COOPERATION)) {
                intent = intentBounds(sentence);
            }
            List<String> actors = trigger.eventType().equals(TriggerLexicon.MILITARY_COOPERATION)
                    ? new ArrayList<>(actorsOf.get(t))
                    : NeighbourActors.of(sentence, countries, trigger.start(), trigger.end());
            events.add(new Event(trigger.eventType(), trigger.text(), index, subtype,
                    cameo(trigger.eventType(), subtype, sentence, trigger.start(), intent), actors));
        }
    }

    /**
     * The pair mentions of the scored candidates: one per pair and sentence, the most confident candidate's that
     * reaches {@link #minConfidence}, in order of sentence and pair. A pair read across sentences ("the two
     * countries" after the sentence naming them) adds no mention where a sentence of the article names both and
     * asserts it: one report, not two.
     */
    private List<PairMention> pairMentions(List<Candidate> candidates, List<Event> events) {
        Map<String, Candidate> best = new java.util.TreeMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.confidence() >= minConfidence) {
                best.merge(candidate.sentence() + " " + candidate.pair(), candidate,
                        (a, b) -> b.confidence() > a.confidence() ? b : a);
            }
        }
        Set<String> withinSentence = new HashSet<>();
        for (Candidate candidate : best.values()) {
            if (candidate.scope().equals("sentence")) {
                withinSentence.add(candidate.pair());
            }
        }
        best.values().removeIf(c -> !c.scope().equals("sentence") && withinSentence.contains(c.pair()));
        List<Candidate> kept = new ArrayList<>(best.values());
        kept.sort(java.util.Comparator.comparingInt(Candidate::sentence).thenComparing(Candidate::pair));
        List<PairMention> mentions = new ArrayList<>(kept.size());
        for (Candidate candidate : kept) {
            mentions.add(new PairMention(candidate.pair(), candidate.sentence(), triggerOf(candidate, events),
                    candidate.confidence()));
        }
        return mentions;
    }

    /** What the candidate finder and scorer see of a sentence: its actors, triggers and the pairs the rules tied. */
    private static SentenceView view(int index, String sentence, boolean inTitle, List<CountryMention> countries,
            List<KnowledgeMention> known, TriggerLexicon.Scan scan, Set<String> ruleTied, List<EntityMention> found) {
        List<Actor> actors = new ArrayList<>(countries.size() + known.size());
        for (CountryMention country : countries) {
            actors.add(new Actor(country.code(), country.type().label(), country.text(), country.start(), country.end()));
        }
        for (KnowledgeMention mention : known) {
            // A weapon or firm of one maker country implies a party to a transfer. Pacts and exercises only tell of
            // countries the text names itself (see SentenceView#known); joint makers would be guesses.
            boolean implies = mention.kind() == KnowledgeMention.Kind.WEAPON || mention.kind() == KnowledgeMention.Kind.FIRM;
            if (implies && mention.countries().size() == 1) {
                actors.add(new Actor(mention.countries().get(0), mention.kind().label(), mention.text(), mention.start(),
                        mention.end()));
            }
        }
        actors.sort(java.util.Comparator.comparingInt(Actor::start));
        List<String> triggers = new ArrayList<>();
        for (TriggerLexicon.Trigger trigger : scan.triggers()) {
            if (trigger.eventType().equals(TriggerLexicon.MILITARY_COOPERATION)) {
                triggers.add(trigger.subtype().isEmpty() ? "any" : trigger.subtype());
            } else {
                triggers.add(SentenceView.EVENT + trigger.eventType());
            }
        }
        boolean datelined = found.stream().anyMatch(mention -> mention.type().equals("dateline"));
        return new SentenceView(index, sentence, inTitle, actors, triggers, ruleTied, datelined, known);
    }

    /**
     * The words that signalled a kept mention: the trigger of the sentence's cooperation event that ties the
     * pair, else that of any cooperation event of the sentence, else the cue word that weighed most for it.
     */
    private String triggerOf(Candidate candidate, List<Event> events) {
        List<String> codes = List.of(candidate.pair().split("-"));
        String any = null;
        for (Event event : events) {
            if (event.getSentence() != candidate.sentence()
                    || !event.getType().equals(TriggerLexicon.MILITARY_COOPERATION)) {
                continue;
            }
            if (event.getActors().containsAll(codes)) {
                return event.getTrigger();
            }
            if (any == null) {
                any = event.getTrigger();
            }
        }
        if (any != null) {
            return any;
        }
        // No trigger of the lexicon: the cue word the scorer weighed most in favour.
        for (String feature : scorer.evidence(candidate.features(), 20)) {
            if (feature.startsWith("w:") && feature.contains(":+")) {
                return feature.substring(2, feature.indexOf('@'));
            }
        }
        return "";
    }

    /** The five features that weighed most for a candidate of this enricher, strongest first. */
    public List<String> evidence(Candidate candidate) {
        return scorer.evidence(candidate);
    }

    private static CountryMention.Type typeOf(EntityMention mention) {
        return switch (mention.type()) {
            case "capital" -> CountryMention.Type.CAPITAL;
            case "leader" -> CountryMention.Type.LEADER;
            case "institution" -> CountryMention.Type.INSTITUTION;
            default -> CountryMention.Type.COUNTRY;
        };
    }

    /** Mentions inside a dateline at the start of the body are places, not actors. */
    private static List<EntityMention> markDateline(String sentence, List<EntityMention> found) {
        Matcher dateline = DATELINE.matcher(sentence);
        if (!dateline.find()) {
            return found;
        }
        int end = dateline.end();
        List<EntityMention> marked = new ArrayList<>(found.size());
        for (EntityMention mention : found) {
            marked.add(mention.end() <= end ? mention.asDateline() : mention);
        }
        return marked;
    }

    private static EntityMention resolve(EntityMention mention, Set<String> named) {
        if (!mention.type().equals("ambiguous")) {
            return mention;
        }
        List<String> known = mention.candidates().stream().filter(named::contains).toList();
        return known.size() == 1 ? mention.resolvedTo(known.get(0)) : mention;
    }

    /**
     * The references of the sentence with the pair they stand for: the two distinct countries named before
     * them in the sentence, else those of the nearest of the two previous sentences that names exactly two.
     */
    private static List<CooperationDetector.Reference> references(String sentence, List<CountryMention> countries,
            List<List<String>> previous) {
        int from = earliestReference(sentence);
        if (from < 0) {
            return List.of();
        }
        List<CooperationDetector.Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(sentence);
        // No match starts before "from", so searching from there finds the same matches as from 0; find(int)
        // still sees the chars before it for the word boundary.
        for (boolean found = matcher.find(from); found; found = matcher.find()) {
            int start = matcher.start();
            Set<String> before = new LinkedHashSet<>();
            countries.stream().filter(c -> c.end() <= start).forEach(c -> before.add(c.code()));
            Set<String> antecedent = before.size() == 2 ? before : Set.of();
            for (int back = previous.size() - 1; antecedent.isEmpty() && back >= Math.max(0, previous.size() - 2); back--) {
                Set<String> codes = new LinkedHashSet<>(previous.get(back));
                if (codes.size() == 2) {
                    antecedent = codes;
                }
            }
            if (antecedent.size() == 2) {
                references.add(new CooperationDetector.Reference(start, matcher.end(), new ArrayList<>(antecedent)));
            }
        }
        return references;
    }

    /**
     * A cheap bound for {@link #REFERENCE}: each of its forms holds one of these literals, starting at most two
     * chars before it ("Neither" before "ither ").
     */
    private static final String[] REFERENCE_LITERALS = {"he two ", "oth ", "ither ", "he allies"};

    /** The earliest offset at which {@link #REFERENCE} can match in the sentence, or -1 when it cannot. */
    private static int earliestReference(String sentence) {
        int earliest = Integer.MAX_VALUE;
        for (String literal : REFERENCE_LITERALS) {
            int at = sentence.indexOf(literal);
            if (at >= 0) {
                earliest = Math.min(earliest, at);
            }
        }
        return earliest == Integer.MAX_VALUE ? -1 : Math.max(0, earliest - 2);
    }

    /** The trigger whose span overlaps the pair's trigger, or -1. */
    private static int eventFor(CooperationDetector.CooperationPair pair, List<TriggerLexicon.Trigger> triggers) {
        for (int t = 0; t < triggers.size(); t++) {
            TriggerLexicon.Trigger trigger = triggers.get(t);
            if (trigger.eventType().equals(TriggerLexicon.MILITARY_COOPERATION)
                    && trigger.start() < pair.end() && pair.start() < trigger.end()) {
                return t;
            }
        }
        return -1;
    }

    /** The detector's subtype wins where the relation says more than the words (a visit, troops stationed). */
    private static String subtypeOf(TriggerLexicon.Trigger trigger, List<CooperationDetector.CooperationPair> found) {
        for (CooperationDetector.CooperationPair pair : found) {
            if (CooperationDetector.RELATION_SUBTYPES.contains(pair.subtype())
                    && trigger.start() < pair.end() && pair.start() < trigger.end()) {
                return pair.subtype();
            }
        }
        if (trigger.subtype().isEmpty() && trigger.eventType().equals(TriggerLexicon.MILITARY_COOPERATION)) {
            return TriggerLexicon.MILITARY_COOPERATION;
        }
        return trigger.subtype();
    }

    /**
     * Literals of which every match of {@link #INTENT} holds one; a match in the text before a trigger needs one
     * of them to end there.
     */
    private static final String[] INTENT_LITERALS = {"will", "would", "shall", "plan", "agree", "pledge", "vow",
        "promise", "seek", "sought", "consider", "propose", "intend", "discuss", "negotiat", "talks on", "ready to",
        "prepared to", "aim", "set to"};

    /**
     * Where occurrences of the {@link #INTENT_LITERALS} in a sentence start and end at the earliest, or
     * {@link Integer#MAX_VALUE} for both: a match of the costly {@link #INTENT} regex ends no earlier than
     * {@code end}, and it starts with one of them, so no earlier than {@code start}.
     */
    private record IntentBounds(int start, int end) {}

    private static IntentBounds intentBounds(String sentence) {
        int start = Integer.MAX_VALUE;
        int end = Integer.MAX_VALUE;
        for (String literal : INTENT_LITERALS) {
            int at = sentence.indexOf(literal);
            if (at >= 0) {
                start = Math.min(start, at);
                end = Math.min(end, at + literal.length());
            }
        }
        return new IntentBounds(start, end);
    }

    /** @param intent see {@link #intentBounds}; only read for military cooperation */
    private static String cameo(String type, String subtype, String sentence, int triggerStart, IntentBounds intent) {
        int prefixEnd = Math.min(triggerStart, sentence.length());
        // Searching from intent.start() finds what a search from 0 would; find(int) still sees the chars before it
        // for the word boundary.
        if (type.equals(TriggerLexicon.MILITARY_COOPERATION) && intent.end() <= prefixEnd
                && INTENT.matcher(sentence.substring(0, prefixEnd)).find(intent.start())) {
            return CAMEO_MILITARY_INTENT;
        }
        return CAMEO.getOrDefault(subtype, "");
    }
}
