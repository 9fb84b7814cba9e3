package dev.entente.enrich.gazetteer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads the data files that ship inside the enrich jar next to the classes that parse them. */
public final class BundledResources {

    /** Parses one resource; the source name goes into error messages. */
    public interface Parser<T> {
        T parse(Reader reader, String sourceName) throws IOException;
    }

    private BundledResources() {}

    public static <T> T parse(Class<?> owner, String resource, Parser<T> parser) {
        try {
            return parser.parse(new StringReader(text(owner, resource)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole resource as text. */
    public static String text(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short digest of a data file's text, for version strings: the first 4 bytes of its SHA-256, in hex. */
    public static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
