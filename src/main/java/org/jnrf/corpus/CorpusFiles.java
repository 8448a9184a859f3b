package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds corpus files and names them: the same folder always gives the same files in the same order (sorted by their
 * path relative to the folder, '/'-separated), so runs, splits and error reports are reproducible.
 */
public final class CorpusFiles {
    private CorpusFiles() {
    }

    /** Regular files under {@code folder} (recursively) whose file name ends with {@code suffix}, sorted. */
    public static List<Path> listBySuffix(Path folder, String suffix) throws IOException {
        return list(folder, file -> file.getFileName().toString().endsWith(suffix));
    }

    /**
     * Regular files under {@code folder} (recursively) whose file name matches the glob {@code fileNameGlob}
     * (e.g. {@code *.txt}), sorted.
     */
    public static List<Path> listByGlob(Path folder, String fileNameGlob) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + fileNameGlob);
        return list(folder, file -> matcher.matches(file.getFileName()));
    }

    private static List<Path> list(Path folder, java.util.function.Predicate<Path> accept) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("not a folder: " + folder);
        }
        record Keyed(String relativePath, Path file) {
        }
        try (Stream<Path> files = Files.walk(folder)) {
            // the sort key is computed once per file: folders of notes can hold millions
            return files.filter(Files::isRegularFile)
                    .filter(accept)
                    .map(file -> new Keyed(relativePath(folder, file), file))
                    .sorted(Comparator.comparing(Keyed::relativePath))
                    .map(Keyed::file)
                    .toList();
        }
    }

    /** {@code file}'s path relative to {@code root}, '/'-separated, with the extension. */
    public static String relativePath(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : relative) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** {@code path} without its last extension ({@code a/b.c.txt} gives {@code a/b.c}). */
    public static String withoutExtension(String path) {
        int dot = path.lastIndexOf('.');
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    /** The file name of {@code file} without its last extension: the BRAT document id. */
    public static String baseName(Path file) {
        return withoutExtension(file.getFileName().toString());
    }

    /** The file beside {@code file} with the same base name and the extension {@code extension} (e.g. ".ann"). */
    public static Path sibling(Path file, String extension) {
        return file.resolveSibling(baseName(file) + extension);
    }
}
