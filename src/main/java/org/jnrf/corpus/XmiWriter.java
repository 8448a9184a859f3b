package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.cas.impl.XmiCasSerializer;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.TypeSystemUtil;
import org.apache.uima.util.XMLSerializer;
import org.xml.sax.SAXException;

/**
 * Writes each CAS as {@code <target>/<relativePath>.xmi} (all views, all types: the full analysis, readable by
 * {@link XmiReader}, the UIMA CAS Editor, cTAKES tools and DKPro). The CAS's type system is written once as
 * {@code <target>/typesystem.xml} so other tools can open the XMI files without this jar. A CAS with
 * {@code DocumentError}s is written when it has text (the errors are in the XMI too); one without text is left to the
 * error report. A document whose file cannot be written gets a {@code DocumentError}; the batch goes on.
 *
 * <p>The XMI is XML 1.0. Characters XML 1.0 cannot hold (a form feed, other control characters, U+FFFE/U+FFFF) are
 * written as spaces, one for one, so offsets read back by {@link XmiReader} are those of the original text; see
 * {@link Xml10Characters} and docs/corpus-io.md.
 */
@ResourceMetaData(name = "JNRF XMI writer")
@TypeCapability(inputs = {"org.jnrf.type.SourceDocument", "org.jnrf.type.DocumentError"})
public class XmiWriter extends JnrfFileWriter_ImplBase {
    /** Indented XML (bigger, for reading by eye). */
    public static final String PARAM_PRETTY_PRINT = CorpusParameters.PARAM_PRETTY_PRINT;
    @ConfigurationParameter(name = PARAM_PRETTY_PRINT, defaultValue = "false", description = "Indent the XMI")
    private boolean prettyPrint;

    public static final String XMI_EXTENSION = ".xmi";
    public static final String TYPE_SYSTEM_FILE_NAME = "typesystem.xml";
    static final String COMPONENT = "XmiWriter";

    private boolean typeSystemWritten;

    public XmiWriter() {
        super(COMPONENT, XMI_EXTENSION);
    }

    /** A writer of XMI files (and typesystem.xml) into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(XmiWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        typeSystemWritten = false;
    }

    @Override
    protected void write(JCas jcas) throws IOException {
        Path target = target();
        Path xmiFile = outputFile(jcas, XMI_EXTENSION);
        if (!typeSystemWritten) {
            // each instance of a multi-threaded pipeline writes the same content atomically: no lock needed
            // (outputFile has made the folder)
            OutputFiles.writeAtomically(target.resolve(TYPE_SYSTEM_FILE_NAME), out -> {
                try {
                    TypeSystemUtil.typeSystem2TypeSystemDescription(jcas.getTypeSystem()).toXML(out);
                } catch (SAXException e) {
                    throw new IOException("cannot write the type system", e);
                }
            });
            typeSystemWritten = true;
        }
        OutputFiles.writeAtomically(xmiFile, out -> {
            try {
                new XmiCasSerializer(jcas.getTypeSystem()).setPrettyPrint(prettyPrint).serialize(jcas.getCas(),
                        new Xml10Characters(new XMLSerializer(out, prettyPrint).getContentHandler()));
            } catch (SAXException e) {
                throw new IOException("cannot serialise the CAS", e);
            }
        });
    }
}
