package dev.entente.enrich.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One place in a sentence where a weapon system, a defence firm, a named exercise or a pact is named.
 *
 * @param kind what the words name
 * @param id the row id in its table, e.g. {@code himars}
 * @param countries the countries it implies: the maker(s) of a weapon or firm, the host(s) of an exercise, the
 *     members of a pact on the article's date; sorted
 * @param text the words as they stand in the sentence
 * @param start offset of the first char in the sentence
 * @param end offset just past the last char
 */
public record KnowledgeMention(Kind kind, String id, List<String> countries, String text, int start, int end) {

    /** The tables of {@link Knowledge}. */
    public enum Kind {
        WEAPON("weapon"),
        FIRM("firm"),
        EXERCISE("exercise"),
        PACT("pact");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The lower-case name used in features and in explanations. */
        public String label() {
            return label;
        }
    }

    public KnowledgeMention {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        countries = List.copyOf(countries);
    }
}
