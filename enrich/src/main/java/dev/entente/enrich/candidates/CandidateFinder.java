package dev.entente.enrich.candidates;

import dev.entente.enrich.features.CueWords.Cue;
import dev.entente.enrich.features.CueWords;
import dev.entente.enrich.features.PairFeatures;
import dev.entente.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the candidate pairs of an article, with their features: every pair of distinct countries that could be
 * reported as cooperating militarily. It aims at recall; the scorer decides.
 *
 * <p>Contract: a candidate is two actors of distinct countries ({@link Actor}, knowledge-implied ones included)
 * <ul>
 *   <li>in one sentence that is military (it holds a military cue ({@link CueWords#MILITARY}), a cooperation
 *       trigger of the lexicon or a named weapon, firm, exercise or pact) or that follows a military sentence
 *       or a military title, as a roster does; the two nearest mentions of the two countries stand for the
 *       pair;</li>
 *   <li>one in the title and one in the first sentence of the body, when either is military;</li>
 *   <li>in two neighbouring sentences of the body, when either is military and the later one holds a
 *       reference ("the two countries", "both", "the kingdom") or opens with "it", "its", "they" or "their";</li>
 *   <li>named in one of the two sentences before a military sentence with a reference ("Both countries will
 *       sign the pact"), when that sentence names exactly these two: the reference stands for them.</li>
 * </ul>
 * A pair may have several candidates; each is scored on its own. A sentence naming more than
 * {@value #MAX_COUNTRIES_PER_SENTENCE} countries gives none, and an article at most {@value #MAX_CANDIDATES}.
 */
public final class CandidateFinder {

    /**
     * A sentence naming more countries than this is a list, not a report (the largest exercise rosters name about
     * 30): its pairs are not candidates, so that one hostile article cannot cost seconds and gigabytes.
     */
    static final int MAX_COUNTRIES_PER_SENTENCE = 40;
    /** At most this many candidates per article, for the same reason; real articles make a few dozen. */
    static final int MAX_CANDIDATES = 2_000;

    private final CueWords cueWords;

    public CandidateFinder(CueWords cueWords) {
        this.cueWords = cueWords;
    }

    /** The sentence prepared once: its tokens and cue classes. */
    private record Prepared(SentenceView view, Tokens tokens, long[] masks, boolean military, long all) {}

    /**
     * The candidates of an article.
     *
     * @param views the sentences that name at least one actor, in order
     * @param articleRulePairs every pair the rule detector tied anywhere in the article
     */
    public List<Candidate> find(List<SentenceView> views, Set<String> articleRulePairs) {
        List<Candidate> candidates = new ArrayList<>();
        TitleCountries titled = TitleCountries.of(views);
        Map<Integer, Prepared> byIndex = new HashMap<>();
        for (SentenceView view : views) {
            Tokens tokens = Tokens.of(view.text());
            long[] masks = cueWords.classes(tokens);
            long all = 0;
            for (long mask : masks) {
                all |= mask;
            }
            // Words of a name say nothing of how two countries stand ("states" in "United States" is no speech
            // verb), though they still make the sentence military ("the Pakistan Air Force").
            for (Actor actor : view.actors()) {
                if (!actor.named()) {
                    continue;
                }
                for (int k = tokens.at(actor.start()); k < tokens.size() && tokens.start(k) < actor.end(); k++) {
                    masks[k] = 0;
                }
            }
            boolean military = (all & CueWords.MILITARY) != 0;
            for (String trigger : view.triggers()) {
                military |= !trigger.startsWith(SentenceView.EVENT);
            }
            for (Actor actor : view.actors()) {
                military |= !actor.named();
            }
            Prepared prepared = new Prepared(view, tokens, masks, military, all);
            byIndex.put(view.index(), prepared);
        }
        Prepared title = views.isEmpty() || !views.get(0).inTitle() ? null : byIndex.get(views.get(0).index());
        for (SentenceView view : views) {
            Prepared prepared = byIndex.get(view.index());
            Prepared previous = byIndex.get(view.index() - 1);
            // A roster ("Taking part are X, Y and Z") often follows the sentence that names the exercise.
            String context = prepared.military() ? "own"
                    : previous != null && previous.military() ? "previous"
                    : title != null && title != prepared && title.military() ? "title" : null;
            if (context != null) {
                sameSentence(prepared, articleRulePairs, context, candidates);
            }
        }
        for (SentenceView view : views) {
            Prepared later = byIndex.get(view.index());
            Prepared earlier = byIndex.get(view.index() - 1);
            if (earlier == null || !(earlier.military() || later.military())) {
                continue;
            }
            if (earlier.view().inTitle()) {
                across("title-lead", earlier, later, articleRulePairs, candidates);
            } else if (joinedByReference(later)) {
                across("adjacent", earlier, later, articleRulePairs, candidates);
            }
        }
        for (SentenceView view : views) {
            Prepared sentence = byIndex.get(view.index());
            if (sentence.military() && Cue.REFERENCE.in(sentence.all())) {
                referred(sentence, byIndex, articleRulePairs, candidates);
            }
        }
        if (candidates.size() > MAX_CANDIDATES) {
            candidates.subList(MAX_CANDIDATES, candidates.size()).clear();
        }
        // Every candidate, whatever its scope, learns whether the title names its countries.
        for (int i = 0; i < candidates.size(); i++) {
            candidates.set(i, titled.addTo(candidates.get(i)));
        }
        return candidates;
    }

    private static void sameSentence(Prepared sentence, Set<String> articleRulePairs, String context,
            List<Candidate> out) {
        List<Actor> actors = sentence.view().actors();
        Set<String> codes = new TreeSet<>();
        actors.forEach(actor -> codes.add(actor.code()));
        if (codes.size() < 2 || codes.size() > MAX_COUNTRIES_PER_SENTENCE) {
            return;
        }
        List<String> sorted = new ArrayList<>(codes);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (out.size() >= MAX_CANDIDATES) {
                    return;
                }
                String pair = sorted.get(i) + "-" + sorted.get(j);
                Actor[] nearest = nearest(actors, sorted.get(i), sorted.get(j));
                if (!nearest[0].named() && !nearest[1].named()) {
                    // Two makers implied by two weapons pair with their buyers, not with each other.
                    continue;
                }
                List<String> features = PairFeatures.sameSentence(sentence.view(), sentence.tokens(), sentence.masks(),
                        nearest[0], nearest[1], pair, articleRulePairs, codes.size(), context);
                out.add(new Candidate(pair, "sentence", sentence.view().index(), nearest[0], nearest[1], features, 0));
            }
        }
    }

    /** The mentions of the two countries that stand nearest each other, the earlier first. */
    private static Actor[] nearest(List<Actor> actors, String x, String y) {
        Actor[] best = null;
        int bestGap = Integer.MAX_VALUE;
        for (Actor a : actors) {
            if (!a.code().equals(x)) {
                continue;
            }
            for (Actor b : actors) {
                if (!b.code().equals(y)) {
                    continue;
                }
                int gap = Math.abs(a.start() - b.start());
                // Named countries beat implied ones at the same distance.
                if (gap < bestGap || gap == bestGap && a.named() && b.named()) {
                    bestGap = gap;
                    best = a.start() <= b.start() ? new Actor[] {a, b} : new Actor[] {b, a};
                }
            }
        }
        return best;
    }

    private static void across(String scope, Prepared earlier, Prepared later, Set<String> articleRulePairs,
            List<Candidate> out) {
        if (countries(earlier.view()) > MAX_COUNTRIES_PER_SENTENCE || countries(later.view()) > MAX_COUNTRIES_PER_SENTENCE) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> shared = null;
        for (Actor a : earlier.view().actors()) {
            for (Actor b : later.view().actors()) {
                if (a.code().equals(b.code())) {
                    continue;
                }
                String pair = a.code().compareTo(b.code()) < 0 ? a.code() + "-" + b.code() : b.code() + "-" + a.code();
                if (!seen.add(pair)) {
                    continue;
                }
                if (out.size() >= MAX_CANDIDATES) {
                    return;
                }
                if (shared == null) {
                    shared = PairFeatures.sentencePair(earlier.view(), earlier.masks(), later.view(), later.tokens(),
                            later.masks());
                }
                List<String> features = PairFeatures.acrossSentences(scope, shared, later.view(), a, b, pair,
                        articleRulePairs);
                out.add(new Candidate(pair, scope, later.view().index(), a, b, features, 0));
            }
        }
    }

    /**
     * Which countries the title names: the countries an article is about are named there, a critic, venue or rival
     * rarely is.
     */
    private record TitleCountries(Set<String> codes) {

        static TitleCountries of(List<SentenceView> views) {
            Set<String> codes = new java.util.HashSet<>();
            for (SentenceView view : views) {
                if (view.inTitle()) {
                    for (Actor actor : view.actors()) {
                        if (actor.named()) {
                            codes.add(actor.code());
                        }
                    }
                }
            }
            return new TitleCountries(codes);
        }

        Candidate addTo(Candidate candidate) {
            String[] pair = candidate.pair().split("-");
            int titled = (codes.contains(pair[0]) ? 1 : 0) + (codes.contains(pair[1]) ? 1 : 0);
            List<String> features = new ArrayList<>(candidate.features());
            features.add("in-title=" + titled);
            return new Candidate(candidate.pair(), candidate.scope(), candidate.sentence(), candidate.first(),
                    candidate.second(), features, 0);
        }
    }

    /**
     * A reference ("both countries will sign the pact") stands for the two countries of the nearest of the two
     * sentences before it that names exactly two.
     */
    private static void referred(Prepared sentence, Map<Integer, Prepared> byIndex, Set<String> articleRulePairs,
            List<Candidate> out) {
        for (int back = 1; back <= 2; back++) {
            Prepared earlier = byIndex.get(sentence.view().index() - back);
            if (earlier == null) {
                continue;
            }
            List<Actor> named = new ArrayList<>();
            Set<String> codes = new TreeSet<>();
            for (Actor actor : earlier.view().actors()) {
                if (actor.named() && codes.add(actor.code())) {
                    named.add(actor);
                }
            }
            if (codes.size() == 2) {
                String pair = String.join("-", codes);
                Actor a = named.get(0);
                Actor b = named.get(1);
                List<String> features = PairFeatures.acrossSentences("reference", PairFeatures.sentencePair(
                        earlier.view(), earlier.masks(), sentence.view(), sentence.tokens(), sentence.masks()),
                        sentence.view(), a, b, pair, articleRulePairs);
                out.add(new Candidate(pair, "reference", sentence.view().index(), a, b, features, 0));
                return;
            }
        }
    }

    private static int countries(SentenceView view) {
        Set<String> codes = new java.util.HashSet<>();
        view.actors().forEach(actor -> codes.add(actor.code()));
        return codes.size();
    }

    private static boolean joinedByReference(Prepared later) {
        if (Cue.REFERENCE.in(later.all())) {
            return true;
        }
        String opening = later.tokens().word(0);
        return opening.equals("it") || opening.equals("its") || opening.equals("they") || opening.equals("their");
    }
}
