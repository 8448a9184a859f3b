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
import org.apache.uima.fit.component.JCasCollectionReader_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.Progress;
import org.apache.uima.util.ProgressImpl;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
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
public class BratReader extends JCasCollectionReader_ImplBase {
    /** Folder holding the {@code .txt}/{@code .ann} pairs, searched recursively. */
    public static final String PARAM_SOURCE_LOCATION = "sourceLocation";
    @ConfigurationParameter(name = PARAM_SOURCE_LOCATION, description = "Folder of .txt/.ann pairs, read recursively")
    private String sourceLocation;

    /** Language set on every CAS. */
    public static final String PARAM_LANGUAGE = "language";
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

    /**
     * One document to emit: its text file, or an annotation file whose text file is missing, or (with a
     * {@code problem}) an entry that could not be followed.
     */
    private record Item(String relativePath, Path file, boolean annWithoutText, String problem) {
    }

    private Path root;
    private List<Item> items;
    private BratAnnParser parser;
    private int next;

    /** A reader of the BRAT documents under {@code folder}. */
    public static CollectionReaderDescription description(Path folder) throws ResourceInitializationException {
        return CollectionReaderFactory.createReaderDescription(BratReader.class,
                PARAM_SOURCE_LOCATION, folder.toString());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        root = Path.of(sourceLocation);
        parser = checkSurfaceText ? BratAnnParser.checkingSurfaceText() : BratAnnParser.withoutSurfaceCheck();
        try {
            items = new ArrayList<>();
            Set<String> withText = new HashSet<>();
            CorpusFiles.Listing listing = CorpusFiles.scan(root, file -> {
                String name = file.getFileName().toString();
                return name.endsWith(BratCorpus.TEXT_EXTENSION) || name.endsWith(BratCorpus.ANN_EXTENSION);
            });
            List<Path> annFiles = new ArrayList<>();
            for (Path file : listing.files()) {
                String relative = CorpusFiles.withoutExtension(CorpusFiles.relativePath(root, file));
                if (file.getFileName().toString().endsWith(BratCorpus.TEXT_EXTENSION)) {
                    withText.add(relative);
                    items.add(new Item(relative, file, false, null));
                } else {
                    annFiles.add(file);
                }
            }
            for (Path ann : annFiles) {
                String relative = CorpusFiles.withoutExtension(CorpusFiles.relativePath(root, ann));
                if (!withText.contains(relative)) {
                    items.add(new Item(relative, ann, true, null));
                }
            }
            for (CorpusFiles.Problem problem : listing.problems()) {
                items.add(new Item(CorpusFiles.withoutExtension(CorpusFiles.relativePath(root, problem.path())),
                        problem.path(), false, problem.message()));
            }
            items.sort(Comparator.comparing(Item::relativePath));
        } catch (IOException e) {
            throw new ResourceInitializationException(new IOException(
                    PARAM_SOURCE_LOCATION + " must be a readable folder of BRAT files: " + sourceLocation, e));
        }
        next = 0;
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
        if (item.annWithoutText()) {
            jcas.setDocumentText("");
            reportProblem(jcas, item.file() + ": annotation file without its text file "
                    + CorpusFiles.baseName(item.file()) + BratCorpus.TEXT_EXTENSION);
            return;
        }
        String text;
        try {
            text = StrictUtf8.read(item.file());
        } catch (CorpusFormatException e) {
            jcas.setDocumentText("");
            reportProblem(jcas, e.getMessage());
            return;
        } catch (IOException e) {
            jcas.setDocumentText("");
            reportProblem(jcas, item.file() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return;
        }
        jcas.setDocumentText(text);
        Path annFile = CorpusFiles.sibling(item.file(), BratCorpus.ANN_EXTENSION);
        if (!Files.exists(annFile)) {
            return;
        }
        try {
            AnnotatedDocument document = parser.parse(CorpusFiles.baseName(item.file()), text,
                    StrictUtf8.read(annFile), annFile.toString());
            CasAnnotations.addAnnotations(jcas, document.entities(), document.relations());
        } catch (CorpusFormatException e) {
            reportProblem(jcas, e.getMessage());
        } catch (IOException e) {
            reportProblem(jcas, annFile + ": cannot be read (" + e.getClass().getSimpleName() + ")");
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
