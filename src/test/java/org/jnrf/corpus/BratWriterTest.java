package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BratWriterTest {
    @Test
    void writesModelOutputWithGeneratedIdsAndTheTextOnRequest(@TempDir Path out) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(BrokenCorpus.GOOD_TEXT);
        SourceDocuments.set(jcas, "n", null, "ward/n");
        // as an annotator would: entities without source ids
        Entity drug = CasAnnotations.addEntity(jcas, new EntityMention("x", "Drug", new TextSpan(0, 7)));
        Entity ade = CasAnnotations.addEntity(jcas, new EntityMention("y", "ADE",
                List.of(new TextSpan(21, 27), new TextSpan(36, 44)), 0.7));
        drug.setSourceId(null);
        ade.setSourceId(null);
        EntityRelation relation = CasAnnotations.addRelation(jcas, new RelationMention("z", "ADE-Drug", "y", "x"),
                ade, drug);
        relation.setSourceId(null);

        SimplePipeline.runPipeline(jcas, BratWriter.description(out, true));
        assertEquals("""
                T1\tDrug 0 7\tAspirin
                T2\tADE 21 27;36 44\tsevere bleeding
                R1\tADE-Drug Arg1:T2 Arg2:T1
                """, Files.readString(out.resolve("ward/n.ann")));
        assertEquals(BrokenCorpus.GOOD_TEXT, Files.readString(out.resolve("ward/n.txt")));
    }

    @Test
    void refusesCasesItCannotName(@TempDir Path out) throws Exception {
        JCas unnamed = JCasFactory.createJCas();
        unnamed.setDocumentText("text");
        assertThrows(AnalysisEngineProcessException.class,
                () -> SimplePipeline.runPipeline(unnamed, BratWriter.description(out)));

        JCas escaping = JCasFactory.createJCas();
        escaping.setDocumentText("text");
        SourceDocuments.set(escaping, "x", null, "../outside");
        assertThrows(AnalysisEngineProcessException.class,
                () -> SimplePipeline.runPipeline(escaping, BratWriter.description(out.resolve("inner"))));
        assertTrue(Files.notExists(out.resolve("outside.ann")));
    }
}
