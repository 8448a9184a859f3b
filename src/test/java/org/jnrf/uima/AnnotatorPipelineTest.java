package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ctakes.typesystem.type.relation.BinaryTextRelation;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.corpus.BratWriter;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.corpus.PlainTextReader;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.PredictionOptions;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotator on real CASes with a model trained on real PHEE documents. */
class AnnotatorPipelineTest {
    @TempDir
    Path dir;

    @Test
    void writesTheModelsPredictionsIntoTheCas() throws Exception {
        Path modelZip = TestModels.trainedModel();
        JnrfModel model = JnrfModel.load(modelZip);
        String text = TestModels.someTrainingText();
        AnalysisEngine annotator = AnalysisEngineFactory.createEngine(
                JnrfAnnotator.description(modelZip.toString(), false));
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(text);
        SourceDocuments.set(jcas, "doc-1", null, null);

        annotator.process(jcas);

        AnnotatedDocument expected = model.predict("doc-1", text, PredictionOptions.defaults());
        AnnotatedDocument inCas = CasAnnotations.read(jcas);
        assertFalse(expected.entities().isEmpty(), "the trained model finds entities in a training note");
        assertEquals(keys(expected), keys(inCas));
        assertEquals(expected.relations().size(), inCas.relations().size());
        assertTrue(DocumentErrors.list(jcas).isEmpty());
    }

    @Test
    void leavesExistingAnnotationsAloneAndMirrorsOnlyItsOwnAsCtakesTypes() throws Exception {
        Path modelZip = TestModels.trainedModel();
        AnalysisEngine annotator = AnalysisEngineFactory.createEngine(
                JnrfAnnotator.description(modelZip.toString(), true));
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TestModels.someTrainingText());
        Entity gold = new Entity(jcas, 0, 3);
        gold.setCategory("Gold");
        gold.addToIndexes();

        annotator.process(jcas);

        List<Entity> entities = List.copyOf(jcas.select(Entity.class).asList());
        assertTrue(entities.contains(gold), "the existing entity is still there");
        assertEquals("Gold", gold.getCategory());
        long drugs = entities.stream().filter(e -> "Drug".equals(e.getCategory())).count();
        assertEquals(drugs, jcas.select(MedicationMention.class).count(), "one MedicationMention per predicted Drug");
        assertEquals(jcas.select(EntityRelation.class).count(), jcas.select(BinaryTextRelation.class).count());
    }

    @Test
    void aSharedModelResourceServesTheAnnotator() throws Exception {
        Path modelZip = TestModels.trainedModel();
        AnalysisEngine annotator = AnalysisEngineFactory.createEngine(JnrfAnnotator.description(
                JnrfAnnotator.modelResource(modelZip), false));
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TestModels.someTrainingText());
        annotator.process(jcas);
        assertFalse(jcas.select(Entity.class).isEmpty());
    }

    @Test
    void anEnsembleCanBeCutToItsFirstNetworksWithTheirOwnThreshold() throws Exception {
        JnrfModel single = JnrfModel.load(TestModels.trainedModel());
        Path ensembleZip = dir.resolve("ensemble.zip");
        JnrfModel.ensemble(List.of(single, single)).withMemberThresholds(List.of(0.0, 1.0)).save(ensembleZip);
        String text = TestModels.someTrainingText();
        PredictionOptions all = new PredictionOptions(PredictionOptions.defaults().entityThreshold(), 0);
        assertTrue(single.predict("doc-1", text, all).relations().stream()
                .anyMatch(r -> r.confidence() < 1.0),
                "some pair scores below 1, so using the wrong threshold would show");
        for (Integer members : new Integer[] {1, 2, null}) {
            AnalysisEngine annotator = AnalysisEngineFactory.createEngine(JnrfAnnotator.class,
                    JnrfAnnotator.PARAM_MODEL_LOCATION, ensembleZip.toString(),
                    JnrfAnnotator.PARAM_ENSEMBLE_MEMBERS, members);
            JCas jcas = JCasFactory.createJCas();
            jcas.setDocumentText(text);
            SourceDocuments.set(jcas, "doc-1", null, null);
            annotator.process(jcas);
            double threshold = Integer.valueOf(1).equals(members) ? 0.0 : 1.0;
            AnnotatedDocument expected = single.predict("doc-1", text,
                    new PredictionOptions(PredictionOptions.defaults().entityThreshold(), threshold));
            AnnotatedDocument inCas = CasAnnotations.read(jcas);
            assertEquals(keys(expected), keys(inCas), "members " + members);
            assertEquals(expected.relations().size(), inCas.relations().size(), "members " + members);
        }
        ResourceInitializationException tooMany = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.class,
                        JnrfAnnotator.PARAM_MODEL_LOCATION, ensembleZip.toString(),
                        JnrfAnnotator.PARAM_ENSEMBLE_MEMBERS, 3));
        assertTrue(causes(tooMany).contains("'3' is not a number of networks between 1 and 2"), causes(tooMany));
    }

    @Test
    void badThresholdsAndMissingModelsAreClearErrors() {
        ResourceInitializationException badThreshold = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.class,
                        JnrfAnnotator.PARAM_MODEL_LOCATION, TestModels.trainedModel().toString(),
                        JnrfAnnotator.PARAM_RELATION_THRESHOLD, "high"));
        assertTrue(causes(badThreshold).contains("'high' is not a probability"), causes(badThreshold));
        ResourceInitializationException missing = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.description(
                        dir.resolve("none.zip").toString(), false)));
        assertTrue(causes(missing).contains("none.zip: no such file"), causes(missing));
        ResourceInitializationException remote = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.description(
                        "https://example.org/model.zip", false)));
        assertTrue(causes(remote).contains("no network access"), causes(remote));
    }

    @Test
    void anEmptyOrUnreadableNoteIsReportedAndTheBatchGoesOn() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("a.txt"), TestModels.someTrainingText());
        Files.write(notes.resolve("b.txt"), new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28});
        Files.writeString(notes.resolve("c.txt"), "");
        Path out = dir.resolve("out");

        SimplePipeline.runPipeline(PlainTextReader.description(notes),
                JnrfAnnotator.description(TestModels.trainedModel().toString(), false),
                BratWriter.description(out), ErrorReportWriter.description(out));

        assertTrue(Files.exists(out.resolve("a.ann")));
        assertTrue(Files.exists(out.resolve("c.ann")), "an empty note gets an empty .ann");
        List<String> report = Files.readAllLines(out.resolve("errors.tsv"));
        assertEquals(2, report.size(), report.toString());
        assertTrue(report.get(1).startsWith("b\t"), report.toString());
    }

    private static List<String> keys(AnnotatedDocument doc) {
        return doc.entities().stream().map(e -> e.type() + " " + e.fragments()).sorted().toList();
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
