package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.ExternalResourceFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.model.JnrfModel;
import org.jnrf.type.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the Java API names a model goes through {@link ModelLocation}: local files, the class path and jar:
 * URLs of local files load; every network form is refused without a connection, through each entry point.
 */
class ModelLocationTest {
    @TempDir
    Path dir;

    @Test
    void noRemoteLocationReachesTheNetworkThroughAnyEntryPoint() throws Exception {
        try (NetworkWatch watch = new NetworkWatch()) {
            for (String remote : watch.remoteLocations()) {
                assertThrows(IllegalArgumentException.class, () -> new ModelLocation(remote), remote);
                assertThrows(ResourceInitializationException.class, () -> JnrfAnnotator.description(remote, false),
                        remote);
                assertThrows(IllegalArgumentException.class, () -> JnrfAnnotator.modelResource(remote), remote);
                // the parameter set directly, as a descriptor or piper file does
                ResourceInitializationException byParameter = assertThrows(ResourceInitializationException.class,
                        () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.class,
                                JnrfAnnotator.PARAM_MODEL_LOCATION, remote), remote);
                assertTrue(causes(byParameter).contains("refused"), causes(byParameter));
                // a shared resource described by hand, bound to the annotator
                ResourceInitializationException byResource = assertThrows(ResourceInitializationException.class,
                        () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.description(
                                ExternalResourceFactory.createResourceDescription(JnrfModelResource.class,
                                        JnrfModelResource.PARAM_MODEL_LOCATION, remote), false)), remote);
                assertTrue(causes(byResource).contains("refused"), causes(byResource));
            }
            assertEquals("", watch.seen());
        }
    }

    @Test
    void localFilesFileUrlsAndJarUrlsOfLocalFilesLoadTheSameModel() throws Exception {
        Path model = TestModels.trainedModel();
        Path jar = dir.resolve("models dir").resolve("m.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("models/m v+1.zip"));
            Files.copy(model, zip);
            zip.closeEntry();
        }
        JnrfModel expected = JnrfModel.load(model);
        String absolute = model.toAbsolutePath().toString();
        for (String location : new String[] {model.toString(), absolute, model.toUri().toString(),
                "file:" + absolute, "file://" + absolute,
                "jar:" + jar.toUri() + "!/models/m%20v+1.zip"}) {
            JnrfModel loaded = new ModelLocation(location).load();
            assertEquals(expected.config(), loaded.config(), location);
            assertEquals(expected.vocabulary().pieces(), loaded.vocabulary().pieces(), location);
        }
        AnalysisEngine annotator = AnalysisEngineFactory.createEngine(JnrfAnnotator.description(
                JnrfAnnotator.modelResource("jar:" + jar.toUri() + "!/models/m%20v+1.zip"), false));
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(TestModels.someTrainingText());
        annotator.process(jcas);
        assertTrue(jcas.select(Entity.class).count() > 0, "the model from the jar annotates");
    }

    @Test
    void theShippedModelLoadsFromTheClassPath() throws Exception {
        assertTrue(LoadedModels.get(ModelLocation.defaultModel()).memberCount() >= 1);
        assertThrows(java.io.FileNotFoundException.class,
                () -> new ModelLocation("classpath:org/jnrf/resources/models/none.zip").load());
    }

    @Test
    void aBadModelFileIsNamedInTheError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty-model.zip"));
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.description(empty.toString(), false)));
        assertTrue(causes(e).contains(empty + ": empty file"), causes(e));
        ResourceInitializationException shared = assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.description(
                        JnrfAnnotator.modelResource(empty), false)));
        assertTrue(causes(shared).contains(empty.toAbsolutePath() + ": empty file"), causes(shared));
        Path missing = dir.resolve("missing.zip");
        assertTrue(causes(assertThrows(ResourceInitializationException.class,
                () -> AnalysisEngineFactory.createEngine(JnrfAnnotator.description(missing.toString(), false))))
                .contains(missing + ": no such file"));
    }

    /** Every message of the cause chain, one per line. */
    static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
