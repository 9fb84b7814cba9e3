package dev.entente.enrich.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.enrich.features.CueWords.Cue;
import dev.entente.enrich.text.Tokens;
import org.junit.jupiter.api.Test;

class CueWordsTest {

    private static final CueWords CUES = CueWords.fromResources();

    private static long[] classes(String sentence) {
        return CUES.classes(Tokens.of(sentence));
    }

    @Test
    void givesEachTokenTheClassesOfTheFormsStartingThere() {
        long[] masks = classes("Egypt took delivery of Rafale jets");

        assertThat(Cue.BUY.in(masks[1])).as("took delivery").isTrue();
        assertThat(Cue.WEAPON.in(masks[5])).as("jets").isTrue();
        assertThat(masks[0]).as("a country is no cue").isZero();
    }

    @Test
    void readsTheTailOfAHyphenatedWord() {
        long[] masks = classes("Chinese-built fighters");

        assertThat(Cue.MADE_BY.in(masks[0])).isTrue();
        assertThat(Cue.WEAPON.in(masks[1])).isTrue();
    }

    @Test
    void marksMilitarySentences() {
        long all = 0;
        for (long mask : classes("The two navies held drills")) {
            all |= mask;
        }
        assertThat(all & CueWords.MILITARY).isNotZero();
        long trade = 0;
        for (long mask : classes("The two countries signed a trade deal")) {
            trade |= mask;
        }
        assertThat(trade & CueWords.MILITARY).isZero();
    }
}
