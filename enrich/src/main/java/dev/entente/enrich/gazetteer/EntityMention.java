package dev.entente.enrich.gazetteer;

import java.util.List;
import java.util.Objects;

/**
 * One place in a text where the gazetteer found a known entity.
 *
 * @param type what the words name: {@code country}, {@code capital}, {@code leader} (a listed office holder
 *     on the article's date), {@code person} (a listed name outside its terms of office, or after
 *     "former"), {@code institution}, {@code agency}, {@code organisation}, {@code outlet} or
 *     {@code ambiguous} (a form such as "Korea" that may mean several countries)
 * @param id canonical id: the ISO code for countries and capitals, else the gazetteer id
 * @param country the ISO code of the country the words stand for, or empty
 * @param text the words as they stand in the text
 * @param start offset of the first char in the text searched
 * @param end offset just past the last char
 * @param actor whether the mention can act for its country in an event (countries, capitals, leaders in
 *     office and institutions; never agencies, outlets, organisations or persons)
 * @param candidates for an ambiguous form, the countries it may mean; else empty
 */
public record EntityMention(String type, String id, String country, String text, int start, int end, boolean actor,
        List<String> candidates) {

    public EntityMention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(text, "text");
        candidates = List.copyOf(candidates);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The same mention read as the given country (for resolved ambiguous forms). */
    public EntityMention resolvedTo(String code) {
        return new EntityMention("country", code, code, text, start, end, true, List.of());
    }

    /** The same mention as a place in a dateline: named, but no actor. */
    public EntityMention asDateline() {
        return new EntityMention("dateline", id, country, text, start, end, false, candidates);
    }
}
