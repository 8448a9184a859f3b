package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
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
    void reportsCasesItCannotNameOrPlaceAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        JCas unnamed = JCasFactory.createJCas();
        unnamed.setDocumentText("text");
        SimplePipeline.runPipeline(unnamed, BratWriter.description(out));
        assertEquals(List.of("BratWriter: (unnamed document).ann: not written (the CAS names no document (no SourceDocument, "
                + "DKPro DocumentMetaData, cTAKES DocumentID or DocumentPath, or SourceDocumentInformation), so its "
                + "output cannot be named; read it with a jnrf reader or call SourceDocuments.set)"), errors(unnamed));

        JCas escaping = JCasFactory.createJCas();
        escaping.setDocumentText("text");
        SourceDocuments.set(escaping, "x", null, "../outside");
        SimplePipeline.runPipeline(escaping, BratWriter.description(out.resolve("inner")));
        assertTrue(Files.notExists(out.resolve("outside.ann")));
        assertEquals(List.of("BratWriter: ../outside.ann: not written (output path ../outside leaves the target "
                + "folder)"), errors(escaping));

        // a link planted in the output folder must not carry a write (or a new folder) outside it
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("ward"), elsewhere);
        JCas linked = JCasFactory.createJCas();
        linked.setDocumentText("text");
        SourceDocuments.set(linked, "n", null, "ward/deeper/n");
        SimplePipeline.runPipeline(linked, BratWriter.description(out, true));
        try (var left = Files.list(elsewhere)) {
            assertEquals(List.of(), left.toList());
        }
        assertEquals(List.of("BratWriter: ward/deeper/n.ann: not written (ward is a symbolic link in the output "
                + "folder; outputs are only written inside it)"), errors(linked));
    }

    private static List<String> errors(JCas jcas) {
        return DocumentErrors.list(jcas).stream().map(e -> e.getComponent() + ": " + e.getMessage()).toList();
    }
}
