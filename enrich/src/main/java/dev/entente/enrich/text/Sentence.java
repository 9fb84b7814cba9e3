package dev.entente.enrich.text;

/**
 * One sentence of a text.
 *
 * @param start offset of its first char in the text it was split from
 * @param end offset just past its last char
 * @param text the sentence, without surrounding white space
 */
public record Sentence(int start, int end, String text) {}
