package org.jnrf.uima;

import static org.apache.uima.fit.factory.AnalysisEngineFactory.createEngineDescription;
import static org.apache.uima.fit.factory.CollectionReaderFactory.createReaderDescription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.dkpro.core.io.text.TextReader;
import org.dkpro.core.io.xmi.XmiWriter;
import org.dkpro.core.tokit.BreakIteratorSegmenter;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.CasSentences;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.corpus.BratWriter;
import org.jnrf.corpus.PlainTextReader;
import org.jnrf.corpus.XmiReader;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.model.JnrfModel;
import org.jnrf.type.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our annotator and writers in a real DKPro Core 2.5.0 pipeline: DKPro's TextReader (which names documents with its
 * {@code DocumentMetaData}, not our {@code SourceDocument}) and BreakIteratorSegmenter, then JNRF, our BratWriter and
 * DKPro's XmiWriter.
 */
class DkproPipelineTest {
    private static final Path SHIPPED_MODEL = Path.of("resources/models/jnrf-phee-default.zip");
    private static final List<String> DOCUMENTS = List.of("ward/note-1", "ward/note-3", "note-2");

    /**
     * The first network of the shipped model with relation threshold 0: every (modifier, anchor) pair is a relation
     * with its probability, so any change in what the model sees shows.
     */
    private static JnrfModel everyRelation;
    private static String everyRelationZip;

    @TempDir
    Path dir;
    private Path notes;

    @BeforeAll
    static void saveTheModelKeepingEveryRelation(@TempDir Path models) throws Exception {
        everyRelation = JnrfModel.load(SHIPPED_MODEL).firstMembers(1).withRelationThreshold(0);
        everyRelationZip = models.resolve("every-relation.zip").toString();
        everyRelation.save(Path.of(everyRelationZip));
    }

    @BeforeEach
    void writeNotes() throws Exception {
        notes = dir.resolve("notes");
        Files.createDirectories(notes.resolve("ward"));
        Files.copy(Path.of("resources/samples/note-001-discharge.txt"), notes.resolve("ward/note-1.txt"));
        Files.copy(Path.of("resources/samples/note-002-ade.txt"), notes.resolve("note-2.txt"));
        // DKPro's segmenter ends a sentence before "GI"; the model's own rule does not (all-capital words are often
        // frequencies such as BID), so the two disagree on this line
        Files.writeString(notes.resolve("ward/note-3.txt"),
                "He took ibuprofen 400 mg three times daily for back pain. GI bleeding followed two weeks later.\n");
    }

    @Test
    void ourBratWriterAndDkprosXmiWriterNameOutputsByDkprosDocumentMetaData() throws Exception {
        Path brat = dir.resolve("brat");
        Path xmi = dir.resolve("xmi");
        SimplePipeline.runPipeline(dkproTextReader(),
                createEngineDescription(BreakIteratorSegmenter.class),
                JnrfAnnotator.description(everyRelationZip, false),
                BratWriter.description(brat),
                createEngineDescription(XmiWriter.class, XmiWriter.PARAM_TARGET_LOCATION, xmi.toString()));
        Path reference = dir.resolve("reference");
        SimplePipeline.runPipeline(PlainTextReader.description(notes),
                JnrfAnnotator.description(everyRelationZip, false), BratWriter.description(reference));

        for (String document : DOCUMENTS) {
            assertEquals(Files.readString(reference.resolve(document + ".ann")),
                    Files.readString(brat.resolve(document + ".ann")), document);
        }
        assertFalse(Files.readString(brat.resolve("ward/note-1.ann")).isEmpty(), "the model finds entities");

        // DKPro's XMI holds DKPro's sentences and our entities; read back by our XmiReader, the documents keep
        // DKPro's names, so our BratWriter writes the same files again
        Path again = dir.resolve("again");
        int read = 0;
        for (JCas jcas : SimplePipeline.iteratePipeline(XmiReader.description(xmi), BratWriter.description(again))) {
            read++;
            assertTrue(jcas.select(Sentence.class).count() > 1, "DKPro's sentences are in DKPro's XMI");
            assertEquals(1, jcas.select(DocumentMetaData.class).count());
            if (SourceDocuments.outputPath(jcas).equals("ward/note-1")) {
                assertNotEquals(0, jcas.select(Entity.class).count(), "our entities are in DKPro's XMI");
            }
        }
        assertEquals(DOCUMENTS.size(), read);
        assertTrue(Files.isRegularFile(xmi.resolve("ward/note-1.txt.xmi")), "DKPro's own naming of its XMI");
        for (String document : DOCUMENTS) {
            assertEquals(Files.readString(brat.resolve(document + ".ann")),
                    Files.readString(again.resolve(document + ".ann")), document);
        }
    }

    @Test
    void withSentenceAnnotationsTheSegmentersSentencesMarkTheRelationFeaturesBreaks() throws Exception {
        JnrfModel model = everyRelation;
        int documents = 0;
        boolean severalOnALine = false;
        boolean anyDifference = false;
        for (JCas jcas : SimplePipeline.iteratePipeline(dkproTextReader(),
                createEngineDescription(BreakIteratorSegmenter.class),
                createEngineDescription(JnrfAnnotator.class, JnrfAnnotator.PARAM_MODEL_LOCATION, everyRelationZip,
                        JnrfAnnotator.PARAM_USE_SENTENCE_ANNOTATIONS, true))) {
            documents++;
            String text = jcas.getDocumentText();
            int[] sentences = CasSentences.begins(jcas.getCas());
            severalOnALine |= sentences.length > text.lines().count();
            AnnotatedDocument withSentences = model.predict("", text, model.defaultOptions(), sentences);
            assertEquals(predictions(withSentences), predictions(CasAnnotations.read(jcas)));
            anyDifference |= !predictions(withSentences).equals(
                    predictions(model.predict("", text, model.defaultOptions())));
        }
        assertEquals(DOCUMENTS.size(), documents);
        assertTrue(severalOnALine, "a note runs several sentences on a line");
        assertTrue(anyDifference, "the sentence boundaries change what the model sees");
    }

    @Test
    void withoutTheParameterTheSegmentersSentencesAreIgnored() throws Exception {
        JnrfModel model = everyRelation;
        for (JCas jcas : SimplePipeline.iteratePipeline(dkproTextReader(),
                createEngineDescription(BreakIteratorSegmenter.class),
                JnrfAnnotator.description(everyRelationZip, false))) {
            assertNotEquals(0, jcas.select(Sentence.class).count());
            assertEquals(predictions(model.predict("", jcas.getDocumentText(), model.defaultOptions())),
                    predictions(CasAnnotations.read(jcas)));
        }
    }

    private CollectionReaderDescription dkproTextReader() throws Exception {
        return createReaderDescription(TextReader.class, TextReader.PARAM_SOURCE_LOCATION, notes.toString(),
                TextReader.PARAM_PATTERNS, "**/*.txt", TextReader.PARAM_LANGUAGE, "en");
    }

    /** Entities and relations by type, span and confidence, ids left out. */
    private static List<String> predictions(AnnotatedDocument document) {
        Map<String, EntityMention> byId = document.entitiesById();
        List<String> keys = new ArrayList<>();
        for (EntityMention e : document.entities()) {
            keys.add(e.type() + " " + e.fragments() + " " + e.confidence());
        }
        for (RelationMention r : document.relations()) {
            keys.add(r.type() + " " + byId.get(r.modifierId()).fragments() + " -> "
                    + byId.get(r.anchorId()).fragments() + " " + r.confidence());
        }
        keys.sort(null);
        return keys;
    }
}
