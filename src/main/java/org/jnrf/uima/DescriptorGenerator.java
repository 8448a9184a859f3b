package org.jnrf.uima;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.collection.impl.metadata.cpe.CpeDescriptorFactory;
import org.apache.uima.collection.metadata.CpeCasProcessors;
import org.apache.uima.collection.metadata.CpeCollectionReader;
import org.apache.uima.collection.metadata.CpeComponentDescriptor;
import org.apache.uima.collection.metadata.CpeDescription;
import org.apache.uima.collection.metadata.CpeIntegratedCasProcessor;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.resource.metadata.ConfigurationParameter;
import org.apache.uima.resource.metadata.Import;
import org.apache.uima.resource.metadata.impl.ConfigurationParameter_impl;
import org.apache.uima.resource.metadata.impl.Import_impl;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.resource.metadata.impl.TypeSystemDescription_impl;
import org.apache.uima.util.XMLizable;
import org.jnrf.corpus.BratReader;
import org.jnrf.corpus.BratWriter;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.corpus.JsonLinesWriter;
import org.jnrf.corpus.JsonWriter;
import org.jnrf.corpus.PlainTextReader;
import org.jnrf.corpus.XmiReader;
import org.jnrf.corpus.XmiWriter;

/**
 * Writes the UIMA XML descriptors of {@code desc/} from the component classes (run at build time, so the XML never
 * drifts from the code): one descriptor per component, the annotation aggregate (annotator then writers) and a CPE
 * descriptor for batch runs over a folder of notes.
 */
public final class DescriptorGenerator {
    /** Folder of notes and of outputs the generated descriptors name; CPE users override them. */
    static final String DEFAULT_NOTES = "notes";
    static final String DEFAULT_OUTPUT = "jnrf-output";
    static final String AGGREGATE_FILE = "JnrfAnnotateAggregate.xml";
    static final String CPE_FILE = "JnrfNotesCpe.xml";
    /** Aggregate parameter overriding the target folder of every writer. */
    public static final String PARAM_OUTPUT_FOLDER = "outputFolder";
    /** Aggregate parameter overriding the annotator's model location. */
    public static final String PARAM_MODEL_LOCATION = "modelLocation";

    static final String JNRF_TYPES = "org.jnrf.type.JnrfTypes";
    static final String CTAKES_TYPES = "org.apache.ctakes.typesystem.types.TypeSystem";

    private DescriptorGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "desc");
        generate(target);
    }

    public static void generate(Path desc) throws Exception {
        Path components = Files.createDirectories(desc.resolve("components"));
        Path notes = Path.of(DEFAULT_NOTES);
        Path out = Path.of(DEFAULT_OUTPUT);
        Map<String, XMLizable> files = new LinkedHashMap<>();
        files.put("PlainTextReader.xml", PlainTextReader.description(notes));
        files.put("BratReader.xml", BratReader.description(notes));
        files.put("XmiReader.xml", XmiReader.description(notes));
        files.put("JnrfAnnotator.xml", annotatorDescription());
        files.put("JnrfTrainer.xml", JnrfTrainer.description(Path.of("jnrf-model.zip"), null));
        files.put("BratWriter.xml", BratWriter.description(out));
        files.put("XmiWriter.xml", XmiWriter.description(out));
        files.put("JsonWriter.xml", JsonWriter.description(out));
        files.put("JsonLinesWriter.xml", JsonLinesWriter.description(out));
        files.put("ErrorReportWriter.xml", ErrorReportWriter.description(out));
        for (Map.Entry<String, XMLizable> file : files.entrySet()) {
            write(components.resolve(file.getKey()), file.getValue());
        }
        write(desc.resolve(AGGREGATE_FILE), annotationAggregate(out));
        write(desc.resolve(CPE_FILE), notesCpe("components/PlainTextReader.xml", AGGREGATE_FILE, 2));
    }

    /**
     * Annotator then BRAT, XMI and JSON writers and the error report, with aggregate parameters
     * {@value #PARAM_OUTPUT_FOLDER} and {@value #PARAM_MODEL_LOCATION} so a CPE descriptor can redirect them.
     */
    static AnalysisEngineDescription annotationAggregate(Path out) throws Exception {
        Map<String, AnalysisEngineDescription> delegates = new LinkedHashMap<>();
        delegates.put("JnrfAnnotator", annotatorDescription());
        delegates.put("BratWriter", BratWriter.description(out));
        delegates.put("XmiWriter", XmiWriter.description(out));
        delegates.put("JsonWriter", JsonWriter.description(out));
        delegates.put("ErrorReportWriter", ErrorReportWriter.description(out));
        AnalysisEngineDescription aggregate = AnalysisEngineFactory.createEngineDescription(
                delegates.values().stream().toList(), delegates.keySet().stream().toList(), null, null, null);
        aggregate.getMetaData().setName("JNRF annotate and write");
        String[] writerTargets = delegates.keySet().stream().filter(k -> k.endsWith("Writer"))
                .map(k -> k + "/targetLocation").toArray(String[]::new);
        addOverride(aggregate, PARAM_OUTPUT_FOLDER, "Folder receiving .ann, .xmi, .json and errors.tsv",
                writerTargets, out.toString());
        addOverride(aggregate, PARAM_MODEL_LOCATION, "Model zip (file, classpath: or file:/jar: URL)",
                new String[] {"JnrfAnnotator/" + JnrfAnnotator.PARAM_MODEL_LOCATION}, ModelLocation.DEFAULT);
        return aggregate;
    }

    /**
     * The annotator with its threshold parameters declared (as String: an XML descriptor gives "0.5"), since the
     * class leaves them undeclared for piper files (see {@link JnrfAnnotator#PARAM_ENTITY_THRESHOLD}).
     */
    static AnalysisEngineDescription annotatorDescription() throws Exception {
        AnalysisEngineDescription annotator = JnrfAnnotator.description((String) null, false);
        for (String threshold : new String[] {JnrfAnnotator.PARAM_ENTITY_THRESHOLD,
                JnrfAnnotator.PARAM_RELATION_THRESHOLD}) {
            ConfigurationParameter parameter = new ConfigurationParameter_impl();
            parameter.setName(threshold);
            parameter.setDescription("Minimum confidence between 0 and 1; absent: the model's default");
            parameter.setType(ConfigurationParameter.TYPE_STRING);
            parameter.setMandatory(false);
            annotator.getAnalysisEngineMetaData().getConfigurationParameterDeclarations()
                    .addConfigurationParameter(parameter);
        }
        return annotator;
    }

    private static void addOverride(AnalysisEngineDescription aggregate, String name, String description,
                                    String[] overrides, String value) {
        ConfigurationParameter parameter = new ConfigurationParameter_impl();
        parameter.setName(name);
        parameter.setDescription(description);
        parameter.setType(ConfigurationParameter.TYPE_STRING);
        parameter.setMandatory(true);
        parameter.setOverrides(overrides);
        aggregate.getAnalysisEngineMetaData().getConfigurationParameterDeclarations()
                .addConfigurationParameter(parameter);
        aggregate.getAnalysisEngineMetaData().getConfigurationParameterSettings().setParameterValue(name, value);
    }

    /** A CPE over a folder of notes: reader and aggregate imported by relative location, {@code threads} threads. */
    static CpeDescription notesCpe(String readerLocation, String aggregateLocation, int threads) throws Exception {
        CpeDescription cpe = CpeDescriptorFactory.produceDescriptor();
        CpeCollectionReader reader = CpeDescriptorFactory.produceCollectionReader();
        reader.getCollectionIterator().setDescriptor(importing(readerLocation));
        cpe.addCollectionReader(reader);
        CpeIntegratedCasProcessor processor = CpeDescriptorFactory.produceCasProcessor("JnrfAnnotateAggregate");
        processor.setCpeComponentDescriptor(importing(aggregateLocation));
        processor.setActionOnMaxError("continue");
        processor.setMaxErrorCount(Integer.MAX_VALUE);
        cpe.addCasProcessor(processor);
        CpeCasProcessors processors = cpe.getCpeCasProcessors();
        processors.setConcurrentPUCount(threads);
        processors.setPoolSize(threads + 2);
        cpe.setProcessingUnitThreadCount(threads);
        cpe.getCpeConfiguration().setDeployment("immediate");
        return cpe;
    }

    private static CpeComponentDescriptor importing(String location) {
        CpeComponentDescriptor descriptor = CpeDescriptorFactory.produceComponentDescriptor(location);
        Import imp = new Import_impl();
        imp.setLocation(location);
        descriptor.setImport(imp);
        descriptor.setInclude(null);
        return descriptor;
    }

    /**
     * Replaces the type system uimaFIT inlined (ours plus all of cTAKES', thousands of lines) by imports by name,
     * resolved on the class path when the descriptor is used.
     */
    private static XMLizable withImportedTypes(XMLizable descriptor) {
        if (descriptor instanceof AnalysisEngineDescription ae) {
            // an aggregate may not declare types: it merges its delegates'
            ae.getAnalysisEngineMetaData().setTypeSystem(ae.isPrimitive() ? importedTypes() : null);
            if (!ae.isPrimitive()) {
                for (Object delegate : ae.getDelegateAnalysisEngineSpecifiersWithImports().values()) {
                    withImportedTypes((XMLizable) delegate);
                }
            }
        } else if (descriptor instanceof CollectionReaderDescription reader) {
            reader.getCollectionReaderMetaData().setTypeSystem(importedTypes());
        }
        return descriptor;
    }

    private static TypeSystemDescription importedTypes() {
        TypeSystemDescription types = new TypeSystemDescription_impl();
        types.setImports(new Import[] {importByName(JNRF_TYPES), importByName(CTAKES_TYPES)});
        return types;
    }

    private static Import importByName(String name) {
        Import imp = new Import_impl();
        imp.setName(name);
        return imp;
    }

    private static void write(Path file, XMLizable descriptor) throws IOException {
        withImportedTypes(descriptor);
        StringWriter xml = new StringWriter();
        try {
            descriptor.toXML(xml);
        } catch (org.xml.sax.SAXException e) {
            throw new IOException("cannot write descriptor " + file, e);
        }
        // Drop the blank lines the JDK's XML serializer interleaves, so the files diff cleanly.
        String text = xml.toString().lines().filter(line -> !line.isBlank())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
