package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.enrich.candidates.Candidate;
import dev.entente.enrich.gazetteer.Gazetteer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which candidate pairs the enricher puts to its scorer, and what it keeps. */
class EnricherCandidatesTest {

    private static final Enricher ENRICHER = Enricher.fromResources();
    private static final Instant JUNE_2024 = Instant.parse("2024-06-20T09:00:00Z");

    private static List<String> candidates(String title, String text) {
        return ENRICHER.enrich(title, text, JUNE_2024).candidates().stream()
                .map(c -> c.pair() + " " + c.scope() + "@" + c.sentence()).toList();
    }

    @Test
    void pairsTheCountriesOfAMilitarySentence() {
        assertThat(candidates(null, "France and Germany concluded an arms supply deal on Monday."))
                .containsExactly("DE-FR sentence@0");
    }

    @Test
    void makesNoCandidateOfASentenceWithoutAMilitaryCue() {
        assertThat(candidates(null, "France and Germany signed a trade agreement on Monday.")).isEmpty();
    }

    @Test
    void pairsTheMembersOfARosterAfterTheSentenceThatNamesTheExercise() {
        assertThat(candidates(null, "The naval exercise opened off Sattahip on Monday. Taking part are Thailand, "
                + "Japan and Indonesia.")).contains("ID-JP sentence@1", "ID-TH sentence@1", "JP-TH sentence@1");
    }

    @Test
    void pairsTheTitleWithTheLead() {
        assertThat(candidates("Manila takes delivery of its missiles",
                "The Indian-made batteries arrived at Clark air base on Friday.")).contains("IN-PH title-lead@1");
    }

    @Test
    void readsAReferenceAsTheTwoCountriesNamedBefore() {
        assertThat(candidates(null, "Indonesia and Australia concluded talks on Friday. Both countries will sign "
                + "the defence agreement next week.")).contains("AU-ID reference@1");
    }

    @Test
    void boundsTheCandidatesOfAnArticleThatListsEveryCountry() {
        String everyone = String.join(", ", Gazetteer.fromResources().codes().stream().sorted()
                .map(code -> new java.util.Locale("", code).getDisplayCountry(java.util.Locale.ENGLISH)).toList());
        String sentence = "Troops from " + everyone + " joined the exercise. ";

        List<Candidate> all = ENRICHER.enrich(null, sentence.repeat(5), JUNE_2024).candidates();

        assertThat(all).hasSizeLessThanOrEqualTo(2_000);
        assertThat(ENRICHER.enrich(null, "Troops from Chad, Niger and Mali joined the exercise. " + sentence,
                JUNE_2024).cooperationPairs()).containsExactly("ML-NE", "ML-TD", "NE-TD");
    }

    @Test
    void givesEveryCandidateAConfidenceAndItsEvidence() {
        List<Candidate> all = ENRICHER.enrich(null,
                "Russia and North Korea signed a mutual defence treaty. South Korea protested.", JUNE_2024).candidates();

        assertThat(all).isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate.confidence()).isBetween(0.0, 1.0);
            assertThat(ENRICHER.evidence(candidate)).isNotEmpty();
        });
    }
}
