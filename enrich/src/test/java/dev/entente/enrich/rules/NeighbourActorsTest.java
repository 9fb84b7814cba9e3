package dev.entente.enrich.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.enrich.gazetteer.Gazetteer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourActorsTest {

    private static final Gazetteer GAZETTEER = Gazetteer.fromResources();

    /** The actors of the event whose trigger is the first occurrence of {@code trigger} in the sentence. */
    private static List<String> actors(String sentence, String trigger) {
        int start = sentence.indexOf(trigger);
        assertThat(start).as("trigger in sentence").isNotNegative();
        return NeighbourActors.of(sentence, GAZETTEER.find(sentence), start, start + trigger.length());
    }

    @Test
    void readsWhoActsBeforeTheTriggerAndWhoIsActedOnAfterIt() {
        assertThat(actors("Israel launched air strikes on targets near Damascus on Sunday.", "air strikes"))
                .containsExactly("IL", "SY");
        assertThat(actors("China condemned the US-Japan security pact.", "condemned"))
                .containsExactly("CN", "JP", "US");
    }

    @Test
    void leavesTheSpeakerOfAReportOut() {
        assertThat(actors("Germany said Russia attacked Ukraine overnight.", "attacked")).containsExactly("RU", "UA");
        assertThat(actors("The United States imposed sanctions on Iran, China said.", "sanctions"))
                .containsExactly("IR", "US");
    }

    @Test
    void takesEveryCountryOfAListClosedByAnd() {
        assertThat(actors("Iran, Iraq and Syria condemned the strikes.", "condemned")).containsExactly("IQ", "IR", "SY");
        assertThat(actors("Washington imposed sanctions on Iran, Syria and Venezuela.", "sanctions"))
                .containsExactly("IR", "SY", "US", "VE");
    }

    @Test
    void staysInsideTheTriggersClauseAndReach() {
        assertThat(actors("Israel struck a depot; Egypt protested.", "protested")).containsExactly("EG");
        assertThat(actors("Brazil, whose navy has sailed the region for decades with barely a word from anyone,"
                + " threatened to leave.", "threatened")).isEmpty();
        assertThat(actors("Saudi Arabia and Iran restored diplomatic relations in a deal brokered by China.",
                "diplomatic relations")).containsExactly("IR", "SA");
    }
}
