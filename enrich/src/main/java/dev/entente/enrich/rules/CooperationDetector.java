package dev.entente.enrich.rules;

import dev.entente.enrich.gazetteer.CountryMention;
import dev.entente.enrich.rules.TriggerLexicon.Cue;
import dev.entente.enrich.rules.TriggerLexicon.Kind;
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
 *       patrols", "X will host Y for naval exercises"); for drills they do so with partners too ("X and Y held
 *       drills with Z"), unless kept apart ("each held drills with Z"). A group followed by an observer word
 *       ("with Z attending as observers") is no partner.</li>
 *   <li><b>supply</b>: G, a supply verb, materiel, then {@code to} a recipient ("X sent missiles to Y"),
 *       or the recipient right after the verb and {@code with} materiel ("X supplied Y with tanks"), or the
 *       recipient right after the verb, then materiel and no {@code to} ("X will give Y new radars", "X will
 *       give Y's army radars"; not "sent North Korean troops", where the country is the materiel's adjective);
 *       seen from the recipient: "Y bought fighter jets from X", "the jets Y bought from X", or the supplier as
 *       owner or maker of the materiel right after the verb ("Y bought Chinese FK-3 air defence systems",
 *       "Y's purchase of Russian S-400 systems", "buy X's Arrow 3 system", also after amounts and a batch:
 *       "bought $5 billion worth of X weapons", "inducted its first batch of X-built jets"). Passives name the
 *       supplier after {@code by} and need the recipient after {@code to} ("the tanks were delivered to Y by X",
 *       "delivered by X to Y"; not "Y shot down drones supplied by X").</li>
 *   <li><b>training</b>: G, a training verb, maybe a quantity, then a country and its personnel ("X will
 *       train Y's troops", "X officers will train about 10,000 Y soldiers"); in the passive, the trainees'
 *       personnel before the verb and the trainer after {@code by} ("Y pilots will be trained by X
 *       instructors").</li>
 *   <li><b>infinitives</b>: the supply, receipt, training and making verbs above may head an infinitive
 *       governed by a cooperation verb of G in its clause, with no country between ("X signed a deal worth
 *       $4 billion on Thursday to buy Y's system"). Making verbs ({@code produce}, {@code build}...) count only
 *       so, for a group of two or more, with materiel after them ("X and Y signed an agreement to produce
 *       drones"), subtype {@code defence-industry}. A purpose clause ("to train", "to join") has for agent the
 *       nearest forces named by their country before it ("X instructors arrived in Y to train Y soldiers", "X
 *       jets landed in Y to join the Y air force in drills").</li>
 *   <li><b>between</b>: the trigger, then {@code between}/{@code among}/{@code involving} (or {@code by},
 *       for passive phrasing) and a group of two or more ("joint drills between X and Y").</li>
 *   <li><b>compound</b>: a group of two or more right before the trigger ("X-Y joint drills", "X and Y's
 *       defence pact").</li>
 *   <li><b>possessive</b>: {@code X's} or {@code its} (the nearest country before it), the trigger, then
 *       {@code with Y} or {@code to Y} ("Iran's arms deal with Russia", "Iran's arms deliveries to Russia",
 *       "sanctions on Iran over its arms deal with Russia"); a country right before the trigger acts the
 *       same way ("US military aid to Ukraine, Israel and Taiwan"), and {@code for} counts like {@code to}; a
 *       base held by the owner ({@code X's}, {@code its} or {@code X} right before it) takes {@code in Y} as
 *       its host ("its naval base in Djibouti"; not "built a military base in Djibouti").</li>
 *   <li><b>visit</b>: G, a visit verb, the country visited, then a trigger in the clause ("Shoigu visited
 *       North Korea to discuss defence cooperation"), subtype {@code defence-visit}; a visit "to seek" or
 *       "to ask for" aid is a request and forms no pair. Without a trigger, a visit by a defence official,
 *       military delegation or warship to the country right after the verb ("Chinese Defence Minister X arrived
 *       in Nepal"; not "visited Ukraine's occupied regions"), "a visit by a X warship to Y", and "Y's defence
 *       minister held talks with a visiting X military delegation" are defence visits too.</li>
 *   <li><b>stationing</b>: G, a station verb, forces, then {@code in} a host ("Germany will station a
 *       brigade of troops in Lithuania"), subtype {@code basing}; whoever the subject, a station verb, forces
 *       named by their country, then {@code in} a host that is not a possessive ("stationing a German combat
 *       brigade in Lithuania"; not "in Ukraine's east").</li>
 *   <li><b>consent</b>: forces sent at a country's request or under an agreement with it: the nearest group
 *       before the consent words that acts as subject and owns forces ("Burundian troops", "Rwanda began
 *       deploying soldiers") and the country after them ("at the request of the Mozambican government", "under
 *       an agreement with Kinshasa"); a host that authorises or invites a country's forces ("X authorised Y
 *       troops to enter the country") likewise.</li>
 * </ol>
 *
 * <p>Actors: a group may be a leader in office or an institution ("Putin and Kim Jong Un signed"), a run of
 * titles and names of one country is one actor ("Russian President Vladimir Putin"), "his Iranian
 * counterpart" joins a group, "troops from X, Y and Z" and "the navies of X and Y" (also right after a
 * dateline's dash; also "soldiers of the X army and the Y army") make the countries the actors, a quantity
 * before forces ("about 5,500 X troops") does not make them an object, a country right before a noun of intent is the agent of what
 * follows ("opposed a US plan to train Ukrainian troops"), and "it" is the sentence's subject country ("Paris
 * said it would deliver...", or the first country after a dateline: "ABUJA - Nigeria took delivery of the
 * aircraft it bought from X"). A {@link Reference} ("the two countries") is read as the group it stands for.
 *
 * <p>Coding decisions, as a political scientist would code event data, precision before recall:
 *
 * <ul>
 *   <li>Co-mention is never enough. A country that is only the place ({@code in}, {@code near},
 *       {@code off}...), an observer, a critic or the speaker forms no pair; a country after another one
 *       that is not attached by {@code with}, {@code to}, {@code from} or a place preposition ends the
 *       clause, unless it is a possessive that only owns a noun ("agreed to extend Moscow's lease on the air
 *       base").</li>
 *   <li>A group that is the object of a preposition or of a directive or hostile verb in its clause
 *       ("urged Japan and Korea to hold drills", "condemned X and Y for holding drills") cannot be the
 *       actor of rules 1-3; the nominal rules 4-6 still apply, since "Z condemned the X-Y drills" still
 *       asserts that X and Y drilled together.</li>
 *   <li>A negation, denial, refusal, accusation or halt before the trigger in its clause (a later "but",
 *       "however" or ";" opens a new one, as does "and" before a new verb), a trigger inside an "if" or
 *       "unless" clause, or a negation after it in its clause (a purpose clause after the trigger, "to stop
 *       smuggling", is a new one), cancels it; a capitalised "No" before a name ("minister No Kwang Chol") is
 *       a name, except across {@code over}, which
 *       gives a cause ("froze ties over US arms sales to Taiwan" asserts the sales); verbs that end a lasting relation
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
    static final String DEFENCE_INDUSTRY = "defence-industry";
    public static final Set<String> RELATION_SUBTYPES = Set.of(DEFENCE_VISIT, BASING, DEFENCE_INDUSTRY);

    private static final Set<Kind> PARTNERSHIP_VERBS = KindSet.of(EnumSet.of(Kind.COOP_VERB, Kind.JOIN_VERB));
    // One verb kind each, for verbAfter; KindSet so that Cue.isAny is one mask test.
    private static final Set<Kind> VISIT_VERBS = KindSet.of(EnumSet.of(Kind.VISIT_VERB));
    private static final Set<Kind> SUPPLY_VERBS = KindSet.of(EnumSet.of(Kind.SUPPLY_VERB));
    private static final Set<Kind> RECEIVE_VERBS = KindSet.of(EnumSet.of(Kind.RECEIVE_VERB));
    private static final Set<Kind> TRAIN_VERBS = KindSet.of(EnumSet.of(Kind.TRAIN_VERB));
    private static final Set<Kind> PERMIT_VERBS = KindSet.of(EnumSet.of(Kind.PERMIT_VERB));
    private static final Set<Kind> PRODUCE_VERBS = KindSet.of(EnumSet.of(Kind.PRODUCE_VERB));
    private static final Set<Kind> MEETING_VERBS = KindSet.of(EnumSet.of(Kind.COOP_VERB, Kind.RECEIVE_VERB));
    private static final Set<Kind> VERB_KINDS = KindSet.of(EnumSet.of(Kind.COOP_VERB, Kind.JOIN_VERB, Kind.SUPPLY_VERB,
            Kind.RECEIVE_VERB, Kind.TRAIN_VERB, Kind.VISIT_VERB));

    /** Every word the rules test for; declared before the word sets that fill it. */
    private static final Vocabulary VOCABULARY = new Vocabulary();

    /**
     * Nouns of intent or decision: a country right before one is the agent of what follows ("opposed a US
     * plan to train Ukrainian troops"), whatever verb governs the phrase.
     */
    private static final WordSet PLAN_NOUNS = WordSet.of(
            "plan", "plans", "proposal", "proposals", "decision", "offer", "move", "bid", "pledge", "promise",
            "effort", "efforts", "programme", "program", "initiative", "intention", "commitment", "push");

    /** Words of a request: a visit "to seek military aid" asserts no cooperation yet. */
    private static final WordSet REQUESTS = WordSet.of(
            "seek", "seeks", "seeking", "sought", "ask", "asks", "asking", "asked", "request", "requests",
            "requesting", "requested", "appeal", "appeals", "lobby", "lobbying", "plead", "urge");

    /** Nouns for armed forces: "troops from X and Y took part" makes X and Y the actors. */
    private static final WordSet FORCE_NOUNS = WordSet.of(
            "troops", "forces", "navies", "navy", "armies", "army", "militaries", "soldiers", "sailors", "marines",
            "warships", "units", "contingents", "delegations", "officers", "pilots", "air", "ships", "air force",
            "air forces");
    private static final Set<Kind> NOUN_KINDS = KindSet.of(EnumSet.of(Kind.CONTEXT, Kind.PERSONNEL, Kind.MATERIEL));

    private static final WordSet HEAD_WORDS = WordSet.of(
            "leader", "leaders", "president", "prime", "minister", "ministers", "premier", "chancellor",
            "foreign", "navy", "navies", "armies", "militaries", "officials", "government", "governments",
            "counterpart", "counterparts", "delegation", "delegations", "envoy", "envoys", "ambassador",
            "top", "general", "generals", "commander", "commanders", "chief", "chiefs", "head", "heads",
            "coast", "guard", "guards", "air", "force", "ministry", "ministries");

    /** Words that cannot stand between an actor and its verb. */
    private static final WordSet GAP_BREAKERS = WordSet.of(
            "against", "for", "of", "over", "from", "that", "which", "who", "whose", "whom", "after", "before",
            "when", "while", "if", "because", "but", "and", "or", "nor", "than", "since", "as", "with", "without",
            "between", "among", "despite", "unlike", "like", "whether");

    /** Words after which a country is an object, never an actor. */
    private static final WordSet PREPOSITIONS = WordSet.of(
            "of", "on", "against", "with", "to", "by", "for", "from", "between", "among", "over", "about", "at",
            "near", "in", "into", "under", "toward", "towards", "than", "including", "like", "via", "across",
            "around", "off", "alongside", "upon", "onto", "within", "without");

    /** Prepositions that attach a country to the clause of a verb; any other country ends the clause. */
    private static final Map<String, String> ATTACHING = attaching();

    /**
     * Lower-case words after which a country can still be an actor ("officials said Russia and China
     * will..."); after any other lower-case word it is taken for an object ("visited France").
     */
    private static final WordSet SUBJECT_OPENERS = WordSet.of(
            "that", "said", "says", "say", "added", "and", "but", "while", "as", "when", "where", "whereas",
            "after", "before", "because", "since", "also", "meanwhile", "now", "then", "reportedly", "so",
            "although", "though", "once", "until", "today", "yesterday", "tonight", "week", "month", "year",
            "weekend", "morning", "afternoon", "evening", "night", "earlier", "later", "recently", "first");

    private static final WordSet CLAUSE_BREAKERS = WordSet.of(
            "but", "while", "whereas", "although", "though", "after", "before", "because", "since", "when",
            "unless", "amid", "despite", "following");

    private static final WordSet DETERMINERS = WordSet.of("the", "its", "their", "neighbouring", "neighboring");

    /** Words that may stand between a connector and the next member of a group ("X and his Y counterpart"). */
    private static final WordSet GROUP_DETERMINERS = WordSet.of("the", "his", "her", "its", "their");

    // Single words and short lists the rules test for.
    private static final WordSet THE = WordSet.of("the");
    private static final WordSet AND = WordSet.of("and");
    private static final WordSet WITH = WordSet.of("with");
    private static final WordSet IT = WordSet.of("it");
    private static final WordSet OF_FROM = WordSet.of("of", "from");
    private static final WordSet WITH_TO_FOR = WordSet.of("with", "to", "for");
    private static final WordSet POSSESSIVE_PRONOUNS = WordSet.of("its", "their");
    private static final WordSet BETWEEN_WORDS = WordSet.of("between", "among", "involving", "by", "of");
    private static final WordSet CONTRASTS = WordSet.of("but", "however", "whereas");
    private static final WordSet RELATIVE_PRONOUNS = WordSet.of("that", "which", "who");
    private static final WordSet CLAUSE_OPENERS_AFTER_COMMA = WordSet.of("and", "but", "while", "which", "who", "whereas");
    private static final WordSet SPEECH_VERBS = WordSet.of("said", "says", "announced", "confirmed", "added");
    private static final WordSet CONDITIONS = WordSet.of("if", "unless");

    /** Words that make the countries just before them observers ("with France attending as observers"). */
    private static final WordSet OBSERVERS = WordSet.of("observer", "observers", "observing", "watching", "monitoring");

    /** Words of a quantity before the people trained ("train up to 10,000 Ukrainian soldiers"). */
    private static final WordSet QUANTITY = WordSet.of(
            "about", "some", "around", "nearly", "almost", "roughly", "approximately", "up", "to", "more", "than",
            "over", "at", "least", "another", "additional", "further", "several", "hundreds", "thousands", "dozens",
            "of", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty");

    /** Words that name a defence official, force or ship: their visit is a defence visit by itself. */
    private static final WordSet DEFENCE_TITLES = WordSet.of(
            "defence", "defense", "military", "army", "navy", "naval", "warship", "warships", "armed");

    /** Words that may stand between a receipt verb and the supplier before the materiel ("the first Chinese"). */
    private static final WordSet RECEIPT_FILLERS = WordSet.of(
            "of", "the", "a", "an", "its", "their", "his", "her", "first", "new", "more", "further", "additional",
            "second", "third", "latest", "initial", "batch", "batches", "consignment", "squadron", "worth", "million", "billion", "nearly", "about", "some",
            "over");

    private static final WordSet VISIT_BY = WordSet.of("by");
    private static final WordSet TO = WordSet.of("to");

    /** Auxiliaries and adverbs between materiel or personnel and a passive verb ("were newly delivered by"). */
    private static final WordSet PASSIVE_FILLERS = WordSet.of(
            "be", "been", "being", "was", "were", "is", "are", "will", "would", "to", "have", "has", "had", "newly",
            "recently", "already", "also", "soon", "first");
    private static final WordSet VISITING = WordSet.of("visiting");
    private static final WordSet IN = WordSet.of("in");

    /** Words that give the cause of what comes before: a halt before them does not reach a trigger after them. */
    private static final WordSet CAUSES = WordSet.of("over");

    /**
     * Verbs that move a country's own forces; not supply verbs, since "deployed troops to the Ukrainian border"
     * is no support of Ukraine. With a consent ("at the request of X") they are.
     */
    private static final WordSet DEPLOY_VERBS = WordSet.of("deploy", "deploys", "deployed", "deploying");
    private static final WordSet ARTICLES = WordSet.of("a", "an", "the");

    /** Words that keep the members of a group apart in a joint event ("each held drills with the US"). */
    private static final WordSet SEPARATELY = WordSet.of(
            "each", "separate", "separately", "respectively", "individually");

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
        // attachment() looks a token up by its vocabulary word.
        map.keySet().forEach(VOCABULARY::add);
        return Map.copyOf(map);
    }

    /**
     * The lower-case words the rules test for, each with a small id and the bits of the {@link WordSet}s that
     * hold it. A token is looked up once, straight from the chars of the sentence, when the sentence is
     * tokenised; every test of a rule is then one mask test on the token. (Before, each token got a lower-case
     * copy that the rules hashed into {@code Set.of} sets again and again.) Filled only while the class
     * initialises, read-only afterwards.
     */
    private static final class Vocabulary {
        static final int UNKNOWN = -1;
        // Open addressing, at most half full: the words (ASCII, lower case) and their ids.
        private static final int SLOTS = 1024;
        private final String[] slots = new String[SLOTS];
        private final int[] slotIds = new int[SLOTS];
        private final List<String> words = new ArrayList<>();
        // By word id, the bits of the word sets that hold the word.
        private final long[] memberships = new long[SLOTS / 2];
        private int sets;

        /** The id of the word, added when new. */
        int add(String word) {
            int id = find(word, 0, word.length());
            if (id != UNKNOWN) {
                return id;
            }
            if (!isLowerAscii(word) || 2 * (words.size() + 1) > SLOTS) {
                throw new IllegalStateException("cannot add '" + word + "' to the vocabulary");
            }
            int slot = slotOf(hash(word, 0, word.length()));
            while (slots[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            slots[slot] = word;
            slotIds[slot] = words.size();
            words.add(word);
            return slotIds[slot];
        }

        String word(int id) {
            return words.get(id);
        }

        /** The bit of a new word set. */
        long newSet() {
            if (sets == Long.SIZE) {
                throw new IllegalStateException("more than " + Long.SIZE + " word sets");
            }
            return 1L << sets++;
        }

        void join(int id, long set) {
            memberships[id] |= set;
        }

        /** The bits of the word sets that hold the word with this id; none for {@link #UNKNOWN}. */
        long setsOf(int id) {
            return id == UNKNOWN ? 0 : memberships[id];
        }

        /**
         * The id of {@code text[start, end)} lower-cased as {@code toLowerCase(Locale.ROOT)} would, or
         * {@link #UNKNOWN}.
         */
        int find(String text, int start, int end) {
            for (int i = start; i < end; i++) {
                if (text.charAt(i) >= 128) {
                    // Rare; the lower case of a char outside ASCII may still be ASCII (the Kelvin sign is 'k').
                    String lower = text.substring(start, end).toLowerCase(Locale.ROOT);
                    return isAscii(lower) ? find(lower, 0, lower.length()) : UNKNOWN;
                }
            }
            for (int slot = slotOf(hash(text, start, end)); slots[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
                if (equalsLowered(slots[slot], text, start, end)) {
                    return slotIds[slot];
                }
            }
            return UNKNOWN;
        }

        private static int hash(String text, int start, int end) {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + lower(text.charAt(i));
            }
            return hash;
        }

        private static int slotOf(int hash) {
            return (hash ^ (hash >>> 16)) & (SLOTS - 1);
        }

        private static boolean equalsLowered(String word, String text, int start, int end) {
            if (word.length() != end - start) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (word.charAt(i) != lower(text.charAt(start + i))) {
                    return false;
                }
            }
            return true;
        }

        /** ASCII lower case. */
        private static char lower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        private static boolean isAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 128) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isLowerAscii(String word) {
            return isAscii(word) && word.equals(word.toLowerCase(Locale.ROOT));
        }
    }

    /** Words of the vocabulary: one bit, set in each of the words' {@link Vocabulary#setsOf memberships}. */
    private static final class WordSet {
        private final long bit;

        private WordSet(long bit) {
            this.bit = bit;
        }

        static WordSet of(String... words) {
            long bit = VOCABULARY.newSet();
            for (String word : words) {
                VOCABULARY.join(VOCABULARY.add(word), bit);
            }
            return new WordSet(bit);
        }
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
    public boolean mayAssert(TriggerLexicon.Scan scan) {
        boolean visitOrConsent = false;
        boolean military = false;
        for (Cue cue : scan.cues()) {
            if (cue.standalone() || cue.isAny(RELATION_VERBS)) {
                return true;
            }
            visitOrConsent |= cue.isAny(VISIT_OR_CONSENT);
            military |= cue.isAny(NOUN_KINDS);
        }
        // A defence official's visit or forces sent at a country's request need no trigger, but military words.
        return visitOrConsent && military;
    }

    private static final Set<Kind> VISIT_OR_CONSENT =
            KindSet.of(EnumSet.of(Kind.VISIT_VERB, Kind.CONSENT, Kind.PERMIT_VERB, Kind.PRODUCE_VERB));

    private static final Set<Kind> RELATION_VERBS =
            KindSet.of(EnumSet.of(Kind.SUPPLY_VERB, Kind.RECEIVE_VERB, Kind.TRAIN_VERB));

    private enum ItemType { COUNTRY, CUE, WORD, PUNCT }

    /** A token of the sentence: a whole country mention, a whole cue, a word or one punctuation char. */
    private static final class Item {
        private final ItemType type;
        private final int start;
        private final int end;
        private final CountryMention country;
        private final Cue cue;
        private final boolean possessive;
        // The rules ask which word a word or cue is many times: its vocabulary id, looked up once, and the word
        // sets that hold it.
        private final int word;
        private final long sets;
        // Of a word: whether its first char is upper case.
        private final boolean capitalised;
        // Of a punctuation item: its char.
        private final char symbol;

        private Item(ItemType type, int start, int end, CountryMention country, Cue cue, boolean possessive, int word,
                boolean capitalised, char symbol) {
            this.type = type;
            this.start = start;
            this.end = end;
            this.country = country;
            this.cue = cue;
            this.possessive = possessive;
            this.word = word;
            this.sets = VOCABULARY.setsOf(word);
            this.capitalised = capitalised;
            this.symbol = symbol;
        }

        /** The word {@code sentence[start, end)}. */
        static Item word(String sentence, int start, int end) {
            return new Item(ItemType.WORD, start, end, null, null, false, VOCABULARY.find(sentence, start, end),
                    Character.isUpperCase(sentence.charAt(start)), '\0');
        }

        /** The word "and" standing between the countries a reference stands for. */
        static Item and(int start, int end) {
            return new Item(ItemType.WORD, start, end, null, null, false, VOCABULARY.find("and", 0, 3), false, '\0');
        }

        static Item punct(int at, char symbol) {
            return new Item(ItemType.PUNCT, at, at + 1, null, null, false, Vocabulary.UNKNOWN, false, symbol);
        }

        static Item country(int start, int end, CountryMention country, boolean possessive) {
            return new Item(ItemType.COUNTRY, start, end, country, null, possessive, Vocabulary.UNKNOWN, false, '\0');
        }

        static Item cue(Cue cue) {
            return new Item(ItemType.CUE, cue.start(), cue.end(), null, cue, false,
                    VOCABULARY.find(cue.text(), 0, cue.text().length()), false, '\0');
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

        CountryMention country() {
            return country;
        }

        Cue cue() {
            return cue;
        }

        boolean possessive() {
            return possessive;
        }

        /** Whether this is a word of the set. */
        boolean isWordIn(WordSet words) {
            return type == ItemType.WORD && (sets & words.bit) != 0;
        }

        /** Whether this is a word or a cue whose lower-case text is a word of the set. */
        boolean isWordOrCueIn(WordSet words) {
            return (type == ItemType.WORD || type == ItemType.CUE) && (sets & words.bit) != 0;
        }

        boolean isPunct(String chars) {
            return type == ItemType.PUNCT && chars.indexOf(symbol) >= 0;
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
        private final Map<String, CooperationPair> pairs = new LinkedHashMap<>();
        // Memos of group and continuesGroup by item (the items never change): 0 unknown, 1 true, 2 false.
        private final Group[] groupAt;
        private final byte[] continuesAt;

        Parse(String sentence, List<CountryMention> countries, List<Cue> cues, List<Reference> references) {
            this.sentence = sentence;
            this.items = resolvePronouns(tokenize(sentence, countries, cues, references));
            this.groupAt = new Group[items.size()];
            this.continuesAt = new byte[items.size()];
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
                        permit(group);
                        production(group);
                    } else if (items.get(group.last()).possessive()) {
                        // "condemned North Korea's deployment of troops to Russia": the owner acts in the noun phrase.
                        supply(group);
                        receipt(group);
                        training(group);
                    } else if (group.first() > 0 && items.get(group.first() - 1).isCue(Kind.MATERIEL)) {
                        // "the aircraft it bought from X": the subject of a relative clause on the materiel.
                        receipt(group);
                    }
                }
                if (item.isTrigger()) {
                    between(i);
                }
                if (item.isCue(Kind.CONSENT)) {
                    consent(i);
                }
                if (item.isCue(Kind.VISIT_VERB)) {
                    visitBy(i);
                    visitingDelegation(i);
                }
                if (item.isCue(Kind.STATION_VERB)) {
                    stationedForces(i);
                }
                if (item.isCue(Kind.SUPPLY_VERB) || item.isCue(Kind.TRAIN_VERB)) {
                    passive(i);
                }
                if (item.isCue(Kind.TRAIN_VERB) && i > 0 && items.get(i - 1).isWordIn(TO)) {
                    purposeTraining(i);
                }
                if (item.isCue(Kind.JOIN_VERB) && i > 0 && items.get(i - 1).isWordIn(TO)) {
                    purposeJoin(i);
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
                boolean partner = attached.preposition().equals("with") || attached.preposition().equals("object")
                        || recipient;
                if (partner && !observes(attached.group())) {
                    partners.addAll(attached.group().codes());
                    break;
                }
            }
            if (partners.isEmpty()) {
                addWithin(group.codes(), trigger, trigger);
                return;
            }
            add(group.codes(), partners, trigger, trigger);
            // "X and Y held drills with Z": all three take part in one event. A deal with Z may be two
            // bilateral deals, and "each held drills with Z" keeps them apart.
            if (isEventLike(trigger) && !anyWordIn(group.first(), window.to(), SEPARATELY)) {
                addWithin(group.codes(), trigger, trigger);
            }
        }

        /** Whether the group is followed closely by an observer word ("France and the UAE attending as observers"). */
        private boolean observes(Group group) {
            return anyWordIn(group.last() + 1, Math.min(items.size(), group.last() + 6), OBSERVERS);
        }

        private boolean anyWordIn(int from, int to, WordSet words) {
            for (int k = from; k < to; k++) {
                if (items.get(k).isWordIn(words)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A defence visit: the visitor, a visit verb, the country visited, then a trigger in the clause
         * ("Shoigu visited North Korea to discuss defence cooperation").
         */
        private void visit(Group visitor) {
            int verb = verbAfter(visitor, VISIT_VERBS);
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            int trigger = firstTrigger(window.from(), window.to());
            if (trigger < 0) {
                officialVisit(visitor, verb, window);
                return;
            }
            for (int k = window.from(); k < trigger; k++) {
                Item item = items.get(k);
                if (item.isWordOrCueIn(REQUESTS)) {
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

        /**
         * A visit with no trigger is a defence visit when the visitor is a defence official, a military delegation
         * or a warship ("Chinese Defence Minister X arrived in Nepal"), and the country visited follows the verb
         * at once; "visited Ukraine's occupied regions" names a place of the country, not a host.
         */
        private void officialVisit(Group visitor, int verb, Window window) {
            if (!anyWordOrCueIn(visitor.first(), verb, DEFENCE_TITLES)) {
                return;
            }
            for (Attached attached : window.groups()) {
                Group host = attached.group();
                boolean destination = attached.preposition().equals("object") || attached.preposition().equals("in");
                if (destination && host.first() <= verb + 2 && !items.get(host.last()).possessive()) {
                    add(visitor.codes(), host.codes(), verb, verb, DEFENCE_VISIT);
                }
                return;
            }
        }

        /** "the first visit by a US aircraft carrier to Vietnam": a visit noun, its defence visitor, then the host. */
        private void visitBy(int visit) {
            int k = visit + 1;
            if (k >= items.size() || !items.get(k).isWordIn(VISIT_BY)) {
                return;
            }
            k = skip(k + 1, ARTICLES);
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Group visitor = group(k);
            int to = visitor.last() + 1;
            while (to < items.size() && to <= visitor.last() + 4 && isHead(items.get(to))) {
                to++;
            }
            boolean military = anyWordOrCueIn(visitor.last() + 1, to, DEFENCE_TITLES)
                    || anyCueIn(visitor.last() + 1, to, Kind.MATERIEL);
            if (!military) {
                return;
            }
            if (to + 1 < items.size() && items.get(to).isWordIn(WITH_TO_FOR)
                    && items.get(to + 1).type() == ItemType.COUNTRY && !items.get(to).isWordIn(WITH)) {
                add(visitor.codes(), group(to + 1).codes(), visit, visit, DEFENCE_VISIT);
            }
        }

        /**
         * "X's defence minister held talks with a visiting Y military delegation": the host is the subject before,
         * tied to the visit by a cooperation or receive verb ("held talks", "received").
         */
        private void visitingDelegation(int visit) {
            if (!items.get(visit).isWordOrCueIn(VISITING)) {
                return;
            }
            int k = skip(visit + 1, THE);
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Group visitor = group(k);
            int end = visitor.last() + 1;
            while (end < items.size() && end <= visitor.last() + 3 && isHead(items.get(end))) {
                end++;
            }
            if (!anyWordOrCueIn(visitor.last() + 1, end, DEFENCE_TITLES)) {
                return;
            }
            boolean meets = false;
            for (int j = visit - 1; j >= 0; j--) {
                Item item = items.get(j);
                if (item.isPunct(",;:") || item.isWordIn(CONTRASTS)) {
                    return;
                }
                meets |= item.type() == ItemType.CUE && item.cue().isAny(MEETING_VERBS);
                if (item.type() == ItemType.COUNTRY && !continuesGroup(j)) {
                    Group host = group(j);
                    if (meets && actsAsSubject(host)) {
                        add(host.codes(), visitor.codes(), visit, visit, DEFENCE_VISIT);
                    }
                    return;
                }
            }
        }

        /**
         * "stationing a German combat brigade in Lithuania": a station verb, forces named by their country, then
         * the host, whoever the subject is.
         */
        private void stationedForces(int verb) {
            int k = skipQuantity(skip(verb + 1, ARTICLES));
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY || items.get(k).possessive()) {
                return;
            }
            Group owner = group(k);
            int forces = -1;
            for (int j = owner.last() + 1; j < items.size() && j <= owner.last() + 3; j++) {
                Item item = items.get(j);
                if (item.isCue(Kind.MATERIEL) || item.isCue(Kind.PERSONNEL)) {
                    forces = j;
                    break;
                }
                boolean modifier = (item.type() == ItemType.WORD && !item.isWordIn(GAP_BREAKERS)) || item.isNounCue();
                if (!modifier) {
                    return;
                }
            }
            // The host follows "in" in the same phrase; "in Ukraine's east" names a place of a country, not a host.
            for (int j = forces + 1; forces >= 0 && j < items.size() && j <= forces + 8; j++) {
                Item item = items.get(j);
                if ((item.type() == ItemType.PUNCT && !isThousandsComma(j)) || item.type() == ItemType.COUNTRY) {
                    return;
                }
                int host = skip(j + 1, THE);
                if (item.isWordIn(IN) && host < items.size() && items.get(host).type() == ItemType.COUNTRY
                        && !items.get(group(host).last()).possessive()) {
                    add(owner.codes(), group(host).codes(), verb, forces, BASING);
                    return;
                }
            }
        }

        /**
         * Forces sent at a country's request or under an agreement with it: the forces' country (the nearest group
         * before the cue that acts as subject and owns forces, "Rwanda began deploying soldiers" or "Burundian
         * troops") and the country after the cue ("at the request of the Mozambican government").
         */
        private void consent(int cue) {
            int k = skip(cue + 1, THE);
            while (k < items.size() && k <= cue + 4 && items.get(k).type() != ItemType.COUNTRY
                    && isHead(items.get(k))) {
                k++;
            }
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Set<String> host = group(k).codes();
            for (int j = cue - 1; j >= 0; j--) {
                Item item = items.get(j);
                if (item.isPunct(";") || item.isWordIn(CONTRASTS)) {
                    return;
                }
                if (item.type() == ItemType.COUNTRY && !continuesGroup(j)) {
                    Group forces = group(j);
                    if (actsAsSubject(forces) && ownsForces(forces, cue)) {
                        add(forces.codes(), host, cue, cue, TriggerLexicon.MILITARY_COOPERATION);
                        return;
                    }
                }
            }
        }

        /** Whether forces follow the group ("Burundian troops") or a verb of it sends them ("Rwanda deployed"). */
        private boolean ownsForces(Group group, int limit) {
            int k = group.last() + 1;
            while (k < limit && k <= group.last() + 3 && isHead(items.get(k)) && !items.get(k).isCue(Kind.MATERIEL)
                    && !items.get(k).isCue(Kind.PERSONNEL)) {
                k++;
            }
            if (k < limit && (items.get(k).isCue(Kind.MATERIEL) || items.get(k).isCue(Kind.PERSONNEL))) {
                return true;
            }
            for (int verb = group.last() + 1; verb < limit && verb <= group.last() + SUBJECT_GAP; verb++) {
                Item item = items.get(verb);
                boolean sends = item.isCue(Kind.SUPPLY_VERB) || item.isWordIn(DEPLOY_VERBS);
                if (sends) {
                    return materielAfter(verb, verb + 1, limit) >= 0;
                }
                if (item.type() == ItemType.COUNTRY || item.isPunct(",;:") || item.isWordIn(GAP_BREAKERS)) {
                    return false;
                }
            }
            return false;
        }

        /**
         * "X and Y signed an agreement to produce drones": two or more countries commit, by a cooperation verb, to
         * make materiel; the making verb heads an infinitive of that verb, since "X and Y produce drones" alone
         * may be two separate industries.
         */
        private void production(Group group) {
            if (group.codes().size() < 2) {
                return;
            }
            int verb = infinitiveAfter(verbAfter(group, PARTNERSHIP_VERBS), PRODUCE_VERBS);
            if (verb < 0) {
                return;
            }
            int materiel = materielAfter(verb, verb + 1, window(verb).to());
            if (materiel >= 0 && items.get(materiel).isCue(Kind.MATERIEL)) {
                add(group.codes(), group.codes(), verb, materiel, DEFENCE_INDUSTRY);
            }
        }

        /** "Nicaragua authorised Russian troops to enter": a host lets the forces of the country after the verb in. */
        private void permit(Group host) {
            int verb = verbAfter(host, PERMIT_VERBS);
            if (verb < 0) {
                return;
            }
            int k = skip(verb + 1, THE);
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Group guests = group(k);
            for (int j = guests.last() + 1; j < items.size() && j <= guests.last() + 3; j++) {
                Item item = items.get(j);
                if (item.isCue(Kind.PERSONNEL) || item.isCue(Kind.MATERIEL)) {
                    add(host.codes(), guests.codes(), verb, j, TriggerLexicon.MILITARY_COOPERATION);
                    return;
                }
                if (!isHead(item)) {
                    return;
                }
            }
        }

        private boolean anyWordOrCueIn(int from, int to, WordSet words) {
            for (int k = from; k < to; k++) {
                if (items.get(k).isWordOrCueIn(words)) {
                    return true;
                }
            }
            return false;
        }

        private boolean anyCueIn(int from, int to, Kind kind) {
            for (int k = from; k < to; k++) {
                if (items.get(k).isCue(kind)) {
                    return true;
                }
            }
            return false;
        }

        private void supply(Group supplier) {
            int verb = relationVerb(supplier, SUPPLY_VERBS);
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            for (Attached attached : window.groups()) {
                if (attached.preposition().equals("object")) {
                    int with = attached.group().last() + 1;
                    if (with < window.to() && items.get(with).isWordIn(WITH)) {
                        int materiel = materielAfter(verb, with + 1, window.to());
                        if (materiel >= 0) {
                            add(supplier.codes(), attached.group().codes(), verb, materiel);
                        }
                    } else if (with < window.to() && isIndirectObject(attached.group())) {
                        // "Japan will give the Philippines radars": the recipient, then the materiel.
                        int materiel = materielAfter(verb, with, window.to());
                        if (materiel >= 0 && firstAttached(window, "to", materiel).isEmpty()) {
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

        /**
         * Whether an object country right after a supply verb is its recipient rather than the maker of the
         * materiel: "give Moldova's army radars" and "give the Philippines new radars" are, "sent North Korean
         * troops" is not (a country right before the materiel is its adjective).
         */
        private boolean isIndirectObject(Group object) {
            int next = object.last() + 1;
            return items.get(object.last()).possessive()
                    || !(items.get(next).isCue(Kind.MATERIEL) || items.get(next).isCue(Kind.PERSONNEL)
                            || items.get(next).isTrigger());
        }

        private void receipt(Group recipient) {
            int verb = relationVerb(recipient, RECEIVE_VERBS);
            if (verb < 0) {
                return;
            }
            Window window = window(verb);
            int materiel = materielAfter(verb, verb + 1, window.to());
            if (materiel < 0 && recipient.first() > 0 && items.get(recipient.first() - 1).isCue(Kind.MATERIEL)) {
                // "the aircraft it bought from the United States".
                materiel = recipient.first() - 1;
            }
            if (materiel < 0) {
                madeBy(verb).ifPresent(maker -> add(maker.codes(), recipient.codes(), verb, maker.last()));
                return;
            }
            int found = materiel;
            Optional<Group> supplier = firstAttached(window, "from", Math.max(materiel, verb));
            if (supplier.isEmpty()) {
                supplier = madeBy(verb);
            }
            // The materiel may stand before the verb ("the aircraft it bought"); it gives the subtype either way.
            supplier.ifPresent(from -> add(from.codes(), recipient.codes(), Math.min(found, verb), Math.max(found, verb)));
        }

        /**
         * The supplier named as the owner or maker of the materiel bought ("bought Chinese FK-3 air defence
         * systems", "buy Israel's Arrow 3 system", "purchase of Russian S-400 systems").
         */
        private Optional<Group> madeBy(int verb) {
            int k = verb + 1;
            // "bought nearly $5 billion worth of Israeli weapons": fillers, amounts and a value before the maker.
            while (k < items.size() && k <= verb + 8 && (items.get(k).isWordIn(RECEIPT_FILLERS)
                    || items.get(k).isPunct("$\u20ac\u00a3")
                    || (items.get(k).type() == ItemType.WORD && isNumeral(items.get(k))))) {
                k++;
            }
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY || continuesGroup(k)) {
                return Optional.empty();
            }
            Group maker = group(k);
            for (int j = maker.last() + 1; j < items.size() && j <= maker.last() + 4; j++) {
                Item item = items.get(j);
                if (item.isCue(Kind.MATERIEL)) {
                    return Optional.of(maker);
                }
                // "Chinese-built J-10C fighters": the hyphen of a maker's compound.
                boolean modifier = (item.type() == ItemType.WORD && !item.isWordIn(GAP_BREAKERS)) || item.isNounCue()
                        || item.isPunct("-");
                if (!modifier) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }

        private void training(Group trainer) {
            int verb = relationVerb(trainer, TRAIN_VERBS);
            if (verb < 0) {
                return;
            }
            int k = skip(verb + 1, THE);
            if (k < items.size() && items.get(k).isWordIn(VISIT_BY)) {
                // "X will be trained by Y": the passive rule reads it; X is no trainer.
                return;
            }
            if (k < items.size() && items.get(k).isWordIn(WITH)) {
                // "X pilots trained with Y pilots": joint training.
                int partner = skip(k + 1, THE);
                if (partner < items.size() && items.get(partner).type() == ItemType.COUNTRY) {
                    add(trainer.codes(), group(partner).codes(), verb, verb, "training");
                }
                return;
            }
            int personnel = traineesAfter(verb);
            if (personnel >= 0) {
                add(trainer.codes(), group(skipQuantity(skip(verb + 1, THE))).codes(), verb, personnel);
            }
        }

        /**
         * The personnel item of the trainees right after a training verb, maybe after a quantity: a country and
         * its personnel ("train Ukrainian troops", "train about 10,000 Somali soldiers"), or -1.
         */
        private int traineesAfter(int verb) {
            int k = skipQuantity(skip(verb + 1, THE));
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return -1;
            }
            Group trainees = group(k);
            for (int j = trainees.last() + 1; j < items.size() && j <= trainees.last() + 3; j++) {
                Item item = items.get(j);
                if (item.isCue(Kind.PERSONNEL)) {
                    return j;
                }
                if (item.type() != ItemType.WORD) {
                    return -1;
                }
            }
            return -1;
        }

        /**
         * "Russian instructors arrived in Niger to train Nigerien soldiers": the trainers are the agent of the
         * purpose clause ("Russian instructors", "U.S. special forces soldiers").
         */
        private void purposeTraining(int verb) {
            int personnel = traineesAfter(verb);
            if (personnel < 0) {
                return;
            }
            Group trainees = group(skipQuantity(skip(verb + 1, THE)));
            purposeAgent(verb).ifPresent(trainers -> add(trainers.codes(), trainees.codes(), verb, personnel));
        }

        /**
         * "German jets landed in Darwin to join the Royal Australian Air Force in the exercise": the joined
         * forces' country (maybe after titles), a trigger in the clause, and the forces named before the purpose
         * clause as its agent.
         */
        private void purposeJoin(int verb) {
            int k = skip(verb + 1, THE);
            for (int heads = 0; k < items.size() && heads < 3 && items.get(k).type() != ItemType.COUNTRY
                    && isHead(items.get(k)); heads++) {
                k++;
            }
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Group partners = group(k);
            // The clause after the partners; the titles before them ("the Royal") end the window of the verb.
            int trigger = firstTrigger(partners.last() + 1, window(partners.last()).to());
            if (trigger >= 0) {
                purposeAgent(verb).ifPresent(agent -> add(agent.codes(), partners.codes(), trigger, trigger));
            }
        }

        /**
         * The agent of a purpose clause ("to train", "to join"), which has no subject of its own: the nearest
         * forces named by their country before it in the sentence, whatever verb moved them.
         */
        private Optional<Group> purposeAgent(int verb) {
            for (int j = verb - 2; j >= 0; j--) {
                Item item = items.get(j);
                if (item.isPunct(";") || item.isWordIn(CONTRASTS)) {
                    return Optional.empty();
                }
                if (item.type() == ItemType.COUNTRY && !continuesGroup(j) && forcesFollow(group(j))) {
                    return Optional.of(group(j));
                }
            }
            return Optional.empty();
        }

        /** Whether forces follow the group, maybe after titles and modifiers ("U.S. special forces soldiers"). */
        private boolean forcesFollow(Group group) {
            for (int k = group.last() + 1; k < items.size() && k <= group.last() + 3; k++) {
                Item item = items.get(k);
                if (item.isCue(Kind.PERSONNEL) || item.isCue(Kind.MATERIEL) || item.isWordOrCueIn(FORCE_NOUNS)) {
                    return true;
                }
                if (!isHead(item)) {
                    return false;
                }
            }
            return false;
        }

        /**
         * Passives with the agent after {@code by}: "the jets were delivered to Y by X", "delivered by X to Y"
         * (materiel or personnel right before the verb; the recipient must be named with {@code to}: in "Ukraine
         * shot down drones supplied by Iran" the subject is no recipient), and "Y pilots will be trained by X".
         */
        private void passive(int verb) {
            int patient = verb - 1;
            while (patient >= 0 && patient >= verb - 4 && items.get(patient).isWordIn(PASSIVE_FILLERS)) {
                patient--;
            }
            if (patient < 0 || !(items.get(patient).isCue(Kind.MATERIEL) || items.get(patient).isCue(Kind.PERSONNEL)
                    || items.get(patient).isTrigger())) {
                return;
            }
            int k = verb + 1;
            Group recipient = null;
            int to = k < items.size() && items.get(k).isWordIn(TO) ? skip(k + 1, THE) : items.size();
            if (to < items.size() && items.get(to).type() == ItemType.COUNTRY) {
                recipient = group(to);
                k = recipient.last() + 1;
            }
            if (k >= items.size() || !items.get(k).isWordIn(VISIT_BY)) {
                return;
            }
            int agentAt = skip(k + 1, ARTICLES);
            if (agentAt >= items.size() || items.get(agentAt).type() != ItemType.COUNTRY) {
                return;
            }
            Group agent = group(agentAt);
            if (items.get(verb).isCue(Kind.TRAIN_VERB)) {
                trainedBy(verb, patient, agent);
                return;
            }
            if (recipient == null) {
                int after = agent.last() + 1;
                while (after < items.size() && after <= agent.last() + 3 && isHead(items.get(after))) {
                    after++;
                }
                int first = after + 1 < items.size() && items.get(after).isWordIn(TO) ? skip(after + 1, THE) : items.size();
                if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                    recipient = group(first);
                }
            }
            if (recipient != null && items.get(verb).isCue(Kind.SUPPLY_VERB)) {
                add(agent.codes(), recipient.codes(), verb, Math.max(patient, verb));
            }
        }

        /** "Ukrainian pilots will be trained by Dutch instructors": the trainees' country owns the personnel. */
        private void trainedBy(int verb, int personnel, Group trainer) {
            if (!items.get(personnel).isCue(Kind.PERSONNEL)) {
                return;
            }
            for (int j = personnel - 1; j >= 0 && j >= personnel - 3; j--) {
                Item item = items.get(j);
                if (item.type() == ItemType.COUNTRY) {
                    Group trainees = group(j);
                    while (j > 0 && continuesGroup(j)) {
                        j--;
                        if (items.get(j).type() == ItemType.COUNTRY) {
                            trainees = group(j);
                        }
                    }
                    add(trainer.codes(), trainees.codes(), verb, verb, "training");
                    return;
                }
                if (!isHead(item)) {
                    return;
                }
            }
        }

        private void between(int trigger) {
            for (int k = trigger + 1; k < items.size() && k <= trigger + 3; k++) {
                Item item = items.get(k);
                if (item.isWordIn(BETWEEN_WORDS)) {
                    int first = skip(k + 1, THE);
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
            } else if (item.isWordIn(POSSESSIVE_PRONOUNS)) {
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
            // "Japan is expanding its military base in Djibouti": a base the owner holds in a host; "China built a
            // military base in Djibouti" does not say whose it is.
            boolean owned = item.possessive() || item.isWordIn(POSSESSIVE_PRONOUNS) || trigger == i + 1;
            boolean base = owned && items.get(trigger).cue().subtype().equals(BASING);
            for (int k = trigger + 1; k < items.size() && k <= trigger + 3; k++) {
                Item next = items.get(k);
                if (next.isWordIn(WITH_TO_FOR) || (base && next.isWordIn(IN))) {
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
                } else if (connector.isWordIn(AND) || connector.isPunct("&")) {
                    and = true;
                    k++;
                } else if (connector.isPunct(",")) {
                    k++;
                    if (k < items.size() && items.get(k).isWordIn(AND)) {
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
            boolean headline = first == 0 || (first == 1 && items.get(0).isWordIn(THE));
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
                } else if (!isHead(item) || item.isWordIn(AND)) {
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
                if (!isHead(item) || item.isWordIn(AND)) {
                    break;
                }
            }
            if (k < 0 || !(items.get(k).isWordIn(AND) || items.get(k).isPunct("&-\u2013/"))) {
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

        /** Whether a word is all digits and commas ("3,000"). */
        private boolean isNumeral(Item item) {
            for (int i = item.start(); i < item.end(); i++) {
                char c = sentence.charAt(i);
                if ((c < '0' || c > '9') && c != ',') {
                    return false;
                }
            }
            return item.end() > item.start();
        }

        private static boolean isHead(Item item) {
            if (item.type() == ItemType.WORD) {
                return item.capitalised || item.isWordIn(HEAD_WORDS);
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
            if (before >= 0 && items.get(before).isWordIn(THE)) {
                before--;
            }
            if (forcesFollow(group)) {
                // "About 5,500 British troops are taking part": a quantity of the forces, not a verb before them.
                while (before >= 0 && (items.get(before).isWordIn(QUANTITY) || isThousandsComma(before)
                        || (items.get(before).type() == ItemType.WORD && isNumeral(items.get(before))))) {
                    before--;
                }
            }
            if (before >= 0) {
                Item item = items.get(before);
                if (item.isWordIn(PREPOSITIONS) || item.type() == ItemType.CUE) {
                    return false;
                }
                boolean lowerCaseWord = item.type() == ItemType.WORD && !item.capitalised;
                if (lowerCaseWord && !item.isWordIn(SUBJECT_OPENERS)) {
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
            if (before >= 0 && items.get(before).isWordIn(THE)) {
                // "Soldiers of the Japan Ground Self-Defense Force and the Indian Army began...".
                before--;
            }
            if (before < 1 || !items.get(before).isWordIn(OF_FROM)) {
                return false;
            }
            Item noun = items.get(before - 1);
            boolean force = noun.isWordOrCueIn(FORCE_NOUNS);
            if (!force) {
                return false;
            }
            int k = before - 2;
            while (k >= 0 && (items.get(k).isWordIn(THE) || items.get(k).isWordIn(HEAD_WORDS)
                    || (items.get(k).type() == ItemType.WORD && isNumeral(items.get(k))))) {
                k--;
            }
            // A dash ends a dateline: "ATHENS - Warships from Greece and Egypt...".
            return k < 0 || items.get(k).isPunct(",;:-\u2013\u2014") || items.get(k).isWordIn(SUBJECT_OPENERS);
        }

        /**
         * The verb of the given kinds whose subject is the group: close after it, or the head of an infinitive
         * that a cooperation verb of the group governs ("Germany signed a deal on Thursday to buy...", "agreed
         * to train"). A country before the infinitive may be its subject instead ("agreed with Y to supply"), so
         * none may stand between.
         */
        private int relationVerb(Group group, Set<Kind> kinds) {
            int verb = verbAfter(group, kinds);
            if (verb >= 0) {
                return verb;
            }
            return infinitiveAfter(verbAfter(group, PARTNERSHIP_VERBS), kinds);
        }

        /** The verb of the given kinds that heads an infinitive in the clause of a control verb, or -1. */
        private int infinitiveAfter(int control, Set<Kind> kinds) {
            if (control < 0) {
                return -1;
            }
            for (int k = control + 1; k + 1 < items.size() && k <= control + CLAUSE_REACH; k++) {
                Item item = items.get(k);
                boolean amount = isThousandsComma(k) || item.isPunct("$\u20ac\u00a3");
                if ((item.type() == ItemType.PUNCT && !amount) || item.type() == ItemType.COUNTRY
                        || item.isWordIn(CLAUSE_BREAKERS) || item.isWordIn(RELATIVE_PRONOUNS)) {
                    return -1;
                }
                Item next = items.get(k + 1);
                if (item.isWordIn(TO) && next.type() == ItemType.CUE && next.cue().isAny(kinds)) {
                    return k + 1;
                }
            }
            return -1;
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
                        && items.get(k + 1).isWordIn(CLAUSE_OPENERS_AFTER_COMMA)) {
                    break;
                }
                if (item.type() == ItemType.COUNTRY) {
                    String preposition = attachment(k, verb);
                    if (preposition == null && item.possessive()) {
                        // "agreed to extend Moscow's lease on the air base": the owner of a noun, like "its".
                        k++;
                        count++;
                        continue;
                    }
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
            return item.type() == ItemType.WORD && item.word != Vocabulary.UNKNOWN
                    ? ATTACHING.get(VOCABULARY.word(item.word)) : null;
        }

        /** The first group attached by the preposition after item {@code after}: later ones are context. */
        private Optional<Group> firstAttached(Window window, String preposition, int after) {
            for (Attached attached : window.groups()) {
                if (attached.group().first() > after && attached.preposition().equals(preposition)) {
                    return Optional.of(attached.group());
                }
            }
            return Optional.empty();
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

        /** The item after a quantity such as "about 10,000" or "two" that starts at item k, or k. */
        private int skipQuantity(int k) {
            int i = k;
            while (i < items.size() && i < k + 6) {
                Item item = items.get(i);
                boolean numeral = item.type() == ItemType.WORD && isNumeral(item);
                if (!numeral && !(i > k && isThousandsComma(i)) && !item.isWordIn(QUANTITY)) {
                    break;
                }
                i++;
            }
            return i;
        }

        /** Whether item i is the comma of a number such as "4,800". */
        private boolean isThousandsComma(int i) {
            return items.get(i).isPunct(",") && i > 0 && i + 1 < items.size() && isNumeral(items.get(i - 1))
                    && isNumeral(items.get(i + 1));
        }

        private int skip(int k, WordSet words) {
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
                        String pair = Pairs.of(a, b);
                        if (!pairs.containsKey(pair)) {
                            pairs.put(pair, new CooperationPair(pair, sentence.substring(from.start(), to.end()),
                                    from.start(), to.end(), subtype));
                        }
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
                // "froze military ties over US arms sales to Taiwan": the halt is of the ties; the sales, its cause,
                // are asserted.
                if (item.isPunct(";") || item.isWordIn(CONTRASTS) || item.isWordIn(CAUSES)) {
                    break;
                }
                // "declared a partnership with no limits and vowed to deepen...": a new verb, a new scope.
                if (item.isWordIn(AND) && k + 1 < triggerItem && items.get(k + 1).type() == ItemType.CUE
                        && items.get(k + 1).cue().isAny(VERB_KINDS)) {
                    break;
                }
                if (isNegation(k) || (lasting && item.isCue(Kind.TERMINATE))) {
                    return true;
                }
            }
            for (int k = triggerItem - 1; k >= 0; k--) {
                Item item = items.get(k);
                if (item.isPunct(",;")) {
                    break;
                }
                if (item.isWordOrCueIn(CONDITIONS)) {
                    return true;
                }
            }
            for (int k = triggerItem + 1; k < items.size(); k++) {
                Item item = items.get(k);
                boolean joinsCountries = item.isWordIn(AND) && skip(k + 1, THE) < items.size()
                        && items.get(skip(k + 1, THE)).type() == ItemType.COUNTRY;
                // "joint patrols along the border to stop infiltration": a purpose clause, whose verb is no halt.
                boolean purpose = item.isWordIn(TO) && k + 1 < items.size() && items.get(k + 1).type() == ItemType.CUE;
                if (item.isPunct(",;:.!?()\u2014") || item.isWordIn(CLAUSE_BREAKERS)
                        || item.isWordIn(RELATIVE_PRONOUNS) || (item.isWordIn(AND) && !joinsCountries) || purpose) {
                    return false;
                }
                if (isNegation(k) || (lasting && item.isCue(Kind.TERMINATE))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether item k is a negation, not a name that is spelt like one: a capitalised "No" inside the sentence
         * before another capitalised word is a Korean family name ("defence minister No Kwang Chol").
         */
        private boolean isNegation(int k) {
            Item item = items.get(k);
            if (!item.isCue(Kind.NEGATION)) {
                return false;
            }
            boolean capitalised = Character.isUpperCase(sentence.charAt(item.start()));
            boolean nameFollows = k + 1 < items.size() && items.get(k + 1).type() == ItemType.WORD
                    && items.get(k + 1).capitalised;
            return !(capitalised && k > 0 && !items.get(k - 1).isPunct(".:;\"'(") && nameFollows);
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
            // A dateline ("ABUJA - Nigeria took delivery...") stands before the subject too.
            while (first < items.size() && (items.get(first).isWordIn(THE) || isHead(items.get(first))
                    || (first > 0 && first < 4 && items.get(first).isPunct("-\u2013\u2014")))
                    && items.get(first).type() != ItemType.COUNTRY) {
                first++;
            }
            if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                subject = items.get(first);
            }
            List<Item> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.isWordIn(SPEECH_VERBS) && i > 0
                        && items.get(i - 1).type() == ItemType.COUNTRY) {
                    subject = items.get(i - 1);
                }
                boolean pronoun = item.isWordIn(IT) && i > 0 && !items.get(i - 1).isWordIn(PREPOSITIONS);
                if (pronoun && subject != null) {
                    out.add(Item.country(item.start(), item.end(), subject.country(), false));
                } else {
                    out.add(item);
                }
            }
            return out;
        }

        private static List<Item> tokenize(String s, List<CountryMention> countries, List<Cue> cues,
                List<Reference> references) {
            // The reference, country or cue that starts at each offset, in one array indexed by offset because the
            // lookups below run once per char of the sentence. Filled cues first, then countries, then references:
            // at one offset a reference wins over a country and a country over a cue, and of two spans of one
            // kind the later. A word never runs into a span.
            int length = s.length();
            Object[] spanAt = new Object[length + 1];
            for (Cue cue : cues) {
                if (!overlapsAny(cue, countries, references)) {
                    spanAt[cue.start()] = cue;
                }
            }
            for (CountryMention mention : countries) {
                spanAt[mention.start()] = mention;
            }
            for (Reference reference : references) {
                spanAt[reference.start()] = reference;
            }
            List<Item> items = new ArrayList<>();
            int pos = 0;
            while (pos < length) {
                Object span = spanAt[pos];
                if (span instanceof Reference reference) {
                    // Read as "X and Y": the group rules then treat it like the countries it stands for.
                    for (int c = 0; c < reference.codes().size(); c++) {
                        if (c > 0) {
                            items.add(Item.and(reference.start(), reference.end()));
                        }
                        CountryMention stand = new CountryMention(CountryMention.Type.REFERENCE, reference.codes().get(c),
                                s.substring(reference.start(), reference.end()), reference.start(), reference.end());
                        items.add(Item.country(reference.start(), reference.end(), stand, false));
                    }
                    pos = reference.end();
                    continue;
                }
                if (span instanceof CountryMention mention) {
                    int end = mention.end();
                    int possessiveEnd = possessiveEnd(s, end);
                    boolean owns = possessiveEnd > end;
                    items.add(Item.country(mention.start(), end, mention, owns));
                    pos = possessiveEnd;
                    continue;
                }
                if (span instanceof Cue cue) {
                    items.add(Item.cue(cue));
                    pos = cue.end();
                    continue;
                }
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (Character.isLetterOrDigit(c)) {
                    int end = wordEnd(s, pos, spanAt);
                    items.add(Item.word(s, pos, end));
                    pos = end;
                } else {
                    items.add(Item.punct(pos, c));
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

        private static int wordEnd(String s, int start, Object[] spanAt) {
            int end = start + 1;
            while (end < s.length() && spanAt[end] == null) {
                char c = s.charAt(end);
                if (Character.isLetterOrDigit(c)) {
                    end++;
                } else if ("'\u2019-.".indexOf(c) >= 0 && end + 1 < s.length()
                        && Character.isLetterOrDigit(s.charAt(end + 1)) && spanAt[end + 1] == null) {
                    end += 2;
                } else {
                    break;
                }
            }
            return end;
        }
    }
}
