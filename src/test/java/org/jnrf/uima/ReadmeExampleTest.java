package org.jnrf.uima;

import static org.apache.uima.fit.pipeline.SimplePipeline.runPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.jnrf.corpus.BratWriter;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.corpus.PlainTextReader;
import org.jnrf.corpus.XmiWriter;
import org.jnrf.type.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's uimaFIT example, as written there, on the shipped sample notes with the shipped default model. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmePipelineAnnotatesTheSampleNotesWithTheDefaultModel() throws Exception {
        Path notes = Path.of("resources", "samples");
        Path out = dir.resolve("out");

        runPipeline(
                PlainTextReader.description(notes),
                JnrfAnnotator.description((String) null, true),
                BratWriter.description(out),
                XmiWriter.description(out),
                ErrorReportWriter.description(out));

        List<Path> texts = CorpusFiles.listBySuffix(notes, ".txt");
        assertEquals(texts.size(), CorpusFiles.listBySuffix(out, ".ann").size());
        assertEquals(1, Files.readAllLines(out.resolve("errors.tsv")).size(), "only the header: no errors");
        int drugs = 0;
        for (Path xmi : CorpusFiles.listBySuffix(out, ".xmi")) {
            JCas jcas = JCasFactory.createJCas();
            try (InputStream in = Files.newInputStream(xmi)) {
                XmiCasDeserializer.deserialize(in, jcas.getCas());
            }
            drugs += jcas.select(MedicationMention.class).count();
            assertEquals(jcas.select(Entity.class).filter(e -> "Drug".equals(e.getCategory())).count(),
                    jcas.select(MedicationMention.class).count());
        }
        assertTrue(drugs >= texts.size(), "the default model finds the drugs of the sample notes: " + drugs);
    }
}
