package dev.entente.enrich.gazetteer;

import java.util.Objects;

/**
 * One place in a text where a country is named: by its name, demonym or capital, by a leader in office or
 * an institution that acts for it, or by a reference to countries named before.
 *
 * @param type whether the words name the country itself (name or demonym) or its capital
 * @param code ISO 3166-1 alpha-2 code of the country
 * @param text the words as they stand in the text
 * @param start offset of the first char in the text searched
 * @param end offset just past the last char
 */
public record CountryMention(Type type, String code, String text, int start, int end) {

    /** What the words stand for; {@link #label()} is the {@code Entity.type} of the contract. */
    public enum Type {
        COUNTRY("country"),
        CAPITAL("capital"),
        LEADER("leader"),
        INSTITUTION("institution"),
        /** "the two countries", "both nations": the pair named just before. */
        REFERENCE("reference");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public CountryMention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
