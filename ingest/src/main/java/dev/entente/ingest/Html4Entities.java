package dev.entente.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 252 named character entities of HTML 4.01 ({@code &uuml;}, {@code &hellip;}, ...), read from
 * {@code html4-entities.txt} beside this class. They stand in for the DTD a feed's DOCTYPE names,
 * which is never loaded ({@link Doctypes}).
 */
final class Html4Entities {

    // XML defines these itself; they stay as written.
    private static final Set<String> XML_PREDEFINED = Set.of("amp", "lt", "gt", "quot", "apos");
    private static final Map<String, Integer> CODE_POINTS = load();

    private Html4Entities() {}

    static Optional<Integer> codePoint(String name) {
        return Optional.ofNullable(CODE_POINTS.get(name));
    }

    static int size() {
        return CODE_POINTS.size();
    }

    /**
     * {@code xml} with every reference to an HTML 4 entity XML does not predefine written as a
     * character reference ({@code &uuml;} becomes {@code &#252;}), outside CDATA sections, comments
     * and processing instructions, where a reference is not a reference. Unknown names stay, for the
     * XML parser to refuse.
     */
    static String toNumeric(String xml) {
        StringBuilder out = new StringBuilder(xml.length());
        int i = 0;
        int n = xml.length();
        while (i < n) {
            int skipTo = skipEnd(xml, i);
            if (skipTo > i) {
                out.append(xml, i, skipTo);
                i = skipTo;
                continue;
            }
            char c = xml.charAt(i);
            if (c == '&') {
                int semicolon = nameEnd(xml, i + 1);
                if (semicolon > 0) {
                    String name = xml.substring(i + 1, semicolon);
                    Integer code = XML_PREDEFINED.contains(name) ? null : CODE_POINTS.get(name);
                    if (code != null) {
                        out.append("&#").append(code).append(';');
                        i = semicolon + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Where a CDATA section, comment or processing instruction starting at {@code i} ends; else i. */
    private static int skipEnd(String xml, int i) {
        if (xml.charAt(i) != '<') {
            return i;
        }
        for (String[] region : new String[][] {{"<![CDATA[", "]]>"}, {"<!--", "-->"}, {"<?", "?>"}}) {
            if (xml.startsWith(region[0], i)) {
                int end = xml.indexOf(region[1], i + region[0].length());
                return end < 0 ? xml.length() : end + region[1].length();
            }
        }
        return i;
    }

    /** The index of the {@code ;} ending an entity name that starts at {@code from}, else -1. */
    private static int nameEnd(String xml, int from) {
        // The longest HTML 4 name, "thetasym", has 8 letters.
        int limit = Math.min(xml.length(), from + 9);
        for (int i = from; i < limit; i++) {
            char c = xml.charAt(i);
            if (c == ';') {
                return i > from ? i : -1;
            }
            if (!Character.isLetterOrDigit(c) || c > 'z') {
                return -1;
            }
        }
        return -1;
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> table = new HashMap<>();
        try (InputStream in = Html4Entities.class.getResourceAsStream("html4-entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("html4-entities.txt is missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.strip().split(" ");
                table.put(fields[0], Integer.parseInt(fields[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read html4-entities.txt", e);
        }
        return Map.copyOf(table);
    }
}
