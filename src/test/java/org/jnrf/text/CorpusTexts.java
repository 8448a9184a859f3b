package org.jnrf.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The .txt notes of a corpus folder under ../shared/data/corpora, in file-name order. */
final class CorpusTexts {
    static final Path CORPORA = Path.of("../shared/data/corpora");

    private CorpusTexts() {
    }

    static boolean available(String folder) {
        return Files.isDirectory(CORPORA.resolve(folder));
    }

    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(CORPORA.resolve(folder))) {
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
