package dev.entente.ingest;

import dev.entente.schemas.RawArticle;
import dev.entente.schemas.Topics;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serializer of {@link Topics#RAW}, as a class with a no-argument constructor so that it
 * can be named in producer properties ({@code value.serializer}).
 */
public final class RawArticleSerializer implements Serializer<RawArticle> {

    private final Serializer<RawArticle> delegate = Topics.RAW.valueSerde().serializer();

    @Override
    public byte[] serialize(String topic, RawArticle article) {
        return delegate.serialize(topic, article);
    }
}
