package org.jnrf.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jnrf.document.AnnotatedDocument;

/** Reads every {@code *.ann} file directly inside a folder (hidden files excepted, as with a shell glob). */
final class AnnFolderReader {
    /** The documents that could be read, and one problem per file that could not. */
    record Contents(List<AnnotatedDocument> documents, List<AnnFormatException> problems) {
    }

    private AnnFolderReader() {
    }

    /** Every document of the folder; the first malformed file stops the reading. */
    static List<AnnotatedDocument> read(Path folder) throws IOException {
        Contents contents = readAll(folder);
        if (!contents.problems().isEmpty()) {
            throw contents.problems().get(0);
        }
        return contents.documents();
    }

    /** Every readable document of the folder, and the problem of each file that is not. */
    static Contents readAll(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "folder does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(AnnFolderReader::isAnnFile).sorted().toList();
        }
        List<AnnotatedDocument> documents = new ArrayList<>(files.size());
        List<AnnFormatException> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                documents.add(AnnFileParser.parse(file));
            } catch (AnnFormatException e) {
                problems.add(e);
            } catch (IOException e) {
                problems.add(new AnnFormatException(file, "cannot be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        return new Contents(documents, problems);
    }

    private static boolean isAnnFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".ann") && !name.startsWith(".") && Files.isRegularFile(path);
    }
}
