package org.jnrf.corpus;

import java.nio.file.FileSystemException;

/**
 * A failure as a message may give it: the file system's reason, our own refusal, or the exception types. Never an
 * exception's message, which can quote note text (an XML serialiser's, a tokenizer's).
 */
public final class FailureReasons {
    private FailureReasons() {
    }

    /** The kind of failure: the file system's reason, or our own refusal, or the exception types. */
    public static String of(Throwable e) {
        if (e instanceof OutputFiles.OutputRefusedException) {
            return e.getMessage();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
