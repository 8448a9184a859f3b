package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.fit.component.JCasCollectionReader_ImplBase;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.Progress;
import org.apache.uima.util.ProgressImpl;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;

/**
 * What the corpus readers share (in the manner of DKPro Core's {@code ResourceCollectionReaderBase}): the list of
 * documents to emit, made once at initialisation; progress; and the fallback that keeps a bad input from stopping
 * the collection: an entry that could not be listed or read becomes a CAS with empty text and a
 * {@code DocumentError} naming the file and the problem (never note text), with a logged warning. A subclass lists
 * its {@link Entry entries} and {@linkplain #read reads} one into a CAS.
 */
public abstract class JnrfFileReader_ImplBase extends JCasCollectionReader_ImplBase {
    /**
     * One document to emit: a file with the path its outputs get ({@code relativePath}, without extension), or,
     * with a {@code problem}, an entry that cannot be read (a link loop, a dangling link, an unreadable folder, ...).
     */
    protected record Entry(Path file, String relativePath, String problem) {
    }

    private final String component;
    private List<Entry> entries;
    private int next;

    /** @param component the component named in the {@code DocumentError}s this reader adds */
    protected JnrfFileReader_ImplBase(String component) {
        this.component = component;
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        entries = List.copyOf(listEntries());
        next = 0;
    }

    /** The documents to emit, in order; called once, after the parameters are set. */
    protected abstract List<Entry> listEntries() throws ResourceInitializationException;

    /** Reads the entry, which has no problem, into the CAS; a bad file is {@linkplain #emptyDocument reported}. */
    protected abstract void read(JCas jcas, Entry entry) throws CollectionException;

    /** Sets what a reader sets on every CAS before its text: by default the {@code SourceDocument}. */
    protected void startDocument(JCas jcas, Entry entry) {
        SourceDocuments.set(jcas, CorpusFiles.baseName(entry.file()), entry.file().toUri().toString(),
                entry.relativePath());
    }

    @Override
    public boolean hasNext() {
        return next < entries.size();
    }

    @Override
    public void getNext(JCas jcas) throws CollectionException {
        Entry entry = entries.get(next++);
        if (entry.problem() != null) {
            emptyDocument(jcas, entry, entry.file() + ": " + entry.problem());
            return;
        }
        read(jcas, entry);
    }

    /** Makes the CAS an empty document of the entry carrying {@code message}, and logs it. */
    protected void emptyDocument(JCas jcas, Entry entry, String message) {
        startDocument(jcas, entry);
        jcas.setDocumentText("");
        reportProblem(jcas, message);
    }

    /** Adds a {@code DocumentError} with {@code message} (which must not quote note text) and logs it. */
    protected void reportProblem(JCas jcas, String message) {
        DocumentErrors.add(jcas, component, message);
        getLogger().warn(message);
    }

    /**
     * The text of the entry's file (strict UTF-8), or null when it cannot be decoded or read: then the CAS is made
     * an {@linkplain #emptyDocument empty document} naming the byte offset or the failure.
     */
    protected String readText(JCas jcas, Entry entry) {
        try {
            return StrictUtf8.read(entry.file());
        } catch (CorpusFormatException e) {
            emptyDocument(jcas, entry, e.getMessage());
        } catch (IOException e) {
            emptyDocument(jcas, entry, cannotBeRead(entry.file(), e));
        }
        return null;
    }

    /** The problem of a file that cannot be read, by exception type only (messages can quote file content). */
    protected static String cannotBeRead(Path file, IOException e) {
        return file + ": cannot be read (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * The entries of a folder listing: its files, then the entries it could not follow, each with its path under
     * {@code root} without extension.
     */
    protected static List<Entry> entries(Path root, CorpusFiles.Listing listing) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : listing.files()) {
            entries.add(new Entry(file, outputPath(root, file), null));
        }
        for (CorpusFiles.Problem problem : listing.problems()) {
            entries.add(new Entry(problem.path(), outputPath(root, problem.path()), problem.message()));
        }
        return entries;
    }

    /** The path of a file under {@code root}, without extension: where its outputs go. */
    protected static String outputPath(Path root, Path file) {
        return CorpusFiles.withoutExtension(CorpusFiles.relativePath(root, file));
    }

    @Override
    public Progress[] getProgress() {
        return new Progress[] {new ProgressImpl(next, entries.size(), Progress.ENTITIES)};
    }
}
