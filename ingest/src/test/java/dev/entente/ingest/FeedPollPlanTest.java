package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.schemas.RawArticle;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The send and cursor rules of one poll, without threads, producer or network. */
class FeedPollPlanTest {

    private static final URI URL = URI.create("https://news.example.org/world.xml");
    private static final Validators BEFORE = Validators.of("\"v1\"", null);
    private static final Validators FETCHED = Validators.of("\"v2\"", null);

    private static RawArticle item(String id) {
        return RawArticle.newBuilder().setId(id).setFeedId("world-news").setFetchedAt(Instant.EPOCH).build();
    }

    private static FeedCursor cursorHolding(String... ids) {
        return new FeedCursor("world-news", URL, BEFORE, List.of(ids));
    }

    private static FeedPollPlan plan(FeedCursor cursor, String... documentIds) {
        return new FeedPollPlan(cursor, FETCHED, List.of(documentIds).stream().map(FeedPollPlanTest::item).toList());
    }

    @Test
    void sendsTheItemsTheCursorDoesNotHoldInDocumentOrder() {
        FeedPollPlan plan = plan(cursorHolding("b"), "c", "b", "a");

        assertThat(plan.toSend()).extracting(RawArticle::getId).containsExactly("c", "a");
    }

    @Test
    void remembersTheDocumentsIdsAndTakesTheNewValidatorsOnceAllAreAcknowledged() {
        FeedCursor cursor = cursorHolding("old", "b");
        FeedPollPlan plan = plan(cursor, "c", "b", "a");

        FeedCursor after = plan.cursorAfter(cursor, Set.of("c", "a"), false);

        assertThat(after.validators()).isEqualTo(FETCHED);
        assertThat(after.recentIds()).containsExactly("old", "c", "b", "a");
    }

    @Test
    void keepsTheOldValidatorsAndForgetsAFailedItemSoTheNextPollOffersItAgain() {
        FeedCursor cursor = cursorHolding();
        FeedPollPlan plan = plan(cursor, "a", "b");

        FeedCursor after = plan.cursorAfter(cursor, Set.of("a"), true);

        assertThat(after.validators()).isEqualTo(BEFORE);
        assertThat(after.recentIds()).containsExactly("a");
        assertThat(plan(after, "a", "b").toSend()).extracting(RawArticle::getId).containsExactly("b");
    }

    @Test
    void doesNotRememberAnItemHeldBackBecauseAnotherPollWasSendingIt() {
        FeedCursor cursor = cursorHolding();

        FeedCursor after = plan(cursor, "a", "b").cursorAfter(cursor, Set.of("a"), false);

        assertThat(after.recentIds()).containsExactly("a");
    }

    @Test
    void keepsWhatAnOverlappingPollAcknowledgedMeanwhile() {
        FeedCursor planned = cursorHolding();
        FeedPollPlan plan = plan(planned, "a", "b");
        FeedCursor meanwhile = planned.advance(FETCHED, List.of("b"), Set.of("b"));

        FeedCursor after = plan.cursorAfter(meanwhile, Set.of("a"), false);

        assertThat(after.recentIds()).containsExactly("a", "b");
    }

    @Test
    void leavesTheCursorAsItIsWhenNothingIsNewAndTheServerGaveTheSameValidators() {
        FeedCursor cursor = cursorHolding("a");

        assertThat(new FeedPollPlan(cursor, BEFORE, List.of(item("a"))).cursorAfter(cursor, Set.of(), false))
                .isEqualTo(cursor);
    }
}
