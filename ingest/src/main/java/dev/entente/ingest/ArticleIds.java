package dev.entente.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The article id of the contract: the first 32 lowercase hex digits (128 bits) of the SHA-256 of the
 * item's canonical link, or of its guid when it has no link. The same item fetched twice, by any
 * instance, gets the same id.
 */
public final class ArticleIds {

    private static final int LENGTH = 32;

    private ArticleIds() {}

    public static String of(String canonicalLinkOrGuid) {
        if (canonicalLinkOrGuid == null || canonicalLinkOrGuid.isEmpty()) {
            throw new IllegalArgumentException("an article id needs a non-empty link or guid");
        }
        return HexFormat.of().formatHex(sha256(canonicalLinkOrGuid.getBytes(StandardCharsets.UTF_8)))
                .substring(0, LENGTH);
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
