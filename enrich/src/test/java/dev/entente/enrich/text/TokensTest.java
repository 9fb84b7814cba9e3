package dev.entente.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static List<String> words(String sentence) {
        Tokens tokens = Tokens.of(sentence);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            words.add(tokens.word(i));
        }
        return words;
    }

    @Test
    void splitsWordsPunctuationAndPossessives() {
        assertThat(words("Russia's Su-35 jets, bought from the U.S. (reportedly)."))
                .containsExactly("russia", "'s", "su-35", "jets", ",", "bought", "from", "the", "u.s", ".", "(",
                        "reportedly", ")", ".");
    }

    @Test
    void keepsHyphenatedWordsWhole() {
        assertThat(words("Chinese-built fighters - co-developed")).containsExactly("chinese-built", "fighters", "-",
                "co-developed");
    }

    @Test
    void findsTheTokenAtAnOffset() {
        Tokens tokens = Tokens.of("Japan and  Australia");
        assertThat(tokens.at(0)).isZero();
        assertThat(tokens.at(11)).isEqualTo(2);
        assertThat(tokens.at(9)).isEqualTo(2);
        assertThat(tokens.start(2)).isEqualTo(11);
        assertThat(tokens.end(2)).isEqualTo(20);
    }

    @Test
    void readsOutsideTheSentenceAsEmpty() {
        Tokens tokens = Tokens.of("Drills");
        assertThat(tokens.word(-1)).isEmpty();
        assertThat(tokens.word(1)).isEmpty();
        assertThat(Tokens.of("   ").size()).isZero();
    }
}
