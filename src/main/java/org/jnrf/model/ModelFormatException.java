package org.jnrf.model;

import java.io.IOException;

/** A model or checkpoint file that cannot be used: names the file and what is wrong with it. */
public final class ModelFormatException extends IOException {
    private final String file;

    public ModelFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ModelFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (and entry) the problem was found in. */
    public String file() {
        return file;
    }
}
