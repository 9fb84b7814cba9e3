package dev.entente.enrich.candidates;

/**
 * One place in a sentence that stands for a country: its name, demonym, capital, a leader in office or an
 * institution, or what background knowledge ties to it (the maker of a named weapon system or firm, the host
 * of a named exercise, a member of a named pact).
 *
 * @param code ISO 3166-1 alpha-2 code
 * @param type how the country is named: {@code country}, {@code capital}, {@code leader}, {@code institution},
 *     {@code weapon}, {@code firm}, {@code exercise} or {@code pact}
 * @param text the words as they stand in the sentence
 * @param start offset of the first char in the sentence
 * @param end offset just past the last char
 */
public record Actor(String code, String type, String text, int start, int end) {

    /** Whether the country is named outright rather than implied by a weapon, firm, exercise or pact. */
    public boolean named() {
        return switch (type) {
            case "weapon", "firm", "exercise", "pact" -> false;
            default -> true;
        };
    }
}
