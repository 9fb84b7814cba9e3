package dev.entente.enrich.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerLexiconTest {

    private static final TriggerLexicon LEXICON = TriggerLexicon.fromResources();

    private static List<String> triggers(String sentence) {
        return LEXICON.scan(sentence).triggers().stream().map(TriggerLexicon.Trigger::text).toList();
    }

    @Test
    void matchesPhrasesCaseInsensitivelyPreferringTheLongest() {
        assertThat(triggers("They began Joint Military Exercises and a mutual defence treaty."))
                .containsExactly("Joint Military Exercises", "mutual defence treaty");
    }

    @Test
    void knowsBritishAndAmericanSpellings() {
        assertThat(triggers("a defence pact, a defense pact, joint manoeuvres, joint maneuvers"))
                .containsExactly("defence pact", "defense pact", "joint manoeuvres", "joint maneuvers");
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(triggers("The disarmament talks on armsdeals")).isEmpty();
    }

    @Test
    void composesSupplyAndTrainingTriggers() {
        assertThat(triggers("Germany delivered 18 Leopard tanks and will train Ukrainian pilots."))
                .containsExactly("delivered 18 Leopard tanks", "train Ukrainian pilots");
    }

    @Test
    void doesNotComposeAcrossAClauseOrTooFar() {
        assertThat(triggers("They delivered; tanks rolled.")).isEmpty();
        assertThat(triggers("They sent a letter about the long and very complicated history of the tanks.")).isEmpty();
    }

    @Test
    void countsAWeakPhraseOnlyInAMilitaryContext() {
        assertThat(triggers("They signed a strategic partnership on trade.")).isEmpty();
        assertThat(triggers("They signed a strategic partnership covering defence.")).containsExactly("strategic partnership");
    }

    @Test
    void reportsNegationsAndVerbsAsCuesButNotAsTriggers() {
        TriggerLexicon.Scan scan = LEXICON.scan("They did not sign a deal.");
        assertThat(scan.triggers()).isEmpty();
        assertThat(scan.cues()).extracting(TriggerLexicon.Cue::text).containsExactly("not", "sign");
        assertThat(scan.cues().get(0).is(TriggerLexicon.Kind.NEGATION)).isTrue();
    }
}
