package org.jnrf.corpus;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Random;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.SourceDocuments;

/**
 * Where writers put a document's outputs: {@code target/<relativePath><extension>}, mirroring the reader's
 * sub-folders, with the folders created on demand. Writes never leave the target folder: a relative path with ".."
 * parts or an absolute one is refused, and so is a folder under the target that is a symbolic link (it could point
 * anywhere; the target folder itself may be one, since the user named it). Files are created with the permissions
 * the process umask gives, like any other file the user creates.
 */
public final class OutputFiles {
    private static final Random RANDOM = new SecureRandom();

    private OutputFiles() {
    }

    /** A write refused because it would leave the target folder; its message names the path and the reason. */
    public static final class OutputRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputRefusedException(String message) {
            super(message);
        }
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
     * The output file of the CAS's document (named by {@link SourceDocuments#outputPath}: our SourceDocument or
     * another framework's document metadata), with its folder created.
     *
     * @throws OutputRefusedException when the CAS names no document or the file would be outside the target
     * @throws IOException             when the folder cannot be made
     */
    public static Path forDocument(JCas jcas, Path targetFolder, String extension) throws IOException {
        Path file;
        try {
            file = resolve(targetFolder, SourceDocuments.outputPath(jcas), extension);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new OutputRefusedException(e.getMessage());
        }
        createFoldersInside(targetFolder.toAbsolutePath().normalize(), file.getParent());
        return file;
    }

    /**
     * Creates {@code folder} and the folders between {@code root} and it, refusing to pass through a symbolic link
     * under {@code root}: {@code Files.createDirectories} would follow one and create or write outside the root.
     */
    static void createFoldersInside(Path root, Path folder) throws IOException {
        Files.createDirectories(root);
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new OutputRefusedException(root.relativize(current) + " is a symbolic link in the output folder; "
                        + "outputs are only written inside it");
            }
            try {
                Files.createDirectory(current);
            } catch (FileAlreadyExistsException e) {
                // made by another thread, or there before; it must be a real folder, not a link (checked above)
                if (Files.isSymbolicLink(current) || !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new OutputRefusedException(root.relativize(current) + " is not a folder");
                }
            }
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

    /**
     * As {@link #writeAtomically(Path, String)}, the content streamed by {@code content}. The temporary file has a
     * short name of its own (a long output name plus a suffix could pass the file system's 255-byte limit) and is
     * created as an ordinary file, so the umask decides its permissions ({@code Files.createTempFile} would force
     * owner-only access on every output).
     */
    public static void writeAtomically(Path file, ContentWriter content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary;
        OutputStream stream;
        while (true) {
            temporary = folder.resolve(".jnrf-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same name: draw again
            }
        }
        try {
            try (OutputStream out = new BufferedOutputStream(stream)) {
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
