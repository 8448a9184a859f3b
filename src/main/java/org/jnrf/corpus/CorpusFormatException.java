package org.jnrf.corpus;

/**
 * A corpus file that cannot be read as what it claims to be: undecodable UTF-8, a malformed BRAT line, an offset
 * outside the text, a relation naming a missing entity. The message names the file, the 1-based line (or the byte
 * offset for encoding errors) and the problem; it never quotes note text, because notes are sensitive.
 */
public class CorpusFormatException extends Exception {
    private final String file;
    private final int line;
    private final String problem;

    private CorpusFormatException(String file, int line, String problem, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** A problem on one line of a text-based file; {@code line} is 1-based. */
    public static CorpusFormatException atLine(String file, int line, String problem) {
        return new CorpusFormatException(file, line, problem, file + ", line " + line + ": " + problem);
    }

    /** A problem with the file as a whole, or at a position given in the problem text (e.g. a byte offset). */
    public static CorpusFormatException inFile(String file, String problem) {
        return new CorpusFormatException(file, 0, problem, file + ": " + problem);
    }

    /** The file as the caller named it (usually its path). */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }

    /** The problem alone, without file and line. */
    public String problem() {
        return problem;
    }
}
