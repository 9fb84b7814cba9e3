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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *       "sanctions on Iran over its arms deal with Russia").</li>
 * </ol>
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
 *   <li>A negation, denial, refusal, accusation or halt anywhere before the trigger, or after it in its
 *       clause, cancels it
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
     */
    public record CooperationPair(String pair, String trigger) {}

    private static final Set<Kind> PARTNERSHIP_VERBS = EnumSet.of(Kind.COOP_VERB, Kind.JOIN_VERB);
    private static final Set<Kind> NOUN_KINDS = EnumSet.of(Kind.CONTEXT, Kind.PERSONNEL, Kind.MATERIEL);

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
            "unless");

    private static final Set<String> DETERMINERS = Set.of("the", "its", "their", "neighbouring", "neighboring");

    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019]s(?![\\p{L}\\p{N}])|['\u2019](?![\\p{L}\\p{N}])");

    private static Map<String, String> attaching() {
        Map<String, String> map = new HashMap<>();
        for (String place : List.of("in", "into", "near", "off", "around", "at", "across", "over", "along",
                "inside", "outside", "within", "through", "toward", "towards", "on")) {
            map.put(place, place);
        }
        map.put("with", "with");
        map.put("alongside", "with");
        map.put("to", "to");
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
        Set<String> codes = new HashSet<>();
        countries.forEach(mention -> codes.add(mention.code()));
        if (codes.size() < 2 || scan.cues().isEmpty()) {
            return List.of();
        }
        return new Parse(sentence, countries, scan.cues()).pairs();
    }

    private enum ItemType { COUNTRY, CUE, WORD, PUNCT }

    /** A token of the sentence: a whole country mention, a whole cue, a word or one punctuation char. */
    private record Item(ItemType type, int start, int end, String text, CountryMention country, Cue cue,
            boolean possessive) {

        String lower() {
            return text.toLowerCase(Locale.ROOT);
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
        private final Map<String, String> pairs = new LinkedHashMap<>();

        Parse(String sentence, List<CountryMention> countries, List<Cue> cues) {
            this.sentence = sentence;
            this.items = tokenize(sentence, countries, cues);
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
                        supply(group);
                        receipt(group);
                        training(group);
                    }
                }
                if (item.isTrigger()) {
                    between(i);
                }
                possessive(i);
            }
            List<CooperationPair> result = new ArrayList<>();
            pairs.forEach((pair, trigger) -> result.add(new CooperationPair(pair, trigger)));
            return result;
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
                boolean recipient = attached.preposition().equals("to") && attached.group().first() == trigger + 2;
                if (attached.preposition().equals("with") || attached.preposition().equals("object") || recipient) {
                    partners.addAll(attached.group().codes());
                    break;
                }
            }
            if (partners.isEmpty()) {
                addWithin(group.codes(), trigger, text(trigger, trigger));
            } else {
                add(group.codes(), partners, trigger, text(trigger, trigger));
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
                            add(supplier.codes(), attached.group().codes(), materiel, text(verb, materiel));
                        }
                    }
                }
            }
            int materiel = materielAfter(verb, verb + 1, window.to());
            if (materiel < 0) {
                return;
            }
            firstAttached(window, "to", materiel).ifPresent(recipient ->
                    add(supplier.codes(), recipient.codes(), materiel, text(verb, materiel)));
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
                    add(supplier.codes(), recipient.codes(), materiel, text(verb, materiel)));
        }

        private void training(Group trainer) {
            int verb = verbAfter(trainer, EnumSet.of(Kind.TRAIN_VERB));
            if (verb < 0) {
                return;
            }
            int k = skip(verb + 1, Set.of("the"));
            if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                return;
            }
            Group trainees = group(k);
            for (int j = trainees.last() + 1; j < items.size() && j <= trainees.last() + 3; j++) {
                Item item = items.get(j);
                if (item.isCue(Kind.PERSONNEL)) {
                    add(trainer.codes(), trainees.codes(), j, text(verb, j));
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
                if (item.isWord("between", "among", "involving", "by")) {
                    int first = skip(k + 1, Set.of("the"));
                    if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                        addWithin(group(first).codes(), trigger, text(trigger, trigger));
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
                    addWithin(group.codes(), k, text(k, k));
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
                if (next.isWord("with", "to")) {
                    int first = skip(k + 1, DETERMINERS);
                    if (first < items.size() && items.get(first).type() == ItemType.COUNTRY) {
                        add(Set.of(owner), group(first).codes(), trigger, text(trigger, trigger));
                    }
                    return;
                }
                if (next.type() != ItemType.WORD || next.isWordIn(GAP_BREAKERS)) {
                    return;
                }
            }
        }

        /** The coordinated countries that start at item {@code first}. */
        private Group group(int first) {
            Set<String> codes = new LinkedHashSet<>();
            codes.add(items.get(first).country().code());
            int last = first;
            boolean comma = false;
            boolean and = false;
            while (true) {
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
                k = skip(k, Set.of("the"));
                if (k >= items.size() || items.get(k).type() != ItemType.COUNTRY) {
                    break;
                }
                codes.add(items.get(k).country().code());
                last = k;
            }
            boolean headline = first == 0 || (first == 1 && items.get(0).isWord("the"));
            if (comma && !and && !headline) {
                return new Group(first, first, Set.of(items.get(first).country().code()));
            }
            return new Group(first, last, codes);
        }

        /**
         * Whether the country at item i is a later member of a group joined by "and" or a hyphen, so that
         * it is not also read as the start of a group of its own ("urged Britain and France to...").
         * Comma-joined members may start a group: "In Moscow, Russia and China..." starts at Russia.
         */
        private boolean continuesGroup(int i) {
            int k = i - 1;
            if (k >= 0 && items.get(k).isWord("the")) {
                k--;
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
                if (TriggerLexicon.wordsIn(sentence.substring(items.get(verb).end(), item.start()))
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

        private void add(Collection<String> as, Collection<String> bs, int triggerItem, String trigger) {
            if (negated(triggerItem)) {
                return;
            }
            for (String a : as) {
                for (String b : bs) {
                    if (!a.equals(b)) {
                        pairs.putIfAbsent(Pairs.of(a, b), trigger);
                    }
                }
            }
        }

        /**
         * Whether a negation stands before the trigger anywhere in the sentence, or after it in its own
         * clause ("the joint exercises between X and Y were cancelled").
         */
        private boolean negated(int triggerItem) {
            if (firstNegation <= triggerItem) {
                return true;
            }
            for (int k = triggerItem + 1; k < items.size(); k++) {
                Item item = items.get(k);
                boolean joinsCountries = item.isWord("and") && skip(k + 1, Set.of("the")) < items.size()
                        && items.get(skip(k + 1, Set.of("the"))).type() == ItemType.COUNTRY;
                if (item.isPunct(",;:.!?()\u2014") || item.isWordIn(CLAUSE_BREAKERS)
                        || item.isWord("that", "which", "who") || (item.isWord("and") && !joinsCountries)) {
                    return false;
                }
                if (item.isCue(Kind.NEGATION)) {
                    return true;
                }
            }
            return false;
        }

        private void addWithin(Collection<String> codes, int triggerItem, String trigger) {
            add(codes, codes, triggerItem, trigger);
        }

        private static List<Item> tokenize(String s, List<CountryMention> countries, List<Cue> cues) {
            Map<Integer, CountryMention> countryAt = new HashMap<>();
            Set<Integer> spanStarts = new HashSet<>();
            for (CountryMention mention : countries) {
                countryAt.put(mention.start(), mention);
                spanStarts.add(mention.start());
            }
            Map<Integer, Cue> cueAt = new HashMap<>();
            for (Cue cue : cues) {
                boolean overlapsCountry = countries.stream()
                        .anyMatch(m -> m.start() < cue.end() && cue.start() < m.end());
                if (!overlapsCountry) {
                    cueAt.put(cue.start(), cue);
                    spanStarts.add(cue.start());
                }
            }
            List<Item> items = new ArrayList<>();
            Matcher possessive = POSSESSIVE.matcher(s);
            int pos = 0;
            while (pos < s.length()) {
                CountryMention mention = countryAt.get(pos);
                if (mention != null) {
                    int end = mention.end();
                    boolean owns = possessive.region(end, s.length()).lookingAt();
                    items.add(new Item(ItemType.COUNTRY, mention.start(), end, mention.text(), mention, null, owns));
                    pos = owns ? possessive.end() : end;
                    continue;
                }
                Cue cue = cueAt.get(pos);
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

        private static int wordEnd(String s, int start, Set<Integer> spanStarts) {
            int end = start + 1;
            while (end < s.length() && !spanStarts.contains(end)) {
                char c = s.charAt(end);
                if (Character.isLetterOrDigit(c)) {
                    end++;
                } else if ("'\u2019-.".indexOf(c) >= 0 && end + 1 < s.length()
                        && Character.isLetterOrDigit(s.charAt(end + 1)) && !spanStarts.contains(end + 1)) {
                    end += 2;
                } else {
                    break;
                }
            }
            return end;
        }
    }
}
