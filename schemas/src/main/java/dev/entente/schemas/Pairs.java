package dev.entente.schemas;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The contract's unordered country pair: two ISO 3166-1 alpha-2 codes, sorted, joined by '-'. */
public final class Pairs {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}-[A-Z]{2}");
    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

    private Pairs() {}

    /** The pair of two distinct codes, e.g. {@code of("RU", "KP")} is {@code "KP-RU"}. */
    public static String of(String a, String b) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a pair needs two different countries, got " + a + " twice");
        }
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }

    /** Whether the code is an assigned ISO 3166-1 alpha-2 code. */
    public static boolean isCountry(String code) {
        return ISO_CODES.contains(code);
    }

    /**
     * Reads a pair written by a user ({@code ru-kp}, {@code KP-RU}) into its sorted form.
     *
     * @throws IllegalArgumentException with a message fit for an API error when it is not a pair
     */
    public static String parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(upper).matches()) {
            throw new IllegalArgumentException("pair must be two ISO 3166-1 alpha-2 codes joined by '-', like KP-RU; got '" + text + "'");
        }
        String a = upper.substring(0, 2);
        String b = upper.substring(3);
        for (String code : new String[] {a, b}) {
            if (!isCountry(code)) {
                throw new IllegalArgumentException("unknown country code '" + code + "'");
            }
        }
        return of(a, b);
    }
}
