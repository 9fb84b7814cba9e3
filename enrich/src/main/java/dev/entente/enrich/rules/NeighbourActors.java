package dev.entente.enrich.rules;

import dev.entente.enrich.gazetteer.CountryMention;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actors of a neighbouring event (criticism, threat, sanctions, armed conflict, diplomatic or economic
 * cooperation): the countries that stand around its trigger as who acts and who is acted on. These events never
 * make a pair, so a shallow reading is enough; cooperation has the full relation parse of
 * {@link CooperationDetector}.
 *
 * <p>Contract: the actors are the group of countries ending nearest before the trigger, at most
 * {@value #REACH_BEFORE} words from it, and the group starting nearest after it, at most {@value #REACH_AFTER}
 * words from it, both inside the trigger's clause (no {@code ; : ( )} or em dash between them). A group is
 * countries joined only by "and", "or", "-", "/", an en dash or commas ("Russia and China", "the US-Japan
 * pact", "Iran, Iraq and Syria"); commas join only a list that ends with "and" or "or", so in "sanctions on
 * Iran, China said" the speaker stays out. Any other word ends a group, which keeps a speaker out of a report
 * too ("Germany said Russia attacked Ukraine": Russia and Ukraine).
 */
public final class NeighbourActors {

    /**
     * How many words may stand between a group and the trigger: a subject may be parted from its verb by an
     * adverbial ("Israel on Sunday launched air strikes"), while a target follows in a short phrase ("strikes on
     * targets near Damascus"); further after the trigger, a country is more often a new phrase's ("restored
     * relations in a deal brokered by China").
     */
    static final int REACH_BEFORE = 8;
    static final int REACH_AFTER = 4;

    private static final Set<String> JOINING_WORDS = Set.of("and", "or");

    private NeighbourActors() {}

    /**
     * The ISO codes of the actors, sorted.
     *
     * @param sentence the sentence of the trigger
     * @param countries the actor countries of the sentence, in order; offsets of the sentence
     * @param triggerStart where the trigger starts in the sentence
     * @param triggerEnd where it ends
     */
    public static List<String> of(String sentence, List<CountryMention> countries, int triggerStart, int triggerEnd) {
        Set<String> actors = new TreeSet<>();
        int before = -1;
        for (int i = 0; i < countries.size() && countries.get(i).end() <= triggerStart; i++) {
            before = i;
        }
        if (before >= 0 && near(sentence, countries.get(before).end(), triggerStart, REACH_BEFORE)) {
            // Walking back from the trigger, a comma joins only once an and/or has closed the list behind it.
            boolean closed = false;
            int first = before;
            while (first > 0) {
                Joint joint = joint(sentence, countries.get(first - 1), countries.get(first));
                if (joint == Joint.NONE || (joint == Joint.COMMA && !closed)) {
                    break;
                }
                closed |= joint == Joint.AND_OR;
                first--;
            }
            for (int i = first; i <= before; i++) {
                actors.add(countries.get(i).code());
            }
        }
        int after = before + 1;
        while (after < countries.size() && countries.get(after).start() < triggerEnd) {
            after++;
        }
        if (after < countries.size() && near(sentence, triggerEnd, countries.get(after).start(), REACH_AFTER)) {
            int last = after;
            int lastClosed = after;
            while (last + 1 < countries.size()) {
                Joint joint = joint(sentence, countries.get(last), countries.get(last + 1));
                if (joint == Joint.NONE) {
                    break;
                }
                last++;
                if (joint != Joint.COMMA) {
                    lastClosed = last;
                }
            }
            // Walking forward, the group ends before a comma that no later and/or closes.
            for (int i = after; i <= lastClosed; i++) {
                actors.add(countries.get(i).code());
            }
        }
        return List.copyOf(actors);
    }

    /** What joins two neighbouring countries of a group, if anything. */
    private enum Joint { NONE, COMMA, AND_OR, TIGHT }

    private static Joint joint(String sentence, CountryMention left, CountryMention right) {
        String between = sentence.substring(left.end(), right.start()).strip();
        if (between.isEmpty() || between.equals("-") || between.equals("/") || between.equals("\u2013")) {
            return Joint.TIGHT;
        }
        if (between.equals(",")) {
            return Joint.COMMA;
        }
        String words = between.startsWith(",") ? between.substring(1).strip() : between;
        if (words.endsWith(" the")) {
            words = words.substring(0, words.length() - " the".length());
        }
        return JOINING_WORDS.contains(words) ? Joint.AND_OR : Joint.NONE;
    }

    /** Whether {@code [from, to)} is within reach and holds no clause break. */
    private static boolean near(String sentence, int from, int to, int reach) {
        for (int i = from; i < to; i++) {
            char c = sentence.charAt(i);
            if (c == ';' || c == ':' || c == '(' || c == ')' || c == '\u2014') {
                return false;
            }
        }
        return TriggerLexicon.wordsIn(sentence, from, to) <= reach;
    }
}
