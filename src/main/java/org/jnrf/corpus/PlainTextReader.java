package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.fit.component.JCasCollectionReader_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.Progress;
import org.apache.uima.util.ProgressImpl;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;

/**
 * Reads notes from UTF-8 text files: any mix of folders (searched recursively for file names matching
 * {@link #PARAM_FILE_PATTERN}, in sorted order) and single files (taken whatever their name), in the order given.
 * Each CAS gets the text, the language and a {@code SourceDocument}: documentId = file name without extension,
 * uri = the file's URI, relativePath = the path under its folder without extension (just the base name for a single
 * file), so writers mirror the folder layout. Two inputs that would get the same relativePath are refused at
 * initialisation, since their outputs would overwrite each other; the same file named twice is read once.
 *
 * <p>Symbolic links inside a folder are followed, the folder itself may be one. A file that is not valid UTF-8 or
 * cannot be read gives a CAS with empty text and a {@code DocumentError} naming the file and the byte offset; so does
 * an entry that cannot be followed (a link loop, a dangling link, an unreadable folder): a warning is logged and
 * reading goes on, so every input is accounted for.
 */
@ResourceMetaData(name = "JNRF plain text reader")
@TypeCapability(outputs = {"org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class PlainTextReader extends JCasCollectionReader_ImplBase {
    /** Folders and/or files to read. */
    public static final String PARAM_SOURCE_LOCATIONS = "sourceLocations";
    @ConfigurationParameter(name = PARAM_SOURCE_LOCATIONS, description = "Folders (read recursively) and/or files")
    private String[] sourceLocations;

    /** Glob matched against file names inside folders, e.g. {@code *.txt} or {@code *.{txt,note}}. */
    public static final String PARAM_FILE_PATTERN = "filePattern";
    @ConfigurationParameter(name = PARAM_FILE_PATTERN, defaultValue = "*.txt",
            description = "Glob for the names of files to read inside folders")
    private String filePattern;

    /** Language set on every CAS. */
    public static final String PARAM_LANGUAGE = "language";
    @ConfigurationParameter(name = PARAM_LANGUAGE, defaultValue = "en", description = "Document language")
    private String language;

    static final String COMPONENT = "PlainTextReader";

    /** A file to read, or (with a {@code problem}) an entry under a folder that could not be followed. */
    private record Item(Path file, String relativePath, String problem) {
    }

    private List<Item> items;
    private int next;

    /** A reader of the {@code *.txt} files in the given folders and/or files. */
    public static CollectionReaderDescription description(Path... locations) throws ResourceInitializationException {
        return description(List.of(locations), "*.txt");
    }

    /** A reader of the files matching {@code fileNameGlob} in the given folders, and of the given files. */
    public static CollectionReaderDescription description(List<Path> locations, String fileNameGlob)
            throws ResourceInitializationException {
        return CollectionReaderFactory.createReaderDescription(PlainTextReader.class,
                PARAM_SOURCE_LOCATIONS, locations.stream().map(Path::toString).toArray(String[]::new),
                PARAM_FILE_PATTERN, fileNameGlob);
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        items = new ArrayList<>();
        Set<Path> seenFiles = new HashSet<>();
        Map<String, Path> byRelativePath = new HashMap<>();
        for (String location : sourceLocations) {
            Path path = Path.of(location);
            List<Item> found = new ArrayList<>();
            try {
                if (Files.isDirectory(path)) {
                    CorpusFiles.Listing listing = CorpusFiles.scanByGlob(path, filePattern);
                    for (Path file : listing.files()) {
                        found.add(new Item(file, outputPath(path, file), null));
                    }
                    for (CorpusFiles.Problem problem : listing.problems()) {
                        found.add(new Item(problem.path(), outputPath(path, problem.path()), problem.message()));
                    }
                    found.sort(java.util.Comparator.comparing(Item::relativePath)); // problems in place
                } else if (Files.isRegularFile(path)) {
                    found.add(new Item(path, CorpusFiles.baseName(path), null));
                } else {
                    throw new IOException("no such file or folder: " + location);
                }
                for (Item item : found) {
                    if (!seenFiles.add(item.file().toAbsolutePath().normalize())) {
                        continue;
                    }
                    if (item.problem() != null) {
                        items.add(item); // no output of its own, so its name cannot clash with another's
                        continue;
                    }
                    Path clash = byRelativePath.putIfAbsent(item.relativePath(), item.file());
                    if (clash != null) {
                        throw new IOException("two inputs would share the output name " + item.relativePath() + ": "
                                + clash + " and " + item.file());
                    }
                    items.add(item);
                }
            } catch (IOException e) {
                throw new ResourceInitializationException(
                        new IOException(PARAM_SOURCE_LOCATIONS + ": " + e.getMessage(), e));
            }
        }
        next = 0;
    }

    private static String outputPath(Path folder, Path file) {
        return CorpusFiles.withoutExtension(CorpusFiles.relativePath(folder, file));
    }

    @Override
    public boolean hasNext() {
        return next < items.size();
    }

    @Override
    public void getNext(JCas jcas) {
        Item item = items.get(next++);
        jcas.setDocumentLanguage(language);
        SourceDocuments.set(jcas, CorpusFiles.baseName(item.file()), item.file().toUri().toString(),
                item.relativePath());
        if (item.problem() != null) {
            jcas.setDocumentText("");
            reportProblem(jcas, item.file() + ": " + item.problem());
            return;
        }
        try {
            jcas.setDocumentText(StrictUtf8.read(item.file()));
        } catch (CorpusFormatException e) {
            jcas.setDocumentText("");
            reportProblem(jcas, e.getMessage());
        } catch (IOException e) {
            jcas.setDocumentText("");
            reportProblem(jcas, item.file() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void reportProblem(JCas jcas, String message) {
        DocumentErrors.add(jcas, COMPONENT, message);
        getLogger().warn(message);
    }

    @Override
    public Progress[] getProgress() {
        return new Progress[] {new ProgressImpl(next, items.size(), Progress.ENTITIES)};
    }
}
