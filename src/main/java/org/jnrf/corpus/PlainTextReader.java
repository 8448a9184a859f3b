package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;

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
public class PlainTextReader extends JnrfFileReader_ImplBase {
    /** Folders and/or files to read. */
    public static final String PARAM_SOURCE_LOCATIONS = CorpusParameters.PARAM_SOURCE_LOCATIONS;
    @ConfigurationParameter(name = PARAM_SOURCE_LOCATIONS, description = "Folders (read recursively) and/or files")
    private String[] sourceLocations;

    /** Glob matched against file names inside folders, e.g. {@code *.txt} or {@code *.{txt,note}}. */
    public static final String PARAM_FILE_PATTERN = "filePattern";
    @ConfigurationParameter(name = PARAM_FILE_PATTERN, defaultValue = "*.txt",
            description = "Glob for the names of files to read inside folders")
    private String filePattern;

    /** Language set on every CAS. */
    public static final String PARAM_LANGUAGE = CorpusParameters.PARAM_LANGUAGE;
    @ConfigurationParameter(name = PARAM_LANGUAGE, defaultValue = "en", description = "Document language")
    private String language;

    static final String COMPONENT = "PlainTextReader";

    public PlainTextReader() {
        super(COMPONENT);
    }

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
    protected List<Entry> listEntries() throws ResourceInitializationException {
        List<Entry> entries = new ArrayList<>();
        Set<Path> seenFiles = new HashSet<>();
        Map<String, Path> byRelativePath = new HashMap<>();
        for (String location : sourceLocations) {
            Path path = Path.of(location);
            try {
                List<Entry> found;
                if (Files.isDirectory(path)) {
                    found = entries(path, CorpusFiles.scanByGlob(path, filePattern));
                    found.sort(Comparator.comparing(Entry::relativePath)); // problems in place
                } else if (Files.isRegularFile(path)) {
                    found = List.of(new Entry(path, CorpusFiles.baseName(path), null));
                } else {
                    throw new IOException("no such file or folder: " + location);
                }
                for (Entry entry : found) {
                    if (!seenFiles.add(entry.file().toAbsolutePath().normalize())) {
                        continue;
                    }
                    if (entry.problem() == null) { // a problem has no output of its own, so its name cannot clash
                        Path clash = byRelativePath.putIfAbsent(entry.relativePath(), entry.file());
                        if (clash != null) {
                            throw new IOException("two inputs would share the output name " + entry.relativePath()
                                    + ": " + clash + " and " + entry.file());
                        }
                    }
                    entries.add(entry);
                }
            } catch (IOException e) {
                throw new ResourceInitializationException(
                        new IOException(PARAM_SOURCE_LOCATIONS + ": " + e.getMessage(), e));
            }
        }
        return entries;
    }

    @Override
    protected void startDocument(JCas jcas, Entry entry) {
        jcas.setDocumentLanguage(language);
        super.startDocument(jcas, entry);
    }

    @Override
    protected void read(JCas jcas, Entry entry) {
        String text = readText(jcas, entry);
        if (text != null) {
            startDocument(jcas, entry);
            jcas.setDocumentText(text);
        }
    }
}
