package dev.entente.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates feeds actually write, which are often not quite RFC 822 or ISO 8601.
 *
 * <p><b>RFC 822 / 2822 family</b> ({@code [Day,] DD Mon YY[YY] HH:MM[:SS] [zone]}): the day name is
 * optional and ignored (feeds get it wrong), month names are English, in any case, abbreviated or
 * full; a two-digit year is 2000-2049 for 00-49 and 1950-1999 for 50-99 and a three-digit year
 * counts from 1900 (RFC 2822 section 4.3); seconds are optional; day, month and year may be
 * separated by spaces or hyphens; runs of whitespace count as one. The zone is a numeric offset with
 * or without a colon (optionally after {@code GMT}/{@code UTC}), {@code Z}, {@code UT}, {@code GMT},
 * {@code UTC}, a North American zone of RFC 822 ({@code EST}, {@code EDT}, ... {@code PDT}), or one of
 * a few abbreviations common in news feeds ({@code BST}, {@code CET}, {@code CEST}, {@code EET},
 * {@code EEST}, {@code MSK}, {@code IST} read as India, {@code JST}, {@code KST}, {@code HKT},
 * {@code SGT}, {@code AEST}, {@code AEDT}, {@code WET}, {@code WEST}). A missing zone means UTC; a trailing comment such as {@code (UTC)} is ignored.
 *
 * <p><b>ISO 8601 / W3C-DTF family</b>: {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, and a date
 * with a time after {@code T} or a space, with or without seconds, with fractional seconds of any
 * length (kept to the nanosecond), and a zone {@code Z} or an offset {@code ±HH}, {@code ±HHMM} or
 * {@code ±HH:MM}. A missing time means midnight, a missing zone UTC.
 *
 * <p>Anything else, and any impossible field (30 February, hour 25, an unknown zone name), is
 * empty: a date is never guessed. No lower or upper bound is applied; a date far in the future is
 * returned as written and left to the enrich stage's rule. Thread-safe.
 */
public final class TolerantDates {

    private static final Pattern RFC_822 = Pattern.compile(
            "(?:[a-z]+\\.?,?\\s*)?(\\d{1,2})[\\s-]*([a-z]{3,9})\\.?[\\s-]*(\\d{2,4}),?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                    + "(?:\\.\\d+)?\\s*(?:(?:gmt|utc)?([+-])(\\d{1,2}):?(\\d{2})?|([a-z]{1,5}))?(?:\\s*\\([^)]*\\))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_8601 = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:[t\\s]\\s*(\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?"
                    + "\\s*(?:(z)|([+-])(\\d{2}):?(\\d{2})?)?)?)?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    /** Offsets in minutes east of UTC. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("z", 0), Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0),
            Map.entry("est", -300), Map.entry("edt", -240), Map.entry("cst", -360), Map.entry("cdt", -300),
            Map.entry("mst", -420), Map.entry("mdt", -360), Map.entry("pst", -480), Map.entry("pdt", -420),
            Map.entry("wet", 0), Map.entry("west", 60), Map.entry("bst", 60), Map.entry("cet", 60),
            Map.entry("cest", 120), Map.entry("eet", 120), Map.entry("eest", 180), Map.entry("msk", 180),
            Map.entry("ist", 330), Map.entry("hkt", 480), Map.entry("sgt", 480), Map.entry("jst", 540),
            Map.entry("kst", 540), Map.entry("aest", 600), Map.entry("aedt", 660));

    private TolerantDates() {}

    /** @return the instant the text names, or empty when it is blank or not a date this class reads */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        if (value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        try {
            Matcher iso = ISO_8601.matcher(value);
            if (iso.matches()) {
                return Optional.of(iso(iso));
            }
            Matcher rfc = RFC_822.matcher(value);
            if (rfc.matches()) {
                return rfc822(rfc);
            }
        } catch (DateTimeException e) {
            // A field out of range (month 13, 31 April, offset beyond 18 hours): not a date.
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant iso(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if (m.group(4) == null) {
            return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        int nanos = 0;
        if (m.group(7) != null) {
            String fraction = (m.group(7) + "00000000").substring(0, 9);
            nanos = Integer.parseInt(fraction);
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
        ZoneOffset offset = m.group(9) == null
                ? ZoneOffset.UTC
                : offset(m.group(9), m.group(10), m.group(11));
        return local.toInstant(offset);
    }

    private static Optional<Instant> rfc822(Matcher m) {
        Integer month = MONTHS.get(m.group(2).substring(0, 3).toLowerCase(Locale.ROOT));
        if (month == null) {
            return Optional.empty();
        }
        ZoneOffset offset;
        if (m.group(7) != null) {
            offset = offset(m.group(7), m.group(8), m.group(9));
        } else if (m.group(10) != null) {
            Integer minutes = ZONES.get(m.group(10).toLowerCase(Locale.ROOT));
            if (minutes == null) {
                return Optional.empty();
            }
            offset = ZoneOffset.ofTotalSeconds(minutes * 60);
        } else {
            offset = ZoneOffset.UTC;
        }
        LocalDateTime local = LocalDateTime.of(year(m.group(3)), month, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        return Optional.of(local.toInstant(offset));
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        return switch (digits.length()) {
            case 2 -> year < 50 ? 2000 + year : 1900 + year;
            case 3 -> 1900 + year;
            default -> year;
        };
    }

    private static ZoneOffset offset(String sign, String hours, String minutes) {
        int total = Integer.parseInt(hours) * 60 + (minutes == null ? 0 : Integer.parseInt(minutes));
        return ZoneOffset.ofTotalSeconds((sign.equals("-") ? -total : total) * 60);
    }
}
