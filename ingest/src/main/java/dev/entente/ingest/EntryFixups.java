package dev.entente.ingest;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Parent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingest takes from the XML itself rather than from Rome, for one document: item dates and
 * {@code xml:base}. Used in two steps around Rome's mapping: {@link #prepare} before, on the JDOM
 * document, then {@link #apply} on the {@link SyndFeed} Rome made of it.
 *
 * <p><b>Dates.</b> For each item or entry the raw text of its date elements is read with
 * {@link TolerantDates}: the published date from the first of {@code pubDate}, {@code published},
 * {@code issued}, {@code dc:date} it can read, the updated date from the first of {@code updated},
 * {@code modified}, {@code dcterms:modified}. This fills the dates Rome leaves null (no zone,
 * {@code +0200} in ISO dates, hyphens) and corrects those it misreads (microseconds taken as
 * milliseconds). When a date is read, its elements are taken out of the document before Rome sees
 * it: Rome tries a dozen {@code SimpleDateFormat}s on each date, which cost about half the CPU of
 * reading a feed. When none can be read, the elements stay and Rome's own reading (if any) stands.
 *
 * <p><b>xml:base.</b> Rome keeps item links as written (resolving them itself is a global static
 * switch, so it stays off). When an item or entry, or an element around it, carries
 * {@code xml:base}, the nested bases are combined as XML Base says and the entry's links (its link
 * and every {@link SyndLink}) are resolved against the result and made canonical
 * ({@link CanonicalLinks}); likewise the feed's own link against the base of the feed or channel
 * element. Only an absolute combined base is applied; without one, {@link ArticleMapper} resolves
 * relative links against the feed's link, else the feed URL. An {@code xml:base} on a
 * {@code <link>} element itself is not looked at, and links inside HTML content are not needed
 * (content is kept as plain text).
 *
 * <p>Entries are matched to the item or entry elements by position. When Rome made a different
 * number of entries (a layout this class does not know), {@link #apply} changes nothing and the
 * caller puts the date elements back ({@link #restore}) and maps the document again.
 */
final class EntryFixups {

    private static final Logger log = LoggerFactory.getLogger(EntryFixups.class);
    private static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    private static final Namespace DC_TERMS = Namespace.getNamespace("http://purl.org/dc/terms/");
    private static final List<String> PUBLISHED = List.of("pubDate", "published", "issued");
    private static final List<String> UPDATED = List.of("updated", "modified");
    private static final Set<String> ENTRY_NAMES = Set.of("item", "entry");

    private record EntryDates(Optional<Instant> published, Optional<Instant> updated) {}

    private record Removed(Parent parent, int index, Element element) {}

    private final Element channel;
    private final List<Element> elements;
    private final List<EntryDates> dates = new ArrayList<>();
    private final List<Removed> removed = new ArrayList<>();

    private EntryFixups(Element channel, List<Element> elements) {
        this.channel = channel;
        this.elements = elements;
    }

    /** Reads the item dates of {@code document} and takes the readable ones out of it. */
    static EntryFixups prepare(Document document) {
        Element root = document.getRootElement();
        Element channel = root.getName().equals("feed") ? root : child(root, "channel").orElse(root);
        EntryFixups fixups = new EntryFixups(channel, entryElements(root, channel));
        for (Element element : fixups.elements) {
            fixups.dates.add(new EntryDates(
                    fixups.takeDate(element, PUBLISHED, DC, "date"),
                    fixups.takeDate(element, UPDATED, DC_TERMS, "modified")));
        }
        return fixups;
    }

    /**
     * Sets the dates read by {@link #prepare} and resolves links against {@code xml:base}.
     *
     * @return false, changing nothing, when {@code feed} does not have one entry per item element
     */
    boolean apply(SyndFeed feed) {
        List<SyndEntry> entries = feed.getEntries();
        if (elements.size() != entries.size()) {
            log.debug("{} item elements but {} entries; dates and xml:base left to Rome", elements.size(), entries.size());
            return false;
        }
        base(channel).ifPresent(base -> resolve(feed.getLink(), base, feed::setLink));
        for (int i = 0; i < elements.size(); i++) {
            SyndEntry entry = entries.get(i);
            EntryDates entryDates = dates.get(i);
            entryDates.published().ifPresent(d -> entry.setPublishedDate(Date.from(d)));
            entryDates.updated().ifPresent(d -> entry.setUpdatedDate(Date.from(d)));
            base(elements.get(i)).ifPresent(base -> resolveLinks(entry, base));
        }
        return true;
    }

    /** Puts the date elements {@link #prepare} took out back where they were. */
    void restore() {
        for (int i = removed.size() - 1; i >= 0; i--) {
            Removed r = removed.get(i);
            r.parent().addContent(r.index(), r.element());
        }
        removed.clear();
    }

    private static List<Element> entryElements(Element root, Element channel) {
        List<Element> elements = new ArrayList<>();
        // RSS 0.9 and 1.0 put items next to the channel, the other formats inside it (Atom: the feed).
        if (channel != root) {
            addEntries(root, elements);
        }
        addEntries(channel, elements);
        return elements;
    }

    private static void addEntries(Element parent, List<Element> into) {
        for (Element child : parent.getChildren()) {
            if (ENTRY_NAMES.contains(child.getName())) {
                into.add(child);
            }
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> takeDate(Element entry, List<String> names, Namespace extraNamespace, String extraName) {
        List<Element> candidates = new ArrayList<>();
        for (String name : names) {
            candidates.addAll(entry.getChildren(name, entry.getNamespace()));
        }
        candidates.addAll(entry.getChildren(extraName, extraNamespace));
        Optional<Instant> date = Optional.empty();
        for (Element candidate : candidates) {
            date = TolerantDates.parse(candidate.getText());
            if (date.isPresent()) {
                break;
            }
        }
        if (date.isPresent()) {
            for (Element candidate : candidates) {
                removed.add(new Removed(entry, entry.indexOf(candidate), candidate));
                entry.removeContent(candidate);
            }
        }
        return date;
    }

    /** The absolute XML Base in force at the element, when some element up to the root sets one. */
    private static Optional<URI> base(Element element) {
        boolean declared = false;
        for (Element e = element; e != null && !declared; e = e.getParentElement()) {
            declared = e.getAttribute("base", Namespace.XML_NAMESPACE) != null;
        }
        if (!declared) {
            return Optional.empty();
        }
        try {
            URI base = element.getXMLBaseURI();
            return base != null && base.isAbsolute() ? Optional.of(base) : Optional.empty();
        } catch (URISyntaxException e) {
            log.debug("ignoring an xml:base that is not a URI: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void resolveLinks(SyndEntry entry, URI base) {
        resolve(entry.getLink(), base, entry::setLink);
        if (entry.getLinks() != null) {
            for (SyndLink link : entry.getLinks()) {
                resolve(link.getHref(), base, link::setHref);
            }
        }
    }

    private static void resolve(String link, URI base, Consumer<String> setter) {
        if (link != null) {
            CanonicalLinks.canonicalize(link, base).ifPresent(setter);
        }
    }
}
