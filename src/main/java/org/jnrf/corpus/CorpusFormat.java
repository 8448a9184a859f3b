package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.resource.ResourceInitializationException;

/** The corpus formats the command line reads and writes, each with its reader and writer component. */
public enum CorpusFormat {
    /** n2c2-2018 BRAT standoff: NAME.txt + NAME.ann. */
    BRAT(".ann"),
    /** UIMA XMI with our type system, as written by {@link XmiWriter}. */
    XMI(".xmi"),
    /** Our JSON form, one file per document (write only). */
    JSON(".json"),
    /** Our JSON form, one line per document in one file (write only). */
    JSONL(".jsonl"),
    /** Plain-text notes without annotations (read only). */
    TEXT(".txt");

    private final String suffix;

    CorpusFormat(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    public static CorpusFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "'; expected one of brat, xmi, json, jsonl, text");
        }
    }

    /**
     * The format of an annotated corpus folder: XMI when it holds {@code .xmi} files, BRAT when it holds
     * {@code .ann} files.
     *
     * @throws IOException when the folder holds neither
     */
    public static CorpusFormat detect(Path folder) throws IOException {
        if (!CorpusFiles.listBySuffix(folder, XMI.suffix).isEmpty()) {
            return XMI;
        }
        if (!CorpusFiles.listBySuffix(folder, BRAT.suffix).isEmpty()) {
            return BRAT;
        }
        throw new IOException("folder " + folder + " holds neither .xmi nor .ann files");
    }

    public CollectionReaderDescription reader(Path source) throws ResourceInitializationException {
        return switch (this) {
            case BRAT -> BratReader.description(source);
            case XMI -> XmiReader.description(source);
            case TEXT -> PlainTextReader.description(List.of(source), "*.txt");
            case JSON, JSONL -> throw new IllegalArgumentException("reading JSON is not supported; read BRAT or XMI");
        };
    }

    public AnalysisEngineDescription writer(Path target) throws ResourceInitializationException {
        return switch (this) {
            case BRAT -> BratWriter.description(target, true);
            case XMI -> XmiWriter.description(target);
            case JSON -> JsonWriter.description(target);
            case JSONL -> JsonLinesWriter.description(target);
            case TEXT -> throw new IllegalArgumentException("writing plain text only is not supported");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
