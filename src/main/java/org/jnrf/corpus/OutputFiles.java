package org.jnrf.corpus;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.SourceDocuments;

/**
 * Where writers put a document's outputs: {@code target/<relativePath><extension>}, mirroring the reader's
 * sub-folders, with the folders created on demand. A relative path that would leave the target folder (".." parts,
 * absolute paths) is refused rather than written elsewhere.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** The output file for {@code relativePath} (without extension, '/'-separated) and {@code extension}. */
    public static Path resolve(Path targetFolder, String relativePath, String extension) {
        Path root = targetFolder.toAbsolutePath().normalize();
        Path file = root.resolve(relativePath + extension).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("output path " + relativePath + " leaves the target folder");
        }
        return file;
    }

    /**
     * The output file of the CAS's document (named by its {@code SourceDocument}), with its folder created.
     *
     * @throws AnalysisEngineProcessException when the CAS has no usable SourceDocument or the folder cannot be made
     */
    public static Path forDocument(JCas jcas, Path targetFolder, String extension)
            throws AnalysisEngineProcessException {
        try {
            Path file = resolve(targetFolder, SourceDocuments.outputPath(jcas), extension);
            Files.createDirectories(file.getParent());
            return file;
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    /**
     * Writes {@code content} as UTF-8 through a temporary file and a rename, so a reader of the output folder (or a
     * crash) never sees a half-written file.
     */
    public static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #writeAtomically(Path, String)} for bytes. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        writeAtomically(file, out -> out.write(content));
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** As {@link #writeAtomically(Path, String)}, the content streamed by {@code content}. */
    public static void writeAtomically(Path file, ContentWriter content) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
