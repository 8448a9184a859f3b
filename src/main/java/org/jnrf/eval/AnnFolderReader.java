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
    private AnnFolderReader() {
    }

    static List<AnnotatedDocument> read(Path folder) throws IOException {
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
        for (Path file : files) {
            documents.add(AnnFileParser.parse(file));
        }
        return documents;
    }

    private static boolean isAnnFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".ann") && !name.startsWith(".") && Files.isRegularFile(path);
    }
}
