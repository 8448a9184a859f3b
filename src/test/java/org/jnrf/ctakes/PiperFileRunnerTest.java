package org.jnrf.ctakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ctakes.core.pipeline.PiperFileRunner;
import org.apache.ctakes.typesystem.type.relation.BinaryTextRelation;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs cTAKES' own PiperFileRunner on the piper file we ship, as a cTAKES user would. */
class PiperFileRunnerTest {
    private static final Path PIPER = Path.of("resources", "jnrf-ctakes.piper");

    @TempDir
    Path dir;

    @Test
    void cTakesRunsOurPiperFileAndTheXmiHoldsOurAndCtakesAnnotations() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 4);
        Path out = dir.resolve("out");

        boolean ok = PiperFileRunner.run("-p", PIPER.toString(), "-i", notes.toString(), "-o", out.toString(),
                "-m", TestModels.trainedModel().toString());

        assertTrue(ok, "PiperFileRunner reported a failure");
        List<Path> xmis = CorpusFiles.listBySuffix(out, ".xmi");
        assertEquals(4, xmis.size(), xmis.toString());
        int entities = 0;
        int drugs = 0;
        for (Path xmi : xmis) {
            JCas jcas = JCasFactory.createJCas();
            try (InputStream in = Files.newInputStream(xmi)) {
                XmiCasDeserializer.deserialize(in, jcas.getCas());
            }
            assertTrue(jcas.select(Sentence.class).count() > 0, "cTAKES sentences in " + xmi);
            assertTrue(jcas.select(BaseToken.class).count() > 0, "cTAKES tokens in " + xmi);
            entities += jcas.select(Entity.class).count();
            long ourDrugs = jcas.select(Entity.class).filter(e -> "Drug".equals(e.getCategory())).count();
            assertEquals(ourDrugs, jcas.select(MedicationMention.class).count(), xmi.toString());
            assertEquals(jcas.select(EntityRelation.class).count(), jcas.select(BinaryTextRelation.class).count(),
                    xmi.toString());
            drugs += ourDrugs;
        }
        assertTrue(entities > 0, "JNRF entities in the XMI");
        assertTrue(drugs > 0, "MedicationMentions in the XMI");
    }
}
