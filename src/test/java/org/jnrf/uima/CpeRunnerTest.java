package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.corpus.ErrorReportWriter;
import org.jnrf.corpus.PlainTextReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CpeRunnerTest {
    /** Fails on every note that mentions "boom", quoting the note as careless components do. */
    public static final class FailingAnnotator extends JCasAnnotator_ImplBase {
        @Override
        public void process(JCas jcas) {
            if (jcas.getDocumentText().contains("boom")) {
                throw new IllegalStateException("cannot handle " + jcas.getDocumentText());
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // without dropping the failed note the CPE retried it forever
    void aNoteThatFailsIsReportedOnceAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("a.txt"), "fine");
        Files.writeString(notes.resolve("b.txt"), "boom SECRET");
        Files.writeString(notes.resolve("c.txt"), "fine too");
        Path out = dir.resolve("out");
        List<String> done = Collections.synchronizedList(new ArrayList<>());

        List<Throwable> runFailures = new CpeRunner(2).run(PlainTextReader.description(notes), (cas, failure) -> {
            try {
                done.add(SourceDocuments.describe(cas.getJCas()) + (failure == null ? "" : " failed"));
            } catch (org.apache.uima.cas.CASException e) {
                throw new IllegalStateException(e);
            }
            if (failure != null) {
                ErrorReportWriter.addFailure(out, cas, failure);
            }
        }, AnalysisEngineFactory.createEngineDescription(FailingAnnotator.class),
                ErrorReportWriter.description(out));

        assertEquals(List.of(), runFailures);
        assertEquals(List.of("a", "b failed", "c"), done.stream().sorted().toList());
        assertEquals("""
                documentId\tcomponent\tmessage
                b\tpipeline\tprocessing failed (AnalysisEngineProcessException caused by IllegalStateException)
                """, Files.readString(out.resolve(ErrorReportWriter.REPORT_FILE_NAME)));
    }
}
