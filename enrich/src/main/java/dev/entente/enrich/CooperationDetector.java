package dev.entente.enrich;

import dev.entente.enrich.TriggerLexicon.Cue;
import dev.entente.enrich.TriggerLexicon.Kind;
import dev.entente.schemas.Pairs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which pairs of countries one sentence asserts to cooperate militarily.
 *
 * <p>Contract: a pair is returned only when the sentence holds a military-cooperation trigger
 * ({@link TriggerLexicon}) and the two countries stand in one of these relations to it (G is a group of
 * coordinated countries: {@code X}, {@code X and Y}, {@code X, Y and Z}, {@code X-Y}, {@code X's and
 * Y's}, each possibly followed by a title or name such as {@code "President Vladimir Putin"}):
 *
 * <ol>
 *   <li><b>partnership</b>: G, within {@value #SUBJECT_GAP} words, a cooperation verb (signed, held, agreed,
 *       will hold, plans, discussed...), then the trigger in the same clause. The partners are the
 *       countries after {@code with}/{@code alongside}, right after the verb, or right after the trigger
 *       with {@code to} ("approved an arms sale to Y"); without them, the members
 *       of G cooperate with each other ("X and Y will hold joint drills", "X agreed with Y to hold joint
 *       patrols", "X will host Y for naval exercises").</li>
 *   <li><b>supply</b>: G, a supply verb, materiel, then {@code to} a recipient ("X sent missiles to Y"),
 *       or the recipient right after the verb and {@code with} materiel ("X supplied Y with tanks");
 *       seen from the recipient: "Y bought fighter jets from X".</li>
 *   <li><b>training</b>: G, a training verb, then a country and its personnel ("X will train Y's troops").</li>
 *   <li><b>between</b>: the trigger, then {@code between}/{@code among}/{@code involving} (or {@code by},
 *       for passive phrasing) and a group of two or more ("joint drills between X and Y").</li>
 *   <li><b>compound</b>: a group of two or more right before the trigger ("X-Y joint drills", "X and Y's
 *       defence pact").</li>
 *   <li><b>possessive</b>: {@code X's} or {@code its} (the nearest country before it), the trigger, then
 *       {@code with Y} or {@code to Y} ("Iran's arms deal with Russia", "Iran's arms deliveries to Russia",
 *       "sanctions on Iran over its arms deal with Russia"); a country right before the trigger acts the
 *       same way ("US military aid to Ukraine, Israel and Taiwan"), and {@code for} counts like {@code to}.</li>
 *   <li><b>visit</b>: G, a visit verb, the country visited, then a trigger in the clause ("Shoigu visited
 *       North Korea to discuss defence cooperation"), subtype {@code defence-visit}; a visit "to seek" or
 *       "to ask for" aid is a request and forms no pair.</li>
 *   <li><b>stationing</b>: G, a station verb, forces, then {@code in} a host ("Germany will station a
 *       brigade of troops in Lithuania"), subtype {@code basing}.</li>
 * </ol>
 *
 * <p>Actors: a group may be a leader in office or an institution ("Putin and Kim Jong Un signed"), a run of
 * titles and names of one country is one actor ("Russian President Vladimir Putin"), "his Iranian
 * counterpart" joins a group, "troops from X, Y and Z" and "the navies of X and Y" make the countries the
 * actors, a country right before a noun of intent is the agent of what follows ("opposed a US plan to train
 * Ukrainian troops"), and "it" is the sentence's subject country ("Paris said it would deliver..."). A
 * {@link Reference} ("the two countries") is read as the group it stands for.
 *
 * <p>Coding decisions, as a political scientist would code event data, precision before recall:
 *
 * <ul>
 *   <li>Co-mention is never enough. A country that is only the place ({@code in}, {@code near},
 *       {@code off}...), an observer, a critic or the speaker forms no pair; a country after another one
 *       that is not attached by {@code with}, {@code to}, {@code from} or a place preposition ends the
 *       clause.</li>
 *   <li>A group that is the object of a preposition or of a directive or hostile verb in its clause
 *       ("urged Japan and Korea to hold drills", "condemned X and Y for holding drills") cannot be the
 *       actor of rules 1-3; the nominal rules 4-6 still apply, since "Z condemned the X-Y drills" still
 *       asserts that X and Y drilled together.</li>
 *   <li>A negation, denial, refusal, accusation or halt before the trigger in its clause (a later "but",
 *       "however" or ";" opens a new one, as does "and" before a new verb), a trigger inside an "if" or
 *       "unless" clause, or a negation after it in its clause, cancels it; verbs that end a lasting relation
 *       ("ended its defence treaty") cancel pacts and cooperation but not drills ("ended joint drills")
 *       ("did not sign", "denied supplying", "accused X of supplying", "suspended joint drills").
 *       Accusations are claims of one party, not the article's assertion.</li>
 *   <li>Planned, agreed, proposed or discussed cooperation counts ("will hold", "agreed to supply",
 *       "are considering a defence pact"), as the contract asks.</li>
 *   <li>"Sanctions on X over its arms deal with Y" counts for X-Y: the sanctions presuppose that the deal
 *       exists. The sanctioning country forms no pair.</li>
 *   <li>When G acts with partners ("X and Y signed defence deals with Z"), G's members pair with each
 *       partner but not with each other: the deals may be bilateral.</li>
 *   <li>Sending troops {@code to} a country counts as support of it; {@code into} does not pair (that is
 *       how invasions are written).</li>
 * </ul>
 */
public final class CooperationDetector {

    /** How many words may stand between a group and its verb ("X on Monday formally signed"). */
    static final int SUBJECT_GAP = 6;
    /** How many items after the verb the trigger and partners may be found. */
    static final int CLAUSE_REACH = 15;

    /**
     * One pair asserted by the sentence.
     *
     * @param pair the contract's pair string, e.g. {@code KP-RU}
     * @param trigger the words that signalled the cooperation
     * @param start offset of the trigger in the sentence, -1 when unknown
     * @param end offset just past the trigger, -1 when unknown
     * @param subtype the cooperation subtype, e.g. {@code joint-exercise}; empty when unknown
     */
    public record CooperationPair(String pair, String trigger, int start, int end, String subtype) {

        /** The pair and its trigger, with no span or subtype (for tests and callers that need no more). */
        public CooperationPair(String pair, String trigger) {
            this(pair, trigger, -1, -1, "");
        }
    }

    /**
     * Words that stand for countries named before ("the two countries", "both nations"), with the codes
     * they stand for; offsets relative to the sentence.
     */
    public record Reference(int start, int end, List<String> codes) {
        public Reference {
            codes = List.copyOf(codes);
        }
    }

    /** Subtype of pairs found by the visit rule. */
    static final String DEFENCE_VISIT = "defence-visit";

    /** Subtypes that come from the relation found rather than from the trigger's words. */
    static final String BASING = "basing";
    static final Set<String> RELATION_SUBTYPES = Set.of(DEFENCE_VISIT, BASING);

    private static final Set<Kind> PARTNERSHIP_VERBS = KindSet.of(EnumSet.of(Kind.COOP_VERB, Kind.JOIN_VERB));
    private static final Set<Kind> VERB_KINDS = KindSet.of(EnumSet.of(Kind.COOP_VERB, Kind.JOIN_VERB, Kind.SUPPLY_VERB,
            Kind.RECEIVE_VERB, Kind.TRAIN_VERB, Kind.VISIT_VERB));

    /**
     * Nouns of intent or decision: a country right before one is the agent of what follows ("opposed a US
     * plan to train Ukrainian troops"), whatever verb governs the phrase.
     */
    private static final Set<String> PLAN_NOUNS = Set.of(
            "plan", "plans", "proposal", "proposals", "decision", "offer", "move", "bid", "pledge", "promise",
            "effort", "efforts", "programme", "program", "initiative", "intention", "commitment", "push");

    /** Words of a request: a visit "to seek military aid" asserts no cooperation yet. */
    private static final Set<String> REQUESTS = Set.of(
            "seek", "seeks", "seeking", "sought", "ask", "asks", "asking", "asked", "request", "requests",
            "requesting", "requested", "appeal", "appeals", "lobby", "lobbying", "plead", "urge");

    /** Nouns for armed forces: "troops from X and Y took part" makes X and Y the actors. */
    private static final Set<String> FORCE_NOUNS = Set.of(
            "troops", "forces", "navies", "navy", "armies", "army", "militaries", "soldiers", "sailors", "marines",
            "warships", "units", "contingents", "delegations", "officers", "pilots", "air", "ships");
    private static final Set<Kind> NOUN_KINDS = KindSet.of(EnumSet.of(Kind.CONTEXT, Kind.PERSONNEL, Kind.MATERIEL));

    private static final Set<String> HEAD_WORDS = Set.of(
            "leader", "leaders", "president", "prime", "minister", "ministers", "premier", "chancellor",
            "foreign", "navy", "navies", "armies", "militaries", "officials", "government", "governments",
            "counterpart", "counterparts", "delegation", "delegations", "envoy", "envoys", "ambassador",
            "top", "general", "generals", "commander", "commanders", "chief", "chiefs", "head", "heads",
            "coast", "guard", "guards", "air", "force", "ministry", "ministries");

    /** Words that cannot stand between an actor and its verb. */
    private static final Set<String> GAP_BREAKERS = Set.of(
            "against", "for", "of", "over", "from", "that", "which", "who", "whose", "whom", "after", "before",
            "when", "while", "if", "because", "but", "and", "or", "nor", "than", "since", "as", "with", "without",
            "between", "among", "despite", "unlike", "like", "whether");

    /** Words after which a country is an object, never an actor. */
    private static final Set<String> PREPOSITIONS = Set.of(
            "of", "on", "against", "with", "to", "by", "for", "from", "between", "among", "over", "about", "at",
            "near", "in", "into", "under", "toward", "towards", "than", "including", "like", "via", "across",
            "around", "off", "alongside", "upon", "onto", "within", "without");

    /** Prepositions that attach a country to the clause of a verb; any other country ends the clause. */
    private static final Map<String, String> ATTACHING = attaching();

    /**
     * Lower-case words after which a country can still be an actor ("officials said Russia and China
     * will..."); after any other lower-case word it is taken for an object ("visited France").
     */
    private static final Set<String> SUBJECT_OPENERS = Set.of(
            "that", "said", "says", "say", "added", "and", "but", "while", "as", "when", "where", "whereas",
            "after", "before", "because", "since", "also", "meanwhile", "now", "then", "reportedly", "so",
            "although", "though", "once", "until", "today", "yesterday", "tonight", "week", "month", "year",
            "weekend", "morning", "afternoon", "evening", "night", "earlier", "later", "recently", "first");

    private static final Set<String> CLAUSE_BREAKERS = Set.of(
            "but", "while", "whereas", "although", "though", "after", "before", "because", "since", "when",
            "unless", "amid", "despite", "following");

    private static final Set<String> DETERMINERS = Set.of("the", "its", "their", "neighbouring", "neighboring");

    /** Words that may stand between a connector and the next member of a group ("X and his Y counterpart"). */
    private static final Set<String> GROUP_DETERMINERS = Set.of("the", "his", "her", "its", "their");


    private static Map<String, String> attaching() {
        Map<String, String> map = new HashMap<>();
        for (String place : List.of("in", "into", "near", "off", "around", "at", "across", "over", "along",
                "inside", "outside", "within", "through", "toward", "towards", "on")) {
            map.put(place, place);
        }
        map.put("with", "with");
        map.put("alongside", "with");
        map.put("to", "to");
        map.put("for", "for");
        map.put("from", "from");
        return Map.copyOf(map);
    }

    /**
     * The pairs one sentence asserts, each with the trigger that signalled it, without duplicates.
     *
     * @param sentence the sentence text
     * @param countries the sentence's country mentions, offsets relative to the sentence
     * @param scan the sentence's lexicon scan, offsets relative to the sentence
     */
    public List<CooperationPair> detect(String sentence, List<CountryMention> countries, TriggerLexicon.Scan scan) {
        return detect(sentence, countries, scan, List.of());
    }

    /**
     * The pairs one sentence asserts, reading each reference as the coordinated countries it stands for
     * ("the two countries" as "X and Y").
     */
    public List<CooperationPair> detect(String sentence, List<CountryMention> countries, TriggerLexicon.Scan scan,
            List<Reference> references) {
        if (!mayAssert(scan)) {
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        countries.forEach(mention -> codes.add(mention.code()));
        references.forEach(reference -> codes.addAll(reference.codes()));
        if (codes.size() < 2) {
            return List.of();
        }
        return new Parse(sentence, countries, scan.cues(), references).pairs();
    }

    /**
     * Whether a sentence with this scan can assert any pair: every relation needs a trigger, a supply or
     * receive verb (with materiel) or a training verb. Most sentences of an article have none, and the parse
     * is the costliest step of enrichment.
     */
    boolean mayAssert(TriggerLexicon.Scan scan) {
        for (Cue cue : scan.cues()) {
            if (cue.standalone() || cue.isAny(RELATION_VERBS)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<Kind> RELATION_VERBS =
            KindSet.of(EnumSet.of(Kind.SUPPLY_VERB, Kind.RECEIVE_VERB, Kind.TRAIN_VERB));

    private enum ItemType { COUNTRY, CUE, WORD, PUNCT }

    /** A token of the sentence: a whole country mention, a whole cue, a word or one punctuation char. */
    private static final class Item {
        private final ItemType type;
        private final int start;
        private final int end;
        private final String text;
        private final CountryMention country;
        private final Cue cue;
        private final boolean possessive;
        // The parse asks for the lower-case form of the same token many times.
        private final String lower;

        Item(ItemType type, int start, int end, String text, CountryMention country, Cue cue, boolean possessive) {
            this.type = type;
            this.start = start;
            this.end = end;
            this.text = text;
            this.country = country;
            this.cue = cue;
            this.possessive = possessive;
            this.lower = text.toLowerCase(Locale.ROOT);
        }

        ItemType type() {
            return type;
        }

        int start() {
            return start;
        }

        int end() {
            return end;
        }

        String text() {
            return text;
        }

        CountryMention country() {
            return country;
        }

        Cue cue() {
            return cue;
        }

        boolean possessive() {
            return possessive;
        }

        String lower() {
            return lower;
        }

        boolean isWord(String... words) {
            if (type != ItemType.WORD) {
                return false;
            }
            String lower = lower();
            for (String word : words) {
                if (word.equals(lower)) {
                    return true;
                }
            }
            return false;
        }

        boolean isWordIn(Set<String> words) {
            return type == ItemType.WORD && words.contains(lower());
        }

        boolean isPunct(String chars) {
            return type == ItemType.PUNCT && chars.contains(text);
        }

        boolean isCue(Kind kind) {
            return type == ItemType.CUE && cue.is(kind);
        }

        boolean isTrigger() {
            return type == ItemType.CUE && cue.standalone();
        }

        boolean isNounCue() {
            return type == ItemType.CUE && !cue.standalone() && NOUN_KINDS.containsAll(cue.kinds());
        }
    }

    /** Coordinated countries from item {@code first} to item {@code last}. */
    private record Group(int first, int last, Set<String> codes) {}

    private record Attached(String preposition, Group group) {}

    private record Window(int from, int to, List<Attached> groups) {}

    /** One sentence, tokenised, and the pairs found in it so far. */
    private static final class Parse {

        private final String sentence;
        private final List<Item> items;
        private final int firstNegation;
        private final Map<String, CooperationPair> pairs = new LinkedHashMap<>();
        // Memos of group and continuesGroup by item (the items never change): 0 unknown, 1 true, 2 false.
        private final Group[] groupAt;
        private final byte[] continuesAt;

        Parse(String sentence, List<CountryMention> countries, List<Cue> cues, List<Reference> references) {
            this.sentence = sentence;
            this.items = resolvePronouns(tokenize(sentence, countries, cues, references));
            this.groupAt = new Group[items.size()];
            this.continuesAt = new byte[items.size()];
            int negation = Integer.MAX_VALUE;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isCue(Kind.NEGATION)) {
                    negation = i;
                    break;
                }
            }
            this.firstNegation = negation;
        }

        List<CooperationPair> pairs() {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.type() == ItemType.COUNTRY && !continuesGroup(i)) {
                    Group group = group(i);
                    compound(group);
                    if (actsAsSubject(group)) {
                        partnership(group);
                        visit(group);
                        supply(group);
                        receipt(group);
                        training(group);
                    } else if (items.get(group.last()).possessive()) {
                        // "condemned North Korea's deployment of troops to Russia": the owner acts in the noun phrase.
                        supply(group);
                        training(group);
                    }
                }
                if (item.isTrigger()) {
                    between(i);
                }
                possessive(i);
            }
            return new ArrayList<>(pairs.values());
        }

        private void partnership(Group group) {
            int verb = verbAfter(group, PARTNERSHIP_VERBS);
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            int trigger = firstTrigger(window.from(), window.to());
            if (trigger < 0) {
                return;
            }
            // Only the first partner group: a later "with" belongs to another phrase ("in exchange for
            // normalising ties with Israel").
            Set<String> partners = new LinkedHashSet<>();
            for (Attached attached : window.groups()) {
                boolean recipient = (attached.preposition().equals("to") || attached.preposition().equals("for"))
                        && attached.group().first() == trigger + 2;
                if (attached.preposition().equals("with") || attached.preposition().equals("object") || recipient) {
                    partners.addAll(attached.group().codes());
                    break;
                }
            }
            if (partners.isEmpty()) {
                addWithin(group.codes(), trigger, trigger);
            } else {
                add(group.codes(), partners, trigger, trigger);
            }
        }

        /**
         * A defence visit: the visitor, a visit verb, the country visited, then a trigger in the clause
         * ("Shoigu visited North Korea to discuss defence cooperation").
         */
        private void visit(Group visitor) {
            int verb = verbAfter(visitor, EnumSet.of(Kind.VISIT_VERB));
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            int trigger = firstTrigger(window.from(), window.to());
            if (trigger < 0) {
                return;
            }
            for (int k = window.from(); k < trigger; k++) {
                Item item = items.get(k);
                if ((item.type() == ItemType.WORD || item.type() == ItemType.CUE) && REQUESTS.contains(item.lower())) {
                    // A visit to ask for aid is a request, not cooperation.
                    return;
                }
            }
            for (Attached attached : window.groups()) {
                String preposition = attached.preposition();
                boolean destination = preposition.equals("object") || preposition.equals("in") || preposition.equals("to");
                if (destination && attached.group().first() < trigger) {
                    add(visitor.codes(), attached.group().codes(), trigger, trigger, DEFENCE_VISIT);
                    return;
                }
            }
        }

        private void supply(Group supplier) {
            int verb = verbAfter(supplier, EnumSet.of(Kind.SUPPLY_VERB));
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            for (Attached attached : window.groups()) {
                if (attached.preposition().equals("object")) {
                    int with = attached.group().last() + 1;
                    if (with < window.to() && items.get(with).isWord("with")) {
                        int materiel = materielAfter(verb, with + 1, window.to());
                        if (materiel >= 0) {
                            add(supplier.codes(), attached.group().codes(), verb, materiel);
                        }
                    }
                }
            }
            int materiel = materielAfter(verb, verb + 1, window.to());
            if (materiel < 0) {
                return;
            }
            firstAttached(window, "to", materiel).ifPresent(recipient ->
                    add(supplier.codes(), recipient.codes(), verb, materiel));
            if (items.get(verb).isCue(Kind.STATION_VERB)) {
                firstAttached(window, "in", materiel).ifPresent(host ->
                        add(supplier.codes(), host.codes(), verb, materiel, BASING));
            }
        }

        private void receipt(Group recipient) {
            int verb = verbAfter(recipient, EnumSet.of(Kind.RECEIVE_VERB));
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            int materiel = materielAfter(verb, verb + 1, window.to());
            if (materiel < 0) {
                return;
            }
            firstAttached(window, "from", materiel).ifPresent(supplier ->
                    add(supplier.codes(), recipient.codes(), verb, materiel));
        }

        private void training(Group trainer) {
            int verb = verbAfter(trainer, EnumSet.of(Kind.TRAIN_VERB));
            if (verb < 0) {
                return;
            }
            int k = skip(verb + 1, Set.of("the"));
            if (k < items.size() && items.get(k).isWord("with")) {
                // "X pilots trained with Y pilots": joint training.
                int partner = skip(k + 1, Set.of("the"));
                if (partner < items.size() && items.get(partner).type() == ItemType.COUNTRY) {
                    add(trainer.codes(), group(partner).codes(), verb, verb, "training");
                }
                return;
            }
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Group trainees = group(k);
            for (int j = trainees.last() + 1; j < items.size() && j <= trainees.last() + 3; j++) {
                Item item = items.get(j);
                if (item.isCue(Kind.PERSONNEL)) {
                    add(trainer.codes(), trainees.codes(), verb, j);
                    return;
                }
                if (item.type() != ItemType.WORD) {
                    return;
                }
            }
        }

        private void between(int trigger) {
            for (int k = trigger + 1; k < items.size() && k <= trigger + 3; k++) {
                Item item = items.get(k);
                if (item.isWord("between", "among", "involving", "by", "of")) {
                    int first = skip(k + 1, Set.of("the"));
                    if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                        addWithin(group(first).codes(), trigger, trigger);
                    }
                    return;
                }
                boolean gapWord = item.type() == ItemType.WORD
                        || (item.type() == ItemType.CUE && !item.cue().standalone() && !item.isCue(Kind.NEGATION));
                if (!gapWord) {
                    return;
                }
            }
        }

        private void compound(Group group) {
            if (group.codes().size() < 2) {
                return;
            }
            for (int k = group.last() + 1; k < items.size() && k <= group.last() + 3; k++) {
                Item item = items.get(k);
                if (item.isTrigger()) {
                    addWithin(group.codes(), k, k);
                    return;
                }
                boolean modifier = (item.type() == ItemType.WORD && !item.isWordIn(GAP_BREAKERS)) || item.isNounCue();
                if (!modifier) {
                    return;
                }
            }
        }

        private void possessive(int i) {
            Item item = items.get(i);
            String owner;
            if (item.type() == ItemType.COUNTRY && item.possessive()) {
                owner = item.country().code();
            } else if (item.type() == ItemType.COUNTRY && !continuesGroup(i) && group(i).codes().size() == 1) {
                // A country as modifier of the trigger: "US military aid to Ukraine".
                owner = item.country().code();
            } else if (item.isWord("its", "their")) {
                int previous = i - 1;
                while (previous >= 0 && items.get(previous).type() != ItemType.COUNTRY) {
                    previous--;
                }
                if (previous < 0) {
                    return;
                }
                owner = items.get(previous).country().code();
            } else {
                return;
            }
            int trigger = -1;
            for (int k = i + 1; k < items.size() && k <= i + 4; k++) {
                Item next = items.get(k);
                if (next.isTrigger()) {
                    trigger = k;
                    break;
                }
                if (!(next.type() == ItemType.WORD && !next.isWordIn(GAP_BREAKERS)) && !next.isNounCue()) {
                    return;
                }
            }
            if (trigger < 0) {
                return;
            }
            for (int k = trigger + 1; k < items.size() && k <= trigger + 3; k++) {
                Item next = items.get(k);
                if (next.isWord("with", "to", "for")) {
                    int first = skip(k + 1, DETERMINERS);
                    if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                        add(Set.of(owner), group(first).codes(), trigger, trigger);
                    }
                    return;
                }
                if (next.type() != ItemType.WORD || next.isWordIn(GAP_BREAKERS)) {
                    return;
                }
            }
        }

        /** The coordinated countries that start at item {@code first}; the rules ask for the same ones often. */
        private Group group(int first) {
            Group group = groupAt[first];
            if (group == null) {
                group = findGroup(first);
                groupAt[first] = group;
            }
            return group;
        }

        private Group findGroup(int first) {
            Set<String> codes = new LinkedHashSet<>();
            codes.add(items.get(first).country().code());
            int last = first;
            boolean comma = false;
            boolean and = false;
            while (true) {
                last = sameCountryAfter(last);
                int k = last + 1;
                int heads = 0;
                while (k < items.size() && heads < 4 && isHead(items.get(k))) {
                    k++;
                    heads++;
                }
                if (k >= items.size()) {
                    break;
                }
                Item connector = items.get(k);
                if (connector.isPunct("-\u2013/") && heads == 0) {
                    k++;
                } else if (connector.isWord("and") || connector.isPunct("&")) {
                    and = true;
                    k++;
                } else if (connector.isPunct(",")) {
                    k++;
                    if (k < items.size() && items.get(k).isWord("and")) {
                        and = true;
                        k++;
                    } else {
                        comma = true;
                    }
                } else {
                    break;
                }
                k = skip(k, GROUP_DETERMINERS);
                if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                    break;
                }
                codes.add(items.get(k).country().code());
                last = k;
            }
            last = sameCountryAfter(last);
            boolean headline = first == 0 || (first == 1 && items.get(0).isWord("the"));
            if (comma && !and && !headline) {
                return new Group(first, first, Set.of(items.get(first).country().code()));
            }
            return new Group(first, last, codes);
        }

        /**
         * The last item of a run of titles and names that stand for the same country as item {@code k}
         * ("Russian President Vladimir Putin" is one actor), or {@code k}.
         */
        private int sameCountryAfter(int k) {
            String code = items.get(k).country().code();
            int last = k;
            int j = k + 1;
            int heads = 0;
            while (j < items.size() && heads <= 4) {
                Item item = items.get(j);
                if (item.type() == ItemType.COUNTRY && item.country().code().equals(code)
                        && item.country().type() != CountryMention.Type.REFERENCE) {
                    last = j;
                    heads = 0;
                } else if (!isHead(item) || item.isWord("and")) {
                    break;
                } else {
                    heads++;
                }
                j++;
            }
            return last;
        }

        /**
         * Whether the country at item i is a later member of a group joined by "and" or a hyphen, so that
         * it is not also read as the start of a group of its own ("urged Britain and France to...").
         * Comma-joined members may start a group: "In Moscow, Russia and China..." starts at Russia.
         */
        private boolean continuesGroup(int i) {
            if (continuesAt[i] == 0) {
                continuesAt[i] = (byte) (findContinuesGroup(i) ? 1 : 2);
            }
            return continuesAt[i] == 1;
        }

        private boolean findContinuesGroup(int i) {
            int k = i - 1;
            if (k >= 0 && items.get(k).isWordIn(GROUP_DETERMINERS)) {
                k--;
            }
            for (int back = k, heads = 0; back >= 0 && heads <= 4; back--, heads++) {
                Item item = items.get(back);
                if (item.type() == ItemType.COUNTRY) {
                    if (item.country().code().equals(items.get(i).country().code())) {
                        return true;
                    }
                    break;
                }
                if (!isHead(item) || item.isWord("and")) {
                    break;
                }
            }
            if (k < 0 || !(items.get(k).isWord("and") || items.get(k).isPunct("&-\u2013/"))) {
                return false;
            }
            for (int back = k - 1, heads = 0; back >= 0 && heads <= 4; back--, heads++) {
                Item item = items.get(back);
                if (item.type() == ItemType.COUNTRY) {
                    return true;
                }
                if (!isHead(item)) {
                    return false;
                }
            }
            return false;
        }

        private static boolean isHead(Item item) {
            if (item.type() == ItemType.WORD) {
                return Character.isUpperCase(item.text().charAt(0)) || HEAD_WORDS.contains(item.lower());
            }
            return item.isNounCue();
        }

        /** Whether the group can be the actor of a verb, rather than the object of something before it. */
        private boolean actsAsSubject(Group group) {
            int after = group.last() + 1;
            if (after < items.size() && items.get(after).isWordIn(PLAN_NOUNS)) {
                return true;
            }
            if (forcesOf(group)) {
                return true;
            }
            int before = group.first() - 1;
            if (before >= 0 && items.get(before).isWord("the")) {
                before--;
            }
            if (before >= 0) {
                Item item = items.get(before);
                if (item.isWordIn(PREPOSITIONS) || item.type() == ItemType.CUE) {
                    return false;
                }
                boolean lowerCaseWord = item.type() == ItemType.WORD && !Character.isUpperCase(item.text().charAt(0));
                if (lowerCaseWord && !SUBJECT_OPENERS.contains(item.lower())) {
                    return false;
                }
            }
            for (int k = group.first() - 1; k >= 0; k--) {
                Item item = items.get(k);
                if (item.isPunct(",;:") || item.isWordIn(SUBJECT_OPENERS)) {
                    break;
                }
                if (item.isCue(Kind.NON_AGENT)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the group follows "troops from" or "the navies of" at the start of a clause. */
        private boolean forcesOf(Group group) {
            int before = group.first() - 1;
            if (before < 1 || !items.get(before).isWord("of", "from")) {
                return false;
            }
            Item noun = items.get(before - 1);
            boolean force = (noun.type() == ItemType.WORD || noun.type() == ItemType.CUE)
                    && FORCE_NOUNS.contains(noun.lower());
            if (!force) {
                return false;
            }
            int k = before - 2;
            while (k >= 0 && (items.get(k).isWord("the") || items.get(k).isWordIn(HEAD_WORDS)
                    || (items.get(k).type() == ItemType.WORD && items.get(k).lower().matches("[0-9,]+")))) {
                k--;
            }
            return k < 0 || items.get(k).isPunct(",;:") || items.get(k).isWordIn(SUBJECT_OPENERS);
        }

        /** The first verb of the given kinds close after the group, or -1. */
        private int verbAfter(Group group, Set<Kind> kinds) {
            for (int k = group.last() + 1, gap = 0; k < items.size() && gap <= SUBJECT_GAP; k++, gap++) {
                Item item = items.get(k);
                if (item.type() == ItemType.CUE && item.cue().isAny(kinds)) {
                    return k;
                }
                if (item.type() == ItemType.COUNTRY || item.type() == ItemType.PUNCT || item.isTrigger()
                        || item.isWordIn(GAP_BREAKERS)) {
                    return -1;
                }
            }
            return -1;
        }

        /** The items after a verb that belong to its clause, and the countries attached to it. */
        private Window window(int verb) {
            List<Attached> groups = new ArrayList<>();
            int k = verb + 1;
            int count = 0;
            while (k < items.size() && count < CLAUSE_REACH) {
                Item item = items.get(k);
                if (item.isPunct(";:()[]\u2014.!?") || item.isWordIn(CLAUSE_BREAKERS)) {
                    break;
                }
                if (item.isPunct(",") && k + 1 < items.size()
                        && items.get(k + 1).isWord("and", "but", "while", "which", "who", "whereas")) {
                    break;
                }
                if (item.type() == ItemType.COUNTRY) {
                    String preposition = attachment(k, verb);
                    if (preposition == null) {
                        break;
                    }
                    Group group = group(k);
                    groups.add(new Attached(preposition, group));
                    count += group.last() - k + 1;
                    k = group.last() + 1;
                    continue;
                }
                k++;
                count++;
            }
            return new Window(verb + 1, k, groups);
        }

        /** How the country at item k is attached to the verb's clause: a preposition, "object", or null. */
        private String attachment(int k, int verb) {
            int before = k - 1;
            while (before > verb && items.get(before).isWordIn(DETERMINERS)) {
                before--;
            }
            if (before == verb) {
                return "object";
            }
            Item item = items.get(before);
            return item.type() == ItemType.WORD ? ATTACHING.get(item.lower()) : null;
        }

        /** The first group attached by the preposition after item {@code after}: later ones are context. */
        private Optional<Group> firstAttached(Window window, String preposition, int after) {
            return window.groups().stream()
                    .filter(attached -> attached.group().first() > after)
                    .filter(attached -> attached.preposition().equals(preposition))
                    .map(Attached::group)
                    .findFirst();
        }

        private int firstTrigger(int from, int to) {
            for (int k = from; k < to; k++) {
                if (items.get(k).isTrigger()) {
                    return k;
                }
            }
            return -1;
        }

        /** Materiel (or a trigger such as "military aid") from item {@code from}, within supply reach of the verb. */
        private int materielAfter(int verb, int from, int to) {
            for (int k = from; k < to; k++) {
                Item item = items.get(k);
                if (TriggerLexicon.wordsIn(sentence, items.get(verb).end(), item.start())
                        > TriggerLexicon.SUPPLY_REACH) {
                    return -1;
                }
                if (item.isCue(Kind.MATERIEL) || item.isTrigger()) {
                    return k;
                }
            }
            return -1;
        }

        private int skip(int k, Set<String> words) {
            int i = k;
            while (i < items.size() && items.get(i).isWordIn(words)) {
                i++;
            }
            return i;
        }

        private String text(int fromItem, int toItem) {
            return sentence.substring(items.get(fromItem).start(), items.get(toItem).end());
        }

        private void add(Collection<String> as, Collection<String> bs, int fromItem, int triggerItem) {
            add(as, bs, fromItem, triggerItem, subtypeOf(fromItem, triggerItem));
        }

        private void add(Collection<String> as, Collection<String> bs, int fromItem, int triggerItem, String subtype) {
            if (negated(triggerItem)) {
                return;
            }
            Item from = items.get(fromItem);
            Item to = items.get(triggerItem);
            for (String a : as) {
                for (String b : bs) {
                    if (!a.equals(b)) {
                        pairs.putIfAbsent(Pairs.of(a, b), new CooperationPair(Pairs.of(a, b),
                                sentence.substring(from.start(), to.end()), from.start(), to.end(), subtype));
                    }
                }
            }
        }

        /** The subtype the lexicon gives the trigger; a training verb names its own. */
        private String subtypeOf(int fromItem, int triggerItem) {
            Item from = items.get(fromItem);
            Item to = items.get(triggerItem);
            if (from.type() == ItemType.CUE && from.isCue(Kind.TRAIN_VERB) && !from.cue().subtype().isEmpty()) {
                return from.cue().subtype();
            }
            if (to.type() == ItemType.CUE && !to.cue().subtype().isEmpty()) {
                return to.cue().subtype();
            }
            if (from.type() == ItemType.CUE && !from.cue().subtype().isEmpty()) {
                return from.cue().subtype();
            }
            return TriggerLexicon.MILITARY_COOPERATION;
        }

        /**
         * Whether the trigger is cancelled: a negation before it in its own clause (a later "but" or ";"
         * starts a new one: "refused to send X, but on Tuesday delivered Y"), the trigger inside an
         * "if"/"unless" clause, or a negation after it in its own clause ("the joint exercises between X
         * and Y were cancelled").
         */
        private boolean negated(int triggerItem) {
            boolean lasting = !isEventLike(triggerItem);
            for (int k = triggerItem - 1; k >= 0; k--) {
                Item item = items.get(k);
                if (item.isPunct(";") || item.isWord("but", "however", "whereas")) {
                    break;
                }
                // "declared a partnership with no limits and vowed to deepen...": a new verb, a new scope.
                if (item.isWord("and") && k + 1 < triggerItem && items.get(k + 1).type() == ItemType.CUE
                        && items.get(k + 1).cue().isAny(VERB_KINDS)) {
                    break;
                }
                if (item.isCue(Kind.NEGATION) || (lasting && item.isCue(Kind.TERMINATE))) {
                    return true;
                }
            }
            for (int k = triggerItem - 1; k >= 0; k--) {
                Item item = items.get(k);
                if (item.isPunct(",;")) {
                    break;
                }
                if ((item.type() == ItemType.CUE || item.type() == ItemType.WORD)
                        && (item.lower().equals("if") || item.lower().equals("unless"))) {
                    return true;
                }
            }
            for (int k = triggerItem + 1; k < items.size(); k++) {
                Item item = items.get(k);
                boolean joinsCountries = item.isWord("and") && skip(k + 1, Set.of("the")) < items.size()
                        && items.get(skip(k + 1, Set.of("the"))).type() == ItemType.COUNTRY;
                if (item.isPunct(",;:.!?()\u2014") || item.isWordIn(CLAUSE_BREAKERS)
                        || item.isWord("that", "which", "who") || (item.isWord("and") && !joinsCountries)) {
                    return false;
                }
                if (item.isCue(Kind.NEGATION) || (lasting && item.isCue(Kind.TERMINATE))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the trigger names an event that ends by itself (drills), rather than a lasting relation. */
        private boolean isEventLike(int triggerItem) {
            Item item = items.get(triggerItem);
            return item.type() == ItemType.CUE && item.cue().subtype().equals("joint-exercise");
        }

        private void addWithin(Collection<String> codes, int fromItem, int triggerItem) {
            add(codes, codes, fromItem, triggerItem);
        }

        /**
         * Reads "it" as the country that is the subject of the sentence: the one just before "said"
         * ("Paris said it would deliver..."), else the first country of the sentence when only a title or
         * "the" stands before it ("The US ..., but on Tuesday it delivered...").
         */
        private static List<Item> resolvePronouns(List<Item> items) {
            Item subject = null;
            int first = 0;
            while (first < items.size() && (items.get(first).isWord("the") || isHead(items.get(first)))
                    && items.get(first).type() != ItemType.COUNTRY) {
                first++;
            }
            if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                subject = items.get(first);
            }
            List<Item> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.isWord("said", "says", "announced", "confirmed", "added") && i > 0
                        && items.get(i - 1).type() == ItemType.COUNTRY) {
                    subject = items.get(i - 1);
                }
                boolean pronoun = item.isWord("it") && i > 0 && !items.get(i - 1).isWordIn(PREPOSITIONS);
                if (pronoun && subject != null) {
                    out.add(new Item(ItemType.COUNTRY, item.start(), item.end(), item.text(), subject.country(), null,
                            false));
                } else {
                    out.add(item);
                }
            }
            return out;
        }

        private static List<Item> tokenize(String s, List<CountryMention> countries, List<Cue> cues,
                List<Reference> references) {
            // What starts at each offset (a later span at the same offset replaces an earlier one); arrays
            // indexed by offset, because the lookups below run once per char of the sentence.
            int length = s.length();
            Reference[] referenceAt = references.isEmpty() ? null : new Reference[length + 1];
            CountryMention[] countryAt = new CountryMention[length + 1];
            Cue[] cueAt = new Cue[length + 1];
            // Where a country, reference or cue starts: a word never runs into one.
            boolean[] spanStarts = new boolean[length + 1];
            for (Reference reference : references) {
                referenceAt[reference.start()] = reference;
                spanStarts[reference.start()] = true;
            }
            for (CountryMention mention : countries) {
                countryAt[mention.start()] = mention;
                spanStarts[mention.start()] = true;
            }
            for (Cue cue : cues) {
                if (!overlapsAny(cue, countries, references)) {
                    cueAt[cue.start()] = cue;
                    spanStarts[cue.start()] = true;
                }
            }
            List<Item> items = new ArrayList<>();
            int pos = 0;
            while (pos < length) {
                Reference reference = referenceAt == null ? null : referenceAt[pos];
                if (reference != null) {
                    // Read as "X and Y": the group rules then treat it like the countries it stands for.
                    for (int c = 0; c < reference.codes().size(); c++) {
                        if (c > 0) {
                            items.add(new Item(ItemType.WORD, reference.start(), reference.end(), "and", null, null, false));
                        }
                        CountryMention stand = new CountryMention(CountryMention.Type.REFERENCE, reference.codes().get(c),
                                s.substring(reference.start(), reference.end()), reference.start(), reference.end());
                        items.add(new Item(ItemType.COUNTRY, reference.start(), reference.end(), stand.text(), stand, null,
                                false));
                    }
                    pos = reference.end();
                    continue;
                }
                CountryMention mention = countryAt[pos];
                if (mention != null) {
                    int end = mention.end();
                    int possessiveEnd = possessiveEnd(s, end);
                    boolean owns = possessiveEnd > end;
                    items.add(new Item(ItemType.COUNTRY, mention.start(), end, mention.text(), mention, null, owns));
                    pos = possessiveEnd;
                    continue;
                }
                Cue cue = cueAt[pos];
                if (cue != null) {
                    items.add(new Item(ItemType.CUE, cue.start(), cue.end(), cue.text(), null, cue, false));
                    pos = cue.end();
                    continue;
                }
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (Character.isLetterOrDigit(c)) {
                    int end = wordEnd(s, pos, spanStarts);
                    items.add(new Item(ItemType.WORD, pos, end, s.substring(pos, end), null, null, false));
                    pos = end;
                } else {
                    items.add(new Item(ItemType.PUNCT, pos, pos + 1, String.valueOf(c), null, null, false));
                    pos++;
                }
            }
            return items;
        }

        private static boolean overlapsAny(Cue cue, List<CountryMention> countries, List<Reference> references) {
            for (CountryMention m : countries) {
                if (m.start() < cue.end() && cue.start() < m.end()) {
                    return true;
                }
            }
            for (Reference r : references) {
                if (r.start() < cue.end() && cue.start() < r.end()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Where a possessive ending ({@code 's}, or a lone apostrophe as in {@code Philippines'}) that starts at
         * {@code at} ends, or {@code at} when there is none; typographic apostrophes count too.
         */
        private static int possessiveEnd(String s, int at) {
            if (at >= s.length() || (s.charAt(at) != '\'' && s.charAt(at) != '\u2019')) {
                return at;
            }
            if (at + 1 < s.length() && s.charAt(at + 1) == 's' && !letterOrNumberAt(s, at + 2)) {
                return at + 2;
            }
            return letterOrNumberAt(s, at + 1) ? at : at + 1;
        }

        private static boolean letterOrNumberAt(String s, int i) {
            if (i >= s.length()) {
                return false;
            }
            int c = s.codePointAt(i);
            int type = Character.getType(c);
            return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                    || type == Character.OTHER_NUMBER;
        }

        private static int wordEnd(String s, int start, boolean[] spanStarts) {
            int end = start + 1;
            while (end < s.length() && !spanStarts[end]) {
                char c = s.charAt(end);
                if (Character.isLetterOrDigit(c)) {
                    end++;
                } else if ("'\u2019-.".indexOf(c) >= 0 && end + 1 < s.length()
                        && Character.isLetterOrDigit(s.charAt(end + 1)) && !spanStarts[end + 1]) {
                    end += 2;
                } else {
                    break;
                }
            }
            return end;
        }
    }
}
