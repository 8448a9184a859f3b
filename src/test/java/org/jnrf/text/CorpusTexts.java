package org.jnrf.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jnrf.testing.TestCorpora;

/** The .txt notes of a whole corpus split under ../shared/data/corpora, in file-name order. */
final class CorpusTexts {
    private CorpusTexts() {
    }

    /** The split's notes; skips the calling test when the whole corpus is absent. */
    static List<Path> files(String split) {
        try (Stream<Path> files = Files.list(TestCorpora.whole(split))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
