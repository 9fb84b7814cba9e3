package dev.entente.enrich.features;

import dev.entente.enrich.candidates.Actor;
import dev.entente.enrich.candidates.SentenceView;
import dev.entente.enrich.features.CueWords.Cue;
import dev.entente.enrich.knowledge.KnowledgeMention;
import dev.entente.enrich.text.Tokens;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The features of a candidate pair: named strings, each present or absent, that the scorer weighs.
 *
 * <p>They describe how the two countries stand to the sentence's cues rather than which words it uses: the
 * class of every cue ({@link CueWords}) and whether it stands before the first country, between the two or
 * after the second ({@code supply@mid}, {@code negation@pre3} for one within three tokens before); the roles
 * the words next to each country give it (speaker, place, critic, observer, possessive, target of a
 * preposition); how the countries are named ({@code types=country+weapon}); how far apart they are and how many
 * others the sentence names; whether they stand in a list; the cooperation triggers of the lexicon and whether
 * the rule detector tied the pair. Cue words and the words between the two countries are features too, so that
 * a word the classes miss can still be learned. Candidates across sentences get the cue classes of each
 * sentence and whether a reference ("the two countries") joins them.
 */
public final class PairFeatures {

    private static final Cue[] CUES = Cue.values();
    /** What else a sentence may speak of, paired with how it comes to be military. */
    private static final Cue[] TOPICS = {Cue.RELIEF, Cue.TRADE, Cue.DIPLOMACY, Cue.CONFLICT, Cue.CRITICISM,
        Cue.NEGATION, Cue.OBSERVER, Cue.EXERCISE, Cue.SUPPLY, Cue.BUY};
    /** Cues near a pair that make the rules' verdict less sure. */
    private static final Cue[] HEDGES = {Cue.MODALITY, Cue.NEGATION, Cue.CRITICISM, Cue.CONFLICT, Cue.SPEECH};
    /** Where a cue stands: before the first country, between the two, after the second, or within three tokens. */
    private static final String[] POSITIONS = {"pre", "mid", "post", "pre3", "post3"};
    private static final int PRE = 0;
    private static final int MID = 1;
    private static final int POST = 2;
    private static final int PRE3 = 3;
    private static final int POST3 = 4;
    /**
     * The features of a cue class at a position, made once: their hash codes are then computed once, which
     * matters, since hashing the feature strings is most of the scorer's work.
     */
    private static final String[][] AT = new String[CUES.length][POSITIONS.length];
    private static final String[] FIRST = new String[CUES.length];
    private static final String[] SECOND = new String[CUES.length];

    static {
        for (Cue cue : CUES) {
            for (int p = 0; p < POSITIONS.length; p++) {
                AT[cue.ordinal()][p] = (cue.label() + "@" + POSITIONS[p]).intern();
            }
            FIRST[cue.ordinal()] = ("s1:" + cue.label()).intern();
            SECOND[cue.ordinal()] = ("s2:" + cue.label()).intern();
        }
    }

    /**
     * The lexical features of a word, made once per word: {@code w:word@pre}, {@code @mid}, {@code @post},
     * {@code w2:word} and {@code bw:word}. Only cue words and path words get them, a bounded vocabulary; the cap
     * keeps even an unusual stream of hyphenated cue words from growing it without end.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String[]> LEXICAL =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LEXICAL_CAP = 20_000;

    private static String[] lexical(String word) {
        String[] features = LEXICAL.get(word);
        if (features == null) {
            features = new String[] {"w:" + word + "@pre", "w:" + word + "@mid", "w:" + word + "@post", "w2:" + word,
                "bw:" + word};
            if (LEXICAL.size() < LEXICAL_CAP) {
                LEXICAL.putIfAbsent(word, features);
            }
        }
        return features;
    }
    /** Classes too common to say anything as lexical features: their words are kept only as classes. */
    private static final long FUNCTION = CueWords.bits(Cue.PLACE, Cue.WITH);
    private static final int MAX_MIDDLE_WORDS = 12;

    private PairFeatures() {}

    /** Features of two actors of one sentence, {@code a} named before {@code b}. */
    public static List<String> sameSentence(SentenceView view, Tokens tokens, long[] masks, Actor a, Actor b, String pair,
            Set<String> articleRulePairs, int countries, String context) {
        Set<String> f = new LinkedHashSet<>();
        f.add("scope=sentence");
        f.add("military=" + context);
        common(f, view, pair, articleRulePairs, a, b);
        f.add("n=" + bucket(countries, 2, 3, 4, 6));
        int a1 = tokens.at(a.start());
        int a2 = Math.max(a1, tokens.at(Math.max(a.start(), a.end() - 1)));
        int b1 = tokens.at(b.start());
        int b2 = Math.max(b1, tokens.at(Math.max(b.start(), b.end() - 1)));
        if (a1 == b1) {
            f.add("same-span");
        }
        int gap = Math.max(0, b1 - a2 - 1);
        f.add("dist=" + bucket(gap, 0, 1, 3, 6, 10, 16, 25));
        // The classes of each region as bits first, so that each class@position feature is added once.
        long[] regions = new long[POSITIONS.length];
        for (int k = 0; k < tokens.size(); k++) {
            long mask = masks[k];
            if (mask == 0 || k >= a1 && k <= a2 || k >= b1 && k <= b2) {
                continue;
            }
            int pos = k < a1 ? PRE : k > b2 ? POST : MID;
            regions[pos] |= mask;
            if (pos == PRE && a1 - k <= 3) {
                regions[PRE3] |= mask;
            } else if (pos == POST && k - b2 <= 3) {
                regions[POST3] |= mask;
            }
            if ((mask & ~FUNCTION) != 0) {
                f.add(lexical(tokens.word(k))[pos]);
            }
        }
        for (int pos = 0; pos < POSITIONS.length; pos++) {
            for (long bits = regions[pos]; bits != 0; bits &= bits - 1) {
                f.add(AT[Long.numberOfTrailingZeros(bits)][pos]);
            }
        }
        String path = path(tokens, masks, a2 + 1, b1);
        f.add("path=" + path);
        if (gap <= MAX_MIDDLE_WORDS) {
            for (int k = a2 + 1; k < b1; k++) {
                if (masks[k] != 0 || PATH_WORDS.contains(tokens.word(k))) {
                    f.add(lexical(tokens.word(k))[4]);
                }
            }
        }
        boolean[] actorTokens = actorTokens(tokens, view);
        int aStart = listStart(tokens, actorTokens, a1);
        int bEnd = listEnd(tokens, actorTokens, b2);
        roles(f, "A", tokens, masks, aStart, listEnd(tokens, actorTokens, a2));
        roles(f, "B", tokens, masks, listStart(tokens, actorTokens, b1), bEnd);
        // The shape of the clause around the pair: the cue before the first country, the path between, the cue
        // after the second ("- | and | intent" for "X and Y concluded an arms deal").
        String before = nearestCue(tokens, masks, aStart - 1, -1);
        String after = nearestCue(tokens, masks, bEnd + 1, 1);
        f.add("shape=" + before + "|" + path + "|" + after);
        f.add("path>" + path + "|" + after);
        f.add("<path" + before + "|" + path);
        int between = 0;
        for (Actor other : view.actors()) {
            if (other.start() > a.end() && other.end() <= b.start() && !pair.contains(other.code())) {
                between++;
            }
        }
        f.add("others-between=" + bucket(between, 0, 1, 2));
        // How the sentence comes to be military, together with what else it speaks of: a roster after an
        // exercise is one thing, four states that normalised relations after a defence deal another.
        long sentence = regions[PRE] | regions[MID] | regions[POST];
        for (Cue topic : TOPICS) {
            if (topic.in(sentence)) {
                f.add("military=" + context + "|" + topic.label());
            }
        }
        // The rules miss some hedges and denials; what stands next to the pair says when to trust them less.
        if (view.rulePairs().contains(pair)) {
            long near = regions[PRE3] | regions[MID] | regions[POST3];
            for (Cue hedge : HEDGES) {
                if (hedge.in(near)) {
                    f.add("rule|" + hedge.label());
                }
            }
        }
        boolean list = isList(tokens, masks, a2, b1, view, a, b);
        f.add("military=" + context + "|list=" + list);
        if (list) {
            f.add("list");
            int members = 0;
            for (Actor other : view.actors()) {
                int at = tokens.at(other.start());
                if (other.named() && at >= aStart && at <= bEnd) {
                    members++;
                }
            }
            f.add("list-size=" + bucket(members, 2, 3, 5, 8));
        }
        return List.copyOf(f);
    }

    /**
     * Features of two actors in different sentences: {@code scope} {@code title-lead} or {@code adjacent},
     * {@code a} in the earlier sentence.
     */
    public static List<String> acrossSentences(String scope, List<String> sentencePairFeatures, SentenceView second, Actor a,
            Actor b, String pair, Set<String> articleRulePairs) {
        Set<String> f = new LinkedHashSet<>();
        f.add("scope=" + scope);
        common(f, second, pair, articleRulePairs, a, b);
        f.addAll(sentencePairFeatures);
        return List.copyOf(f);
    }

    /**
     * What two sentences give every candidate across them, made once for all of them: the cue classes of each,
     * the cue words of the later one, the triggers of the earlier one and how the later one opens.
     */
    public static List<String> sentencePair(SentenceView first, long[] firstMasks, SentenceView second, Tokens secondTokens,
            long[] secondMasks) {
        Set<String> f = new LinkedHashSet<>();
        f.add("n1=" + bucket(codes(first), 1, 2, 3, 5));
        f.add("n2=" + bucket(codes(second), 1, 2, 3, 5));
        long all = 0;
        for (long mask : firstMasks) {
            all |= mask;
        }
        for (long bits = all; bits != 0; bits &= bits - 1) {
            f.add(FIRST[Long.numberOfTrailingZeros(bits)]);
        }
        all = 0;
        for (int k = 0; k < secondMasks.length; k++) {
            all |= secondMasks[k];
            if ((secondMasks[k] & ~FUNCTION) != 0) {
                f.add(lexical(secondTokens.word(k))[3]);
            }
        }
        for (long bits = all; bits != 0; bits &= bits - 1) {
            f.add(SECOND[Long.numberOfTrailingZeros(bits)]);
        }
        for (String trigger : first.triggers()) {
            f.add("trig1:" + trigger);
        }
        String opening = secondTokens.word(0);
        if (opening.equals("it") || opening.equals("its") || opening.equals("they") || opening.equals("their")
                || opening.equals("the")) {
            f.add("s2-opens:" + opening);
        }
        return List.copyOf(f);
    }

    private static void common(Set<String> f, SentenceView view, String pair, Set<String> articleRulePairs, Actor a,
            Actor b) {
        f.add("types=" + a.type() + "+" + b.type());
        f.add("A:" + a.type());
        f.add("B:" + b.type());
        if (!a.named() || !b.named()) {
            f.add("implied:" + (a.named() ? b.type() : a.type()));
        }
        for (KnowledgeMention known : view.known()) {
            boolean first = known.countries().contains(a.code());
            boolean second = known.countries().contains(b.code());
            String kind = known.kind().label();
            if (first && second) {
                f.add("both-of:" + kind);
            } else if (first || second) {
                f.add("one-of:" + kind);
            } else {
                f.add("named:" + kind);
            }
        }
        if (view.rulePairs().contains(pair)) {
            f.add("rule");
        } else if (articleRulePairs.contains(pair)) {
            f.add("rule-article");
        } else if (!view.rulePairs().isEmpty()) {
            f.add("rule-other");
        }
        for (String trigger : view.triggers()) {
            f.add("trig:" + trigger);
        }
        if (view.inTitle()) {
            f.add("title");
        }
        if (view.datelined()) {
            f.add("dateline");
        }
    }

    /** Function words kept as themselves in a {@link #path}: they say how the two countries are tied. */
    private static final Set<String> PATH_WORDS = Set.of("to", "from", "with", "by", "and", ",", "of", "for", "in",
            "'s", "between", "among", "its", "their", "as", "on", "against", "into", "at", "-", "but", "while", "which",
            "who", "that");
    /** The order in which a cue word's classes are tried for its one label in a path: the most telling first. */
    private static final Cue[] PATH_ORDER = {Cue.NEGATION, Cue.MODALITY, Cue.CRITICISM, Cue.SANCTION, Cue.CONFLICT,
        Cue.SUPPLY, Cue.BUY, Cue.MADE_BY, Cue.PRODUCE, Cue.TRAIN, Cue.EXERCISE, Cue.PACT, Cue.BASE, Cue.VISIT,
        Cue.SPEECH, Cue.OBSERVER, Cue.DEAL, Cue.WEAPON, Cue.FORCE, Cue.DEFENCE, Cue.COOP, Cue.INTENT, Cue.TRADE,
        Cue.RELIEF, Cue.POLICE, Cue.DIPLOMACY, Cue.NONSTATE, Cue.TIME, Cue.REFERENCE};

    /**
     * The words between the two countries as a short path of labels: function words as themselves, cue words
     * as their most telling class, runs of the same label once, other words dropped; at most three labels from
     * each end ("supply weapon to", "and exercise", "said supply ... to").
     */
    static String path(Tokens tokens, long[] masks, int from, int to) {
        List<String> labels = new java.util.ArrayList<>();
        for (int k = from; k < to; k++) {
            String word = tokens.word(k);
            String label = null;
            if (PATH_WORDS.contains(word)) {
                label = word;
            } else if (masks[k] != 0) {
                for (Cue cue : PATH_ORDER) {
                    if (cue.in(masks[k])) {
                        label = cue.label();
                        break;
                    }
                }
            }
            if (label != null && (labels.isEmpty() || !labels.get(labels.size() - 1).equals(label))) {
                labels.add(label);
            }
        }
        if (labels.size() > 6) {
            List<String> cut = new java.util.ArrayList<>(labels.subList(0, 3));
            cut.add("...");
            cut.addAll(labels.subList(labels.size() - 3, labels.size()));
            labels = cut;
        }
        return String.join(" ", labels);
    }

    /** Roles the words around one actor give it; {@code who} is {@code A} or {@code B}. */
    private static void roles(Set<String> f, String who, Tokens tokens, long[] masks, int first, int last) {
        for (int k = first - 1; k >= Math.max(0, first - 4); k--) {
            if ((masks[k] & ~FUNCTION) != 0) {
                f.add(who + "<" + label(masks[k]));
                break;
            }
        }
        for (int k = last + 1; k <= Math.min(tokens.size() - 1, last + 4); k++) {
            if ((masks[k] & ~FUNCTION) != 0) {
                f.add(who + ">" + label(masks[k]));
                break;
            }
        }
        String before = tokens.word(first - 1);
        String after = tokens.word(last + 1);
        // Only telling neighbours are kept as themselves: a function or cue word; any other word is "other".
        f.add(who + "-1:" + (first > 0 && (masks[first - 1] != 0 || PATH_WORDS.contains(before)) ? before : "other"));
        f.add(who + "+1:" + (last + 1 < tokens.size() && (masks[last + 1] != 0 || PATH_WORDS.contains(after))
                ? after : "other"));
        if (after.equals("'s")) {
            f.add(who + "-possessive");
        }
        for (int k = last + 1; k <= last + 3 && k < tokens.size(); k++) {
            if (Cue.SPEECH.in(masks[k])) {
                f.add(who + "-speaker");
            }
            if (Cue.CRITICISM.in(masks[k])) {
                f.add(who + "-critic");
            }
        }
        // "X, Y and Z were invited only as observers": the role may come a few words after the list.
        for (int k = last + 1; k <= last + 6 && k < tokens.size(); k++) {
            if (Cue.OBSERVER.in(masks[k])) {
                f.add(who + "-observer");
            }
        }
        for (int k = Math.max(0, first - 3); k < first; k++) {
            if (Cue.NEGATION.in(masks[k])) {
                f.add(who + "-negated");
            }
            if (Cue.CONFLICT.in(masks[k]) || Cue.SANCTION.in(masks[k])) {
                f.add(who + "-target");
            }
        }
    }

    /** Which tokens belong to an actor of the sentence. */
    private static boolean[] actorTokens(Tokens tokens, SentenceView view) {
        boolean[] inside = new boolean[tokens.size()];
        for (Actor actor : view.actors()) {
            if (!actor.named()) {
                continue;
            }
            int first = tokens.at(actor.start());
            for (int k = first; k < tokens.size() && tokens.start(k) < actor.end(); k++) {
                inside[k] = true;
            }
        }
        return inside;
    }

    private static boolean joiner(String word) {
        return word.equals(",") || word.equals("and") || word.equals("or") || word.equals("'s") || word.equals("-")
                || word.equals("the") || word.equals("/");
    }

    /**
     * The first token of the list an actor stands in ("Egypt, Greece and Cyprus"): words around a list speak of
     * all its members, so "X, Y and Z attending as observers" makes X an observer too.
     */
    private static int listStart(Tokens tokens, boolean[] actorTokens, int first) {
        int start = first;
        int k = first - 1;
        while (k >= 0 && (joiner(tokens.word(k)) || actorTokens[k])) {
            if (actorTokens[k]) {
                start = k;
            }
            k--;
        }
        return start;
    }

    private static int listEnd(Tokens tokens, boolean[] actorTokens, int last) {
        int end = last;
        int k = last + 1;
        while (k < tokens.size() && (joiner(tokens.word(k)) || actorTokens[k])) {
            if (actorTokens[k]) {
                end = k;
            }
            k++;
        }
        return end;
    }

    /** Whether only commas, "and", hyphens, possessives and other countries stand between the two. */
    private static boolean isList(Tokens tokens, long[] masks, int a2, int b1, SentenceView view, Actor a, Actor b) {
        if (b1 - a2 - 1 > 12) {
            return false;
        }
        for (int k = a2 + 1; k < b1; k++) {
            String word = tokens.word(k);
            boolean joiner = word.equals(",") || word.equals("and") || word.equals("-") || word.equals("'s")
                    || word.equals("/") || word.equals("as") || word.equals("well");
            if (!joiner && !insideActor(tokens.start(k), view, a, b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean insideActor(int offset, SentenceView view, Actor a, Actor b) {
        for (Actor actor : view.actors()) {
            if (offset >= actor.start() && offset < actor.end()) {
                return true;
            }
        }
        return false;
    }

    /** The class of the first cue word within four tokens from {@code from} in direction {@code step}, or "-". */
    private static String nearestCue(Tokens tokens, long[] masks, int from, int step) {
        for (int k = from, n = 0; k >= 0 && k < tokens.size() && n < 4; k += step, n++) {
            if ((masks[k] & ~FUNCTION) != 0) {
                return label(masks[k]);
            }
        }
        return "-";
    }

    private static String label(long mask) {
        for (Cue cue : PATH_ORDER) {
            if (cue.in(mask)) {
                return cue.label();
            }
        }
        return "other";
    }

    private static int codes(SentenceView view) {
        return (int) view.actors().stream().map(Actor::code).distinct().count();
    }

    /** The bucket a value falls in, named by the largest bound not above it: {@code 3+}, or {@code <b} below all. */
    public static String bucket(int value, int... bounds) {
        String name = "<" + bounds[0];
        for (int bound : bounds) {
            if (value >= bound) {
                name = bound + "+";
            }
        }
        return name;
    }
}
