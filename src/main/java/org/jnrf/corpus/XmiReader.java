package org.jnrf.corpus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.cas.admin.CASAdminException;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.collection.CollectionException;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.AnnotationIntegrity;
import org.jnrf.cas.SourceDocuments;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads {@code .xmi} files (as written by {@link XmiWriter}, e.g. from a BRAT corpus) back into CASes: a folder,
 * recursively, in sorted order. The CAS keeps the {@code SourceDocument} stored in the XMI (where the document first
 * came from); an XMI without one gets one naming the XMI file. Types the pipeline does not know are skipped in
 * lenient mode (the default), so XMI written by a larger pipeline (e.g. with cTAKES types) can be read.
 *
 * <p>An XMI file that cannot be parsed gives a CAS with empty text and a {@code DocumentError} naming the file and
 * the parser's problem, a logged warning, and reading goes on. Symbolic links are followed; an entry that cannot be
 * (a link loop, a dangling link, an unreadable folder) is reported the same way. One whose entities or relations are
 * unsound (a span past the text, a relation argument that is no entity; see {@link AnnotationIntegrity}) gives a CAS
 * with the text and none of them, like a bad {@code .ann} in the BRAT reader, with a {@code DocumentError} naming the
 * first problem.
 */
@ResourceMetaData(name = "JNRF XMI reader")
@TypeCapability(outputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class XmiReader extends JnrfFileReader_ImplBase {
    /** Folder holding the {@code .xmi} files, searched recursively. */
    public static final String PARAM_SOURCE_LOCATION = CorpusParameters.PARAM_SOURCE_LOCATION;
    @ConfigurationParameter(name = PARAM_SOURCE_LOCATION, description = "Folder of .xmi files, read recursively")
    private String sourceLocation;

    /** Skip types and features the pipeline's type system lacks instead of failing. */
    public static final String PARAM_LENIENT = "lenient";
    @ConfigurationParameter(name = PARAM_LENIENT, defaultValue = "true",
            description = "Ignore types and features unknown to the pipeline")
    private boolean lenient;

    static final String COMPONENT = "XmiReader";

    public XmiReader() {
        super(COMPONENT);
    }

    /** A reader of the XMI files under {@code folder}. */
    public static CollectionReaderDescription description(Path folder) throws ResourceInitializationException {
        return CollectionReaderFactory.createReaderDescription(XmiReader.class,
                PARAM_SOURCE_LOCATION, folder.toString());
    }

    /** The {@code .xmi} files in sorted order, then the entries that could not be followed. */
    @Override
    protected List<Entry> listEntries() throws ResourceInitializationException {
        Path root = Path.of(sourceLocation);
        try {
            return entries(root, CorpusFiles.scanBySuffix(root, XmiWriter.XMI_EXTENSION));
        } catch (IOException e) {
            throw new ResourceInitializationException(new IOException(
                    PARAM_SOURCE_LOCATION + " must be a readable folder of XMI files: " + sourceLocation, e));
        }
    }

    @Override
    protected void read(JCas jcas, Entry entry) throws CollectionException {
        Path file = entry.file();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XmiCasDeserializer.deserialize(in, jcas.getCas(), lenient);
        } catch (SAXException | IOException | RuntimeException e) {
            String problem = e instanceof IOException ? "cannot be read (" + e.getClass().getSimpleName() + ")"
                    : "not a readable XMI file (" + describe(e) + ")";
            try {
                jcas.reset(); // drop whatever part of the file had been read
            } catch (CASAdminException resetRefused) {
                throw new CollectionException(e);
            }
            emptyDocument(jcas, entry, file + ": " + problem);
            return;
        }
        // a name that another framework's reader stored (DKPro's DocumentMetaData, ...) is where the document came from
        if (SourceDocuments.name(jcas).isEmpty()) {
            startDocument(jcas, entry);
        }
        List<String> problems = AnnotationIntegrity.problems(jcas);
        if (!problems.isEmpty()) {
            AnnotationIntegrity.dropAnnotations(jcas);
            reportProblem(jcas, file + ": " + problems.get(0) + (problems.size() > 1 ? " (and "
                    + (problems.size() - 1) + " more problem(s))" : "") + "; the file's entities and relations are"
                    + " left out");
        }
    }

    /**
     * Where parsing failed, without the parser's message: XML messages can quote attribute values, and the
     * document text is one.
     */
    private static String describe(Exception e) {
        if (e instanceof SAXParseException parse) {
            return "XML error at line " + parse.getLineNumber() + ", column " + parse.getColumnNumber();
        }
        return e.getClass().getSimpleName();
    }
}
