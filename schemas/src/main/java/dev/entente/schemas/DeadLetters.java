package dev.entente.schemas;

/** Header names carried by records on {@link Topics#DEAD_LETTER}. */
public final class DeadLetters {

    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = "entente.source.topic";
    /** Partition and offset of the record in its source topic, as {@code partition/offset}. */
    public static final String SOURCE_POSITION = "entente.source.position";
    /** The processor or stage that gave up on the record. */
    public static final String STAGE = "entente.stage";
    /** One-line description of what was wrong. */
    public static final String ERROR = "entente.error";

    private DeadLetters() {}
}
