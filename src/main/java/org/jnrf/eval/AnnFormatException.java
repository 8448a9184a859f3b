package org.jnrf.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A malformed line of a BRAT {@code .ann} file, or a file that is not UTF-8; the message names the file, the line
 * (0 when the problem is not on one line) and the problem, never the line's text.
 */
public final class AnnFormatException extends IOException {
    private final Path file;
    private final int line;

    public AnnFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** A problem with the file as a whole, or at a position the problem gives (e.g. a byte offset). */
    public AnnFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
