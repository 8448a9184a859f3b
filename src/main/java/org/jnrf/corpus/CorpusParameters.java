package org.jnrf.corpus;

/**
 * The parameter names the corpus readers and writers share, in one place (as DKPro Core's
 * {@code ComponentParameters}). The names are those of the descriptors already in use: a reader of one folder takes
 * {@link #PARAM_SOURCE_LOCATION}, the reader of any mix of folders and files takes {@link #PARAM_SOURCE_LOCATIONS}
 * (a uimaFIT parameter has one name, and CPE descriptors name both).
 */
public final class CorpusParameters {
    /** One folder to read, searched recursively. */
    public static final String PARAM_SOURCE_LOCATION = "sourceLocation";
    /** Folders and/or files to read. */
    public static final String PARAM_SOURCE_LOCATIONS = "sourceLocations";
    /** Folder receiving a writer's files. */
    public static final String PARAM_TARGET_LOCATION = "targetLocation";
    /** Language set on every CAS a reader makes. */
    public static final String PARAM_LANGUAGE = "language";
    /** Whether a writer's output includes the document text. */
    public static final String PARAM_INCLUDE_TEXT = "includeText";
    /** Whether a writer indents its output. */
    public static final String PARAM_PRETTY_PRINT = "prettyPrint";

    private CorpusParameters() {
    }
}
