package dev.entente.aggregate;

import dev.entente.schemas.EnrichedArticle;
import dev.entente.schemas.PairMention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Tiny factory for enriched articles in tests. */
final class Articles {

    private Articles() {}

    /** An article at {@code eventTime} with one mention (one sentence) per listed pair entry. */
    static EnrichedArticle article(String id, Instant eventTime, String... pairPerSentence) {
        List<PairMention> mentions = new ArrayList<>();
        for (int sentence = 0; sentence < pairPerSentence.length; sentence++) {
            mentions.add(PairMention.newBuilder()
                    .setPair(pairPerSentence[sentence])
                    .setSentence(sentence)
                    .setTrigger("military cooperation")
                    .build());
        }
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setFeedId("test-feed")
                .setTitle("title of " + id)
                .setEventTime(eventTime)
                .setPairMentions(mentions)
                .setCooperationPairs(mentions.stream().map(PairMention::getPair).distinct().sorted().toList())
                .build();
    }
}
