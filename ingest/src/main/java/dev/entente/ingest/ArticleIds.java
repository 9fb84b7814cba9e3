package dev.entente.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The article id of the contract: the first 32 lowercase hex digits (128 bits) of a SHA-256. Which
 * text is hashed is decided per fetched document ({@link #assign}), in this order:
 *
 * <ol>
 *   <li>the item's canonical link ({@link CanonicalLinks}) when no other item of the document has
 *       the same one;
 *   <li>else its guid (RSS {@code <guid>}, Atom {@code <id>}) when no other item has the same one;
 *   <li>else a digest of link, title, publication date and summary ({@link ItemKey#digestSource}).
 * </ol>
 *
 * The link comes first because the contract (CONTRACTS.md, "Article id") says so, and because every
 * id already written was made that way: putting the guid first would give items already sent a new
 * id and send and count them again. A link shared by several items (a programme page linked by every
 * episode) says nothing about which item it is, so then the guid decides, and an item with neither
 * a unique link nor a unique guid is told apart by what it says. So two different items of one
 * document never share an id, and the same item fetched twice, by any instance, gets the same id.
 * Items equal in all four digested fields are the same item listed twice and share one id. An id
 * taken by an earlier item of the document (one item's guid is another's link) falls back to the
 * digest.
 */
public final class ArticleIds {

    private static final int LENGTH = 32;

    private ArticleIds() {}

    /**
     * What identifies one item of a feed document.
     *
     * @param guid the item's own identifier, when it has a non-blank one
     * @param link its canonical link, when it has one
     * @param title and {@code summary}: plain text, {@code ""} when absent
     * @param published its publication date (not the updated date, which moves on every edit)
     */
    public record ItemKey(Optional<String> guid, Optional<String> link, String title, Optional<Instant> published,
            String summary) {

        /**
         * The fields joined by NUL, which no XML text can contain, so no digest source equals
         * another item's guid or link, or another combination of fields.
         */
        String digestSource() {
            return String.join("\u0000", "item", link.orElse(""), title, published.map(Instant::toString).orElse(""),
                    summary);
        }
    }

    /** The ids of the items of one document, in the same order, by the rule of the class comment. */
    public static List<String> assign(List<ItemKey> items) {
        Map<String, Integer> guids = new HashMap<>();
        Map<String, Integer> links = new HashMap<>();
        for (ItemKey item : items) {
            item.guid().ifPresent(guid -> guids.merge(guid, 1, Integer::sum));
            item.link().ifPresent(link -> links.merge(link, 1, Integer::sum));
        }
        List<String> ids = new ArrayList<>(items.size());
        Set<String> taken = new HashSet<>();
        for (ItemKey item : items) {
            String source = item.link().filter(link -> links.get(link) == 1)
                    .or(() -> item.guid().filter(guid -> guids.get(guid) == 1))
                    .orElseGet(item::digestSource);
            String id = of(source);
            if (taken.contains(id) && !source.equals(item.digestSource())) {
                id = of(item.digestSource());
            }
            taken.add(id);
            ids.add(id);
        }
        return ids;
    }

    public static String of(String source) {
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("an article id needs a non-empty source");
        }
        return HexFormat.of().formatHex(sha256(source.getBytes(StandardCharsets.UTF_8))).substring(0, LENGTH);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
