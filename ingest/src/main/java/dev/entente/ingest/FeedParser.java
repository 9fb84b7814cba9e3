package dev.entente.ingest;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.xml.sax.InputSource;

/**
 * Turns the bytes of an RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) document into a Rome
 * {@link SyndFeed}.
 *
 * <p>Security: a document with a DOCTYPE declaration is rejected before any XML parser sees it, so no
 * DTD, external entity or entity-expansion bomb is ever processed; Rome is additionally told to
 * disallow DOCTYPEs. The charset is decided by the byte-order mark and the XML declaration, as XML
 * specifies (UTF-16 and UTF-32 are also recognised from the first bytes, which the JDK parser alone
 * does not do). The parse is strict: a document that is not well-formed XML is rejected rather than
 * "healed". Every failure is a {@link FeedException} whose message starts with
 * {@value #PREFIX}. Thread-safe.
 */
public final class FeedParser {

    static final String PREFIX = "not a valid RSS/Atom feed: ";

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    public SyndFeed parse(byte[] bytes) throws FeedException {
        if (bytes == null || bytes.length == 0) {
            throw new FeedException(PREFIX + "the document is empty");
        }
        Optional<Charset> wide = wideCharset(bytes);
        if (declaresDoctype(bytes, wide.orElse(StandardCharsets.ISO_8859_1))) {
            throw new FeedException(PREFIX
                    + "DOCTYPE declarations are not allowed (they can load external files or expand entity bombs)");
        }
        InputSource source = wide.isPresent()
                ? new InputSource(new StringReader(decode(bytes, wide.get())))
                : new InputSource(new ByteArrayInputStream(bytes));
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        try {
            return input.build(source);
        } catch (com.rometools.rome.io.FeedException e) {
            throw new FeedException(PREFIX + reason(e), e);
        } catch (IllegalArgumentException e) {
            // Rome's "Invalid document" means the root is neither RSS nor Atom; JDOM also throws
            // IllegalArgumentExceptions for names and namespaces it cannot represent.
            String reason = "Invalid document".equals(e.getMessage()) ? "the XML is neither RSS nor Atom" : reason(e);
            throw new FeedException(PREFIX + reason, e);
        } catch (RuntimeException e) {
            // Rome's converters can trip over odd but well-formed input; that is still bad input.
            throw new FeedException(PREFIX + reason(e), e);
        }
    }

    private static String reason(Throwable e) {
        // Rome wraps the real problem in a bare "Invalid XML" when it is not a SAX error.
        if (e instanceof com.rometools.rome.io.FeedException && "Invalid XML".equals(e.getMessage()) && e.getCause() != null) {
            return reason(e.getCause());
        }
        if (e instanceof UnsupportedEncodingException) {
            return "unsupported encoding '" + e.getMessage() + "'";
        }
        if (e instanceof RuntimeException && !(e instanceof IllegalArgumentException)) {
            return "incomplete or unexpected structure (" + e.getClass().getSimpleName() + " in Rome)";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.startsWith("Invalid XML: ") ? message.substring("Invalid XML: ".length()) : message;
    }

    /**
     * Whether the prolog (everything before the root element) holds a DOCTYPE. Only the prolog is
     * looked at, because HTML inside CDATA may legitimately contain the same characters.
     */
    private static boolean declaresDoctype(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("<?", i)) {
                i = skipPast(text, i, "?>");
            } else if (text.startsWith("<!--", i)) {
                i = skipPast(text, i, "-->");
            } else {
                // Either a DOCTYPE, or the root element (or junk the XML parser rejects on its own).
                return text.regionMatches(true, i, "<!DOCTYPE", 0, "<!DOCTYPE".length());
            }
        }
        return false;
    }

    private static int skipPast(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    /**
     * UTF-16 or UTF-32, told by the byte-order mark or by how {@code <} is encoded (XML 1.0 appendix
     * F). Every other charset that can carry XML is ASCII-compatible, so its markup reads correctly
     * byte by byte and the XML parser can take the charset from the declaration.
     */
    private static Optional<Charset> wideCharset(byte[] b) {
        if (startsWith(b, 0, 0, 0xFE, 0xFF) || startsWith(b, 0, 0, 0, '<')) {
            return Optional.of(UTF_32BE);
        }
        if (startsWith(b, 0xFF, 0xFE, 0, 0) || startsWith(b, '<', 0, 0, 0)) {
            return Optional.of(UTF_32LE);
        }
        if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0, '<')) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (startsWith(b, 0xFF, 0xFE) || startsWith(b, '<', 0)) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] bytes, Charset charset) throws FeedException {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new FeedException(PREFIX + "invalid " + charset.name() + " bytes", e);
        }
    }

}
