package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds corpus files and names them: the same folder always gives the same files in the same order (sorted by their
 * path relative to the folder, '/'-separated), so runs, splits and error reports are reproducible.
 */
public final class CorpusFiles {
    private CorpusFiles() {
    }

    /**
     * What a walk of a folder found: the files it looked for, sorted, and the entries it could not follow (a link
     * loop, a dangling link, an unreadable folder), so a caller can report them instead of losing them.
     */
    public record Listing(List<Path> files, List<Problem> problems) {
    }

    /** An entry under the folder that could not be read, and why (names paths only). */
    public record Problem(Path path, String message) {
    }

    /** Regular files under {@code folder} (recursively) whose file name ends with {@code suffix}, sorted. */
    public static List<Path> listBySuffix(Path folder, String suffix) throws IOException {
        return scanBySuffix(folder, suffix).files();
    }


    /** As {@link #listBySuffix}, with the entries that could not be followed. */
    public static Listing scanBySuffix(Path folder, String suffix) throws IOException {
        return scan(folder, file -> file.getFileName().toString().endsWith(suffix));
    }

    /**
     * Regular files under {@code folder} (recursively) whose name matches the glob {@code fileNameGlob} (e.g.
     * {@code *.txt}), sorted, with the entries that could not be followed.
     */
    public static Listing scanByGlob(Path folder, String fileNameGlob) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + fileNameGlob);
        return scan(folder, file -> matcher.matches(file.getFileName()));
    }

    /**
     * Walks {@code folder} following symbolic links (a linked sub-folder or a linked input folder holds notes like
     * any other), so every file is found under the path it was reached by. A link back to a folder above it would
     * make the walk endless: it is a problem, as are dangling links and folders that cannot be read.
     */
    public static Listing scan(Path folder, Predicate<Path> accept) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("not a folder: " + folder);
        }
        record Keyed(String relativePath, Path file) {
        }
        List<Keyed> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isSymbolicLink()) {
                            // the walker gives a link's own attributes only when its target cannot be reached
                            problems.add(new Problem(file, "symbolic link to " + linkTarget(file)
                                    + " leads to no file (the target is missing, or links form a loop)"));
                        } else if (!accept.test(file)) {
                            return FileVisitResult.CONTINUE;
                        } else if (!attributes.isRegularFile()) {
                            problems.add(new Problem(file, "not a regular file (a pipe, socket or device)"));
                        } else if (!Path.of(file.toString()).equals(file)) {
                            // bytes the file system's encoding cannot decode: outputs named after the lossy name
                            // could collide or miss, so the note is reported instead
                            problems.add(new Problem(file, "the file name is not valid text in the file system's "
                                    + "encoding; rename the file"));
                        } else {
                            // the sort key is computed once per file: folders of notes can hold millions
                            files.add(new Keyed(relativePath(folder, file), file));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(new Problem(file, e instanceof FileSystemLoopException
                                ? "symbolic link loop: it leads back to a folder above it, whose files are read once"
                                : "cannot be read (" + e.getClass().getSimpleName() + ")"));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e != null) {
                            problems.add(new Problem(dir, "folder could not be listed to the end ("
                                    + e.getClass().getSimpleName() + ")"));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Comparator.comparing(Keyed::relativePath));
        problems.sort(Comparator.comparing(problem -> relativePath(folder, problem.path())));
        return new Listing(files.stream().map(Keyed::file).toList(), List.copyOf(problems));
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "(unreadable)";
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
