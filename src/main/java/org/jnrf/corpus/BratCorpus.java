package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jnrf.document.AnnotatedDocument;

/**
 * Reads and writes BRAT documents ({@code NAME.txt} + {@code NAME.ann}) without UIMA, for the training engine, the
 * scorer and tests. The UIMA components {@link BratReader} and {@link BratWriter} use the same code.
 */
public final class BratCorpus {
    public static final String TEXT_EXTENSION = ".txt";
    public static final String ANN_EXTENSION = ".ann";

    private BratCorpus() {
    }

    /** The {@code .txt} files of a folder, recursively, in a fixed order (see {@link CorpusFiles}). */
    public static List<Path> textFiles(Path folder) throws IOException {
        return CorpusFiles.listBySuffix(folder, TEXT_EXTENSION);
    }

    /**
     * Reads {@code txtFile} and its {@code .ann} sibling; a missing {@code .ann} gives a document without
     * annotations. The document id is the file's base name.
     */
    public static AnnotatedDocument read(Path txtFile, BratAnnParser parser) throws IOException, CorpusFormatException {
        String text = StrictUtf8.read(txtFile);
        Path annFile = CorpusFiles.sibling(txtFile, ANN_EXTENSION);
        String documentId = CorpusFiles.baseName(txtFile);
        if (!Files.exists(annFile)) {
            return AnnotatedDocument.unannotated(documentId, text);
        }
        return parser.parse(documentId, text, StrictUtf8.read(annFile), annFile.toString());
    }

    /** Reads every document of a folder, checking surface texts; the first bad file stops the reading. */
    public static List<AnnotatedDocument> readAll(Path folder) throws IOException, CorpusFormatException {
        BratAnnParser parser = BratAnnParser.checkingSurfaceText();
        List<AnnotatedDocument> documents = new ArrayList<>();
        for (Path txtFile : textFiles(folder)) {
            documents.add(read(txtFile, parser));
        }
        return documents;
    }

    /**
     * Writes {@code document}'s annotations in n2c2 form to {@code relativePath} (without extension, '/'-separated)
     * under {@code targetFolder}, atomically, by the rules of {@link OutputFiles}: never through a link, never outside
     * the folder.
     */
    public static void writeAnn(Path targetFolder, String relativePath, AnnotatedDocument document)
            throws IOException {
        Path root = targetFolder.toAbsolutePath().normalize();
        Path annFile = OutputFiles.resolve(root, relativePath, ANN_EXTENSION);
        OutputFiles.createFoldersInside(root, annFile.getParent());
        OutputFiles.writeAtomically(annFile, BratAnnFormatter.format(document));
    }
}
