package org.jnrf.eval;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed line of a BRAT {@code .ann} file; the message names the file and the line. */
public final class AnnFormatException extends IOException {
    private final Path file;
    private final int line;

    public AnnFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
