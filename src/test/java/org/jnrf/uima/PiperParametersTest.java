package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.ctakes.core.pipeline.PiperFileReader;
import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.XMLInputSource;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.junit.jupiter.api.Test;

/**
 * The annotator's parameters written as cTAKES users write them, read by cTAKES' own PiperFileReader: it passes
 * {@code 1} as an Integer, {@code 0.5} and {@code "0.9"} as Strings. Runs the shipped model's first network.
 */
class PiperParametersTest {
    private static final String TEXT = "The patient was started on warfarin 5 mg orally once daily and developed "
            + "gastrointestinal bleeding. A 62-year-old man received amoxicillin 500 mg orally three times daily "
            + "for 10 days for otitis media and developed a diffuse rash.";
    private static final String ANNOTATOR = "add org.jnrf.uima.JnrfAnnotator writeCtakesTypes=true modelLocation="
            + ModelLocation.DEFAULT + " ";

    @Test
    void integerCountsAndIntegerOrDecimalThresholdsRunWithTheirValues() throws Exception {
        JnrfModel first = LoadedModels.get(ModelLocation.defaultModel()).firstMembers(1);

        AnnotatedDocument integers = annotate("ensembleMembers=1 entityThreshold=0 relationThreshold=1");
        AnnotatedDocument decimals = annotate("ensembleMembers=1 entityThreshold=\"0.9\" relationThreshold=0.5");

        List<String> expectedIntegers = keys(first.predict("note", TEXT, new PredictionOptions(0, 1)));
        List<String> expectedDecimals = keys(first.predict("note", TEXT, new PredictionOptions(0.9, 0.5)));
        assertNotEquals(expectedIntegers, expectedDecimals, "the two settings give different annotations");
        assertEquals(expectedIntegers, keys(integers));
        assertEquals(expectedDecimals, keys(decimals));
    }

    @Test
    void javaCallersPassThresholdsAsNumbersOrStringsAndCountsAsIntegers() throws Exception {
        JnrfModel first = LoadedModels.get(ModelLocation.defaultModel()).firstMembers(1);
        AnalysisEngine annotator = AnalysisEngineFactory.createEngine(JnrfAnnotator.class,
                JnrfAnnotator.PARAM_ENSEMBLE_MEMBERS, 1,
                JnrfAnnotator.PARAM_ENTITY_THRESHOLD, "0.9",
                JnrfAnnotator.PARAM_RELATION_THRESHOLD, 0.5);
        JCas jcas = note();
        annotator.process(jcas);
        assertEquals(keys(first.predict("note", TEXT, new PredictionOptions(0.9, 0.5))),
                keys(CasAnnotations.read(jcas)));
    }

    @Test
    void aThresholdOutsideZeroToOneIsAClearError() {
        Exception outside = assertThrows(Exception.class, () -> annotate("relationThreshold=2"));
        assertTrue(causes(outside).contains("relationThreshold: '2' is not a probability between 0 and 1"),
                causes(outside));
    }

    @Test
    void theGeneratedXmlDescriptorTakesThresholdsAsDecimalStrings() throws Exception {
        AnalysisEngineDescription xml = UIMAFramework.getXMLParser().parseAnalysisEngineDescription(
                new XMLInputSource(Path.of("desc", "components", "JnrfAnnotator.xml").toFile()));
        xml.getAnalysisEngineMetaData().getConfigurationParameterSettings()
                .setParameterValue(JnrfAnnotator.PARAM_ENTITY_THRESHOLD, "1.5");
        Exception outside = assertThrows(Exception.class, () -> AnalysisEngineFactory.createEngine(xml));
        assertTrue(causes(outside).contains("entityThreshold: '1.5' is not a probability"), causes(outside));
    }

    private static AnnotatedDocument annotate(String parameters) throws Exception {
        PiperFileReader piper = new PiperFileReader();
        assertTrue(piper.parsePipelineLine(ANNOTATOR + parameters));
        JCas jcas = note();
        piper.getBuilder().run(jcas);
        return CasAnnotations.read(jcas);
    }

    private static JCas note() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TEXT);
        SourceDocuments.set(jcas, "note", null, null);
        return jcas;
    }

    /** Entities by category and spans, relations by category and their arguments' spans. */
    private static List<String> keys(AnnotatedDocument document) {
        Map<String, EntityMention> byId = document.entitiesById();
        Stream<String> entities = document.entities().stream().map(e -> e.type() + " " + e.fragments());
        Stream<String> relations = document.relations().stream().map(r -> r.type() + " "
                + byId.get(r.modifierId()).fragments() + " -> " + byId.get(r.anchorId()).fragments());
        return Stream.concat(entities, relations).sorted().toList();
    }

    private static String causes(Throwable t) {
        return ExceptionUtils.getThrowableList(t).stream().map(Throwable::getMessage)
                .collect(Collectors.joining(" | "));
    }
}
