package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.uima.UimaContext;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.document.AnnotatedDocument;

/**
 * Reads a folder of n2c2 2018 BRAT documents ({@code NAME.txt} + {@code NAME.ann}), recursively, in sorted order of
 * their relative paths. Each CAS gets the text, the language, a {@code SourceDocument} (documentId = NAME, uri of the
 * {@code .txt}, relativePath = its path under the folder without extension) and the {@code .ann}'s entities and
 * relations (see {@link BratAnnParser} and {@link CasAnnotations} for their form).
 *
 * <p>A {@code .txt} without {@code .ann} is read as a document without annotations (notes to annotate). An
 * {@code .ann} without {@code .txt} still gives a CAS, with empty text and a {@code DocumentError}, so no input goes
 * unnoticed, and so does an entry that cannot be followed (symbolic links are followed; a link loop, a dangling link
 * or an unreadable folder is reported).
 *
 * <p>A bad document does not stop the collection: when the text is not valid UTF-8 (or cannot be read), its CAS has
 * empty text; when the {@code .ann} has a bad line, its CAS has the text and none of that file's annotations. Either
 * way the CAS carries a {@code DocumentError} naming file, line and problem, a warning is logged (never note text)
 * and the reader goes on with the next document. Use {@code ErrorReportWriter} to list them.
 */
@ResourceMetaData(name = "JNRF BRAT reader (n2c2 2018)")
@TypeCapability(outputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class BratReader extends JnrfFileReader_ImplBase {
    /** Folder holding the {@code .txt}/{@code .ann} pairs, searched recursively. */
    public static final String PARAM_SOURCE_LOCATION = CorpusParameters.PARAM_SOURCE_LOCATION;
    @ConfigurationParameter(name = PARAM_SOURCE_LOCATION, description = "Folder of .txt/.ann pairs, read recursively")
    private String sourceLocation;

    /** Language set on every CAS. */
    public static final String PARAM_LANGUAGE = CorpusParameters.PARAM_LANGUAGE;
    @ConfigurationParameter(name = PARAM_LANGUAGE, defaultValue = "en", description = "Document language")
    private String language;

    /**
     * Whether an entity whose surface text differs from the text at its offsets (other than in whitespace) is an
     * error; see {@link BratAnnParser}.
     */
    public static final String PARAM_CHECK_SURFACE_TEXT = "checkSurfaceText";
    @ConfigurationParameter(name = PARAM_CHECK_SURFACE_TEXT, defaultValue = "true",
            description = "Treat an entity whose surface text does not match its offsets as an error")
    private boolean checkSurfaceText;

    static final String COMPONENT = "BratReader";

    private BratAnnParser parser;

    public BratReader() {
        super(COMPONENT);
    }

    /** A reader of the BRAT documents under {@code folder}. */
    public static CollectionReaderDescription description(Path folder) throws ResourceInitializationException {
        return CollectionReaderFactory.createReaderDescription(BratReader.class,
                PARAM_SOURCE_LOCATION, folder.toString());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        parser = checkSurfaceText ? BratAnnParser.checkingSurfaceText() : BratAnnParser.withoutSurfaceCheck();
    }

    /**
     * The {@code .txt} files, the {@code .ann} files without one (as entries with a problem, so they are reported)
     * and the entries that could not be followed, in order of their relative paths.
     */
    @Override
    protected List<Entry> listEntries() throws ResourceInitializationException {
        Path root = Path.of(sourceLocation);
        try {
            CorpusFiles.Listing listing = CorpusFiles.scan(root, file -> {
                String name = file.getFileName().toString();
                return name.endsWith(BratCorpus.TEXT_EXTENSION) || name.endsWith(BratCorpus.ANN_EXTENSION);
            });
            List<Entry> texts = new ArrayList<>();
            List<Entry> annWithoutText = new ArrayList<>();
            List<Entry> problems = new ArrayList<>();
            Set<String> withText = new HashSet<>();
            for (Entry entry : entries(root, listing)) {
                if (entry.problem() != null) {
                    problems.add(entry);
                } else if (entry.file().getFileName().toString().endsWith(BratCorpus.TEXT_EXTENSION)) {
                    withText.add(entry.relativePath());
                    texts.add(entry);
                } else {
                    annWithoutText.add(new Entry(entry.file(), entry.relativePath(), "annotation file without its"
                            + " text file " + CorpusFiles.baseName(entry.file()) + BratCorpus.TEXT_EXTENSION));
                }
            }
            annWithoutText.removeIf(ann -> withText.contains(ann.relativePath()));
            List<Entry> entries = new ArrayList<>(texts);
            entries.addAll(annWithoutText);
            entries.addAll(problems);
            entries.sort(Comparator.comparing(Entry::relativePath));
            return entries;
        } catch (IOException e) {
            throw new ResourceInitializationException(new IOException(
                    PARAM_SOURCE_LOCATION + " must be a readable folder of BRAT files: " + sourceLocation, e));
        }
    }

    @Override
    protected void startDocument(JCas jcas, Entry entry) {
        jcas.setDocumentLanguage(language);
        super.startDocument(jcas, entry);
    }

    @Override
    protected void read(JCas jcas, Entry entry) {
        String text = readText(jcas, entry);
        if (text == null) {
            return;
        }
        startDocument(jcas, entry);
        jcas.setDocumentText(text);
        Path annFile = CorpusFiles.sibling(entry.file(), BratCorpus.ANN_EXTENSION);
        if (!Files.exists(annFile)) {
            return;
        }
        try {
            AnnotatedDocument document = parser.parse(CorpusFiles.baseName(entry.file()), text,
                    StrictUtf8.read(annFile), annFile.toString());
            CasAnnotations.addAnnotations(jcas, document.entities(), document.relations());
        } catch (CorpusFormatException e) {
            reportProblem(jcas, e.getMessage());
        } catch (IOException e) {
            reportProblem(jcas, cannotBeRead(annFile, e));
        }
    }
}
