package org.jnrf.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find annotated documents. Small slices ship with the sources ({@code src/test/resources/corpora}), so a
 * fresh clone's suite runs; the whole corpora live in {@code ../shared/data/corpora}, which CI has and a user's clone
 * does not: tests that need them are skipped there, with the reason printed once.
 */
public final class TestCorpora {
    /** The slices kept in the repository (the first documents of each split, in file-name order). */
    public static final Path FIXTURES = Path.of("src", "test", "resources", "corpora");
    /** The whole corpora, beside the clone. */
    public static final Path SHARED = Path.of("..", "shared", "data", "corpora");

    public static final Path PHEE_TRAIN = FIXTURES.resolve("phee-n2c2/train");
    public static final Path PHEE_DEV = FIXTURES.resolve("phee-n2c2/dev");
    public static final Path TAC_TRAIN = FIXTURES.resolve("tac2017-brat/train");
    public static final Path TAC_DEV = FIXTURES.resolve("tac2017-brat/dev");

    private static boolean toldMissing;

    private TestCorpora() {
    }

    /** The whole split; skips the calling test (with the reason) when it is absent. */
    public static Path whole(String split) {
        Path folder = SHARED.resolve(split);
        if (!Files.isDirectory(folder)) {
            announceMissing();
        }
        assumeTrue(Files.isDirectory(folder), "needs the whole corpus " + folder
                + " (CI has ../shared beside the clone; a fresh clone runs on the fixtures in " + FIXTURES + ")");
        return folder;
    }

    private static synchronized void announceMissing() {
        if (!toldMissing) {
            toldMissing = true;
            System.err.println("[jnrf tests] " + SHARED + " is absent: tests over whole corpora are skipped; the"
                    + " fixtures in " + FIXTURES + " still run everything else");
        }
    }
}
