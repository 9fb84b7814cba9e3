package dev.entente.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The labelled passages paraphrased from real public reports ({@code enrich/labelled/*.jsonl}, in the
 * codebook's format with a {@code story} slug) and their three splits.
 *
 * <p>Contract: a passage belongs to a split by the SHA-256 of its story, so that every passage about one event
 * falls on the same side: 70 % train, 15 % validation (where the threshold is chosen), 15 % test (reported,
 * never read for errors, never used for a decision). The development set of others,
 * {@code ../shared/eval/real-reports-dev.jsonl}, is read in place when it is there.
 */
public final class RealReports {

    /**
     * The labelled files, relative to the enrich module (where Maven runs its tests and the train profile); the
     * system property {@code entente.labelled} names another folder, for experiments on a frozen copy.
     */
    public static final Path DIRECTORY = Path.of(System.getProperty("entente.labelled", "labelled"));
    /** The shared development set of real-report items written by others, read in place and never copied. */
    public static final Path SHARED_DEV = Path.of("..", "..", "shared", "eval", "real-reports-dev.jsonl");

    public enum Split { TRAIN, VALIDATION, TEST }

    private RealReports() {}

    /** The split a story belongs to. */
    public static Split splitOf(String story) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(story.getBytes(StandardCharsets.UTF_8));
            int bucket = Integer.remainderUnsigned(
                    (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | hash[3] & 0xff, 100);
            return bucket < 70 ? Split.TRAIN : bucket < 85 ? Split.VALIDATION : Split.TEST;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The passages of one split, in file then line order. */
    public static List<DevSetEvaluation.Passage> load(Split split) {
        return load(DIRECTORY, split);
    }

    static List<DevSetEvaluation.Passage> load(Path directory, Split split) {
        List<DevSetEvaluation.Passage> passages = new ArrayList<>();
        for (Path file : files(directory)) {
            for (DevSetEvaluation.Passage passage : read(file)) {
                String story = passage.story().orElseThrow(
                        () -> new IllegalArgumentException(file + ": passage " + passage.id() + " has no story"));
                if (splitOf(story) == split) {
                    passages.add(passage);
                }
            }
        }
        return passages;
    }

    /** The labelled files, sorted by name. */
    public static List<Path> files(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The passages of one labelled file. */
    public static List<DevSetEvaluation.Passage> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DevSetEvaluation.read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The shared development set, when {@code ../shared} is there. */
    public static Optional<List<DevSetEvaluation.Passage>> sharedDev() {
        return Files.isRegularFile(SHARED_DEV) ? Optional.of(read(SHARED_DEV)) : Optional.empty();
    }
}
