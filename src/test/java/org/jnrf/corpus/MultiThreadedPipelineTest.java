package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.fit.cpe.CpePipeline;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writers in a multi-threaded CPE give the same files as in a single-threaded pipeline. */
class MultiThreadedPipelineTest {
    @Test
    void errorReportAndBratFilesDoNotDependOnThreads(@TempDir Path dir) throws Exception {
        Path corpus = BrokenCorpus.write(dir.resolve("corpus"));
        List<Path> phee = BratCorpus.textFiles(TestCorpora.PHEE_DEV).subList(0, 60);
        for (Path txt : phee) {
            Files.createDirectories(corpus.resolve("phee"));
            Files.copy(txt, corpus.resolve("phee").resolve(txt.getFileName()));
            Files.copy(CorpusFiles.sibling(txt, ".ann"),
                    corpus.resolve("phee").resolve(CorpusFiles.baseName(txt) + ".ann"));
        }
        Path single = dir.resolve("single");
        Path threaded = dir.resolve("threaded");
        SimplePipeline.runPipeline(BratReader.description(corpus), BratWriter.description(single),
                ErrorReportWriter.description(single));
        CpePipeline.runPipeline(3, BratReader.description(corpus), BratWriter.description(threaded),
                ErrorReportWriter.description(threaded));

        String report = Files.readString(single.resolve(ErrorReportWriter.REPORT_FILE_NAME));
        assertEquals(6, report.lines().count(), report);
        assertEquals(report, Files.readString(threaded.resolve(ErrorReportWriter.REPORT_FILE_NAME)));
        List<Path> annFiles = CorpusFiles.listBySuffix(single, ".ann");
        assertEquals(annFiles.size(), CorpusFiles.listBySuffix(threaded, ".ann").size());
        for (Path ann : annFiles) {
            assertEquals(Files.readString(ann),
                    Files.readString(threaded.resolve(CorpusFiles.relativePath(single, ann))), ann.toString());
        }
    }

    @Test
    void xmiReaderReportsABrokenFileInACpe(@TempDir Path dir) throws Exception {
        Path corpus = BrokenCorpus.write(dir.resolve("corpus"));
        Path xmi = dir.resolve("xmi");
        SimplePipeline.runPipeline(BratReader.description(corpus), XmiWriter.description(xmi));
        Files.writeString(xmi.resolve("broken.xmi"), "<?xml version=\"1.0\"?>\n<oops");
        Path out = dir.resolve("out");
        CpePipeline.runPipeline(2, XmiReader.description(xmi), ErrorReportWriter.description(out));
        List<String> lines = Files.readAllLines(out.resolve(ErrorReportWriter.REPORT_FILE_NAME));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("broken\tXmiReader\t")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("bad-line\tBratReader\t")), lines.toString());
    }
}
