package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.testing.TestCorpora;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every corpus document survives BRAT -> CAS (BratReader) -> BRAT (BratWriter): the same entities (type and
 * exact fragments) and relations (type, modifier, anchor), compared by content, not ids.
 */
class BratRoundTripTest {
    @ParameterizedTest
    @ValueSource(strings = {"phee-n2c2/train", "phee-n2c2/dev", "tac2017-brat/train", "tac2017-brat/dev"})
    void everyFixtureDocumentRoundTrips(String split, @TempDir Path out) throws Exception {
        roundTrip(TestCorpora.FIXTURES.resolve(split), 1, out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"phee-n2c2/train", "phee-n2c2/dev", "tac2017-brat/train", "tac2017-brat/dev"})
    void everyDocumentOfTheWholeCorporaRoundTrips(String split, @TempDir Path out) throws Exception {
        roundTrip(TestCorpora.whole(split), 11, out);
    }

    private static void roundTrip(Path source, int minimumDocuments, Path out) throws Exception {
        String split = source.toString();
        SimplePipeline.runPipeline(BratReader.description(source), BratWriter.description(out),
                ErrorReportWriter.description(out));

        List<Path> textFiles = BratCorpus.textFiles(source);
        assertTrue(textFiles.size() >= minimumDocuments, "corpus split " + split + " has documents");
        assertEquals(List.of("documentId\tcomponent\tmessage"), Files.readAllLines(out.resolve("errors.tsv")),
                "no document of " + split + " has an error");
        BratAnnParser parser = BratAnnParser.checkingSurfaceText();
        int entities = 0;
        int relations = 0;
        for (Path txt : textFiles) {
            AnnotatedDocument original = BratCorpus.read(txt, parser);
            Path written = out.resolve(CorpusFiles.withoutExtension(CorpusFiles.relativePath(source, txt)) + ".ann");
            assertTrue(Files.exists(written), written + " written");
            AnnotatedDocument again = parser.parse(original.documentId(), original.text(),
                    StrictUtf8.read(written), written.toString());
            assertEquals(AnnotationKeys.entities(original), AnnotationKeys.entities(again), txt + " entities");
            assertEquals(AnnotationKeys.relations(original), AnnotationKeys.relations(again), txt + " relations");
            entities += original.entities().size();
            relations += original.relations().size();
        }
        assertTrue(entities > textFiles.size() && relations > 0, split + " has annotations to compare");
    }
}
