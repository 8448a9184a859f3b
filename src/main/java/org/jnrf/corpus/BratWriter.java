package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;

/**
 * Writes each CAS's entities and relations as {@code <target>/<relativePath>.ann} in n2c2 2018 BRAT form (see
 * {@link BratAnnFormatter}), optionally with a copy of the text as {@code .txt} so the folder opens in BRAT and feeds
 * the n2c2 scorer. A CAS with {@code DocumentError}s is still written when it has text (its annotations are what
 * could be read or found); one without text and with errors is left to the error report. A document whose file
 * cannot be written (a name too long for the file system, a full disk) gets a {@code DocumentError}; the batch goes
 * on.
 */
@ResourceMetaData(name = "JNRF BRAT writer (n2c2 2018)")
@TypeCapability(inputs = {"org.jnrf.type.Entity", "org.jnrf.type.EntityFragment", "org.jnrf.type.EntityRelation",
        "org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class BratWriter extends JCasAnnotator_ImplBase {
    /** Folder receiving the files; sub-folders of the input are mirrored. */
    public static final String PARAM_TARGET_LOCATION = "targetLocation";
    @ConfigurationParameter(name = PARAM_TARGET_LOCATION, description = "Output folder")
    private String targetLocation;

    /** Whether to write the document text beside each {@code .ann} as {@code .txt}. */
    public static final String PARAM_WRITE_TEXT = "writeText";
    @ConfigurationParameter(name = PARAM_WRITE_TEXT, defaultValue = "false",
            description = "Also write the document text as NAME.txt")
    private boolean writeText;

    static final String COMPONENT = "BratWriter";

    private Path target;

    /** A writer of {@code .ann} files into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(BratWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString());
    }

    /** A writer of {@code .ann} files, and of {@code .txt} copies when {@code writeText}, into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder, boolean writeText)
            throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(BratWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString(), PARAM_WRITE_TEXT, writeText);
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        target = Path.of(targetLocation);
    }

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        if ((text == null || text.isEmpty()) && DocumentErrors.hasAny(jcas)) {
            return;
        }
        String extension = BratCorpus.ANN_EXTENSION;
        try {
            Path annFile = OutputFiles.forDocument(jcas, target, extension);
            OutputFiles.writeAtomically(annFile, BratAnnFormatter.format(CasAnnotations.read(jcas)));
            if (writeText) {
                extension = BratCorpus.TEXT_EXTENSION;
                OutputFiles.writeAtomically(CorpusFiles.sibling(annFile, extension), text == null ? "" : text);
            }
        } catch (IOException | RuntimeException e) {
            OutputFailures.report(jcas, COMPONENT, extension, e, getLogger());
        }
    }
}
