package dev.entente.ingest;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.filter.Filters;
import org.jdom2.input.JDOMParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXParseException;

/**
 * Turns the bytes of an RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) document into a Rome
 * {@link SyndFeed}.
 *
 * <p><b>Security.</b> No XML parser ever sees a DOCTYPE, so no DTD, external entity or
 * entity-expansion bomb is ever processed; Rome is additionally told to disallow DOCTYPEs. The one
 * DOCTYPE feeds use, RSS 0.91's, is taken out beforehand and the HTML 4 entities its DTD declares
 * are resolved from a table; any other is rejected ({@link Doctypes}).
 *
 * <p><b>Charset.</b> A byte-order mark (or the way {@code <} is encoded, for UTF-16 and UTF-32
 * without one, XML 1.0 appendix F) decides, and an XML declaration naming a different 8-bit charset
 * next to a UTF-8 mark is rejected as contradictory. Otherwise the candidates are the HTTP
 * {@code Content-Type} charset, the XML declaration's encoding, and UTF-8 when nothing is declared.
 * The bytes are decoded strictly: UTF-8 is taken when it is a candidate and the bytes are valid
 * UTF-8 (a mislabelled UTF-8 document is far more common than bytes that happen to be valid UTF-8
 * by accident), else the first candidate in that order that decodes without error. Bytes no
 * candidate can decode are rejected; they are never silently replaced with U+FFFD. An
 * {@code ISO-8859-1} label is read as windows-1252, as browsers do, so "smart quotes" survive.
 *
 * <p><b>Lenient recovery.</b> The document is first parsed strictly. When, and only when, that
 * fails because the XML is not well-formed (HTML entities like {@code &nbsp;} that XML does not
 * define, a bare {@code &}, blank lines or comments before the XML declaration), it is parsed once
 * more through Rome's XML healer, which repairs exactly those faults. Never recovered: refused
 * DOCTYPEs, undecodable bytes, unknown encodings, XML that is neither RSS nor Atom, and documents
 * the healer cannot repair (truncated, unclosed elements), which keep the strict parser's message.
 *
 * <p><b>Beside Rome.</b> Item dates are read by {@link TolerantDates} rather than by Rome, and item
 * links are resolved against {@code xml:base}; see {@link EntryFixups}. White space around the
 * namespace URIs of the root element and around Atom 0.3 base64 content is dropped, as other
 * readers do, since Rome fails on both. An Atom entry document and an {@code <rss>} without a
 * {@code <channel>} are rejected as such rather than read as an empty feed.
 *
 * <p>Every failure is a {@link FeedException} whose one-line message starts with {@value #PREFIX};
 * it describes the problem and never quotes document content. Thread-safe.
 */
public final class FeedParser {

    static final String PREFIX = "not a valid RSS/Atom feed: ";

    private static final Logger log = LoggerFactory.getLogger(FeedParser.class);
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern PADDED_NAMESPACE =
            Pattern.compile("(\\sxmlns(?::[\\w.-]+)?\\s*=\\s*)([\"'])\\s*([^\"'<>]*?)\\s*\\2");
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.DOTALL);

    /** Parses a document whose charset no HTTP header names (a file, a test). */
    public SyndFeed parse(byte[] bytes) throws FeedException {
        return parse(bytes, Optional.empty());
    }

    /**
     * @param httpCharset the charset of the HTTP {@code Content-Type} header, when there was one
     */
    public SyndFeed parse(byte[] bytes, Optional<String> httpCharset) throws FeedException {
        if (bytes == null || bytes.length == 0) {
            throw new FeedException(PREFIX + "the document is empty");
        }
        String text = trimRootNamespaces(Doctypes.admit(decode(bytes, httpCharset)));
        try {
            return build(text, false);
        } catch (FeedException strict) {
            if (!notWellFormed(strict)) {
                throw strict;
            }
            try {
                SyndFeed healed = build(text, true);
                log.debug("recovered a feed that is not well-formed XML ({})", strict.getMessage());
                return healed;
            } catch (FeedException stillBroken) {
                throw strict;
            }
        }
    }

    private static SyndFeed build(String text, boolean heal) throws FeedException {
        try {
            // Rome's healer works on the character stream, before the XML parser sees it.
            Reader reader = heal ? new XmlFixerReader(new StringReader(text)) : new StringReader(text);
            DocumentInput input = new DocumentInput();
            Document document = input.read(reader);
            requireFeedRoot(document);
            trimBase64Content(document);
            EntryFixups fixups = EntryFixups.prepare(document);
            // Preserving the wire feed keeps the RSS channel's <ttl>, which the polling schedule honours.
            SyndFeed feed = new SyndFeedImpl(input.build(document), true);
            if (!fixups.apply(feed)) {
                fixups.restore();
                feed = new SyndFeedImpl(input.build(document), true);
            }
            return feed;
        } catch (JDOMException | IOException | com.rometools.rome.io.FeedException e) {
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

    /**
     * Rome's own input, configured as Rome configures it (no DOCTYPEs, no external entities or DTDs),
     * used in two steps so that the JDOM document stays at hand for {@link EntryFixups}.
     */
    private static final class DocumentInput extends WireFeedInput {

        DocumentInput() {
            super(false, Locale.US);
            setAllowDoctypes(false);
        }

        Document read(Reader reader) throws JDOMException, IOException {
            return createSAXBuilder().build(reader);
        }
    }

    /**
     * The namespace URIs declared on the root element without surrounding white space, which JDOM
     * cannot represent and other readers ignore ({@code xmlns:itunes=" http://..."}).
     */
    private static String trimRootNamespaces(String text) {
        int root = Doctypes.prologEnd(text);
        int end = text.indexOf('>', root);
        if (end < 0) {
            return text;
        }
        String tag = PADDED_NAMESPACE.matcher(text.substring(root, end)).replaceAll("$1$2$3$2");
        return text.substring(0, root) + tag + text.substring(end);
    }

    /** Two documents Rome would silently read as a feed without items, or fail on obscurely. */
    private static void requireFeedRoot(Document document) throws FeedException {
        Element root = document.getRootElement();
        if (root.getName().equals("entry")) {
            throw new FeedException(PREFIX + "an Atom entry document is a single entry, not a feed");
        }
        if (root.getName().equals("rss") && root.getChildren().stream().noneMatch(child -> child.getName().equals("channel"))) {
            throw new FeedException(PREFIX + "the <rss> element has no <channel>");
        }
    }

    /** Atom 0.3 base64 content without the line breaks around it, on which Rome's decoder fails. */
    private static void trimBase64Content(Document document) {
        List<Element> base64 = new ArrayList<>();
        for (Element element : document.getRootElement().getDescendants(Filters.element())) {
            if (element.getName().equals("content") && "base64".equals(element.getAttributeValue("mode"))) {
                base64.add(element);
            }
        }
        base64.forEach(content -> content.setText(content.getText().replaceAll("\\s+", "")));
    }

    private static boolean notWellFormed(FeedException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JDOMParseException || t instanceof SAXParseException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        // Rome wraps the real problem in a bare "Invalid XML" when it is not a SAX error.
        if (e instanceof com.rometools.rome.io.FeedException && "Invalid XML".equals(e.getMessage()) && e.getCause() != null) {
            return reason(e.getCause());
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

    /** The document as characters, without a byte-order mark, following the charset policy above. */
    static String decode(byte[] bytes, Optional<String> httpCharset) throws FeedException {
        Optional<Charset> wide = wideCharset(bytes);
        if (wide.isPresent()) {
            return stripBom(strictDecode(bytes, 0, wide.get())
                    .orElseThrow(() -> new FeedException(PREFIX + "the bytes are not valid " + wide.get().name())));
        }
        // Every other charset that can carry XML is ASCII-compatible, so the declaration reads
        // correctly whatever the real charset is.
        boolean utf8Bom = startsWith(bytes, 0xEF, 0xBB, 0xBF);
        int offset = utf8Bom ? 3 : 0;
        String head = new String(bytes, offset, Math.min(bytes.length - offset, 512), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        Optional<String> declared = m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        if (utf8Bom) {
            if (declared.isPresent() && !isUtf8Compatible(declared.get())) {
                throw new FeedException(PREFIX + "the byte-order mark says UTF-8 but the XML declaration says '"
                        + declared.get() + "'");
            }
            return strictDecode(bytes, offset, StandardCharsets.UTF_8)
                    .orElseThrow(() -> new FeedException(PREFIX + "the bytes are not valid UTF-8"));
        }
        List<Charset> candidates = new ArrayList<>();
        httpCharset.flatMap(FeedParser::charsetNamed).ifPresent(candidates::add);
        if (declared.isPresent()) {
            candidates.add(charsetNamed(declared.get()).orElseThrow(() ->
                    new FeedException(PREFIX + "unsupported encoding '" + declared.get() + "'")));
        } else {
            candidates.add(StandardCharsets.UTF_8);
        }
        if (candidates.contains(StandardCharsets.UTF_8)) {
            Optional<String> utf8 = strictDecode(bytes, 0, StandardCharsets.UTF_8);
            if (utf8.isPresent()) {
                return utf8.get();
            }
        }
        for (Charset charset : candidates) {
            Optional<String> text = strictDecode(bytes, 0, charset);
            if (text.isPresent()) {
                return text.get();
            }
        }
        String named = declared.isPresent() ? "" : " (no charset is declared, so it must be UTF-8)";
        throw new FeedException(PREFIX + "the bytes are not valid " + candidates.get(candidates.size() - 1).name() + named);
    }

    private static boolean isUtf8Compatible(String name) {
        // "UTF-16" in an 8-bit document is a common mislabel that XML parsers read as UTF-8 too.
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("utf-8") || n.equals("utf8") || n.equals("utf-16");
    }

    /** A charset by name; ISO-8859-1 means windows-1252 and UTF-16 in an 8-bit document UTF-8. */
    private static Optional<Charset> charsetNamed(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("iso8859-1") || n.equals("l1")) {
            return Optional.of(WINDOWS_1252);
        }
        if (n.equals("utf-16")) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        // "mac-cyrillic" is known to Java as x-MacCyrillic.
        for (String candidate : List.of(n, "x-" + n, "x-" + n.replace("-", ""))) {
            try {
                return Optional.of(Charset.forName(candidate));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    /**
     * UTF-16 or UTF-32, told by the byte-order mark or by how {@code <} is encoded (XML 1.0 appendix
     * F).
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

    private static Optional<String> strictDecode(byte[] bytes, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
