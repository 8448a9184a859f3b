package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;
import org.apache.uima.UIMAFramework;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.testing.TestCorpora;
import org.jnrf.type.SourceDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmiRoundTripTest {
    /** Everything our components look at in a CAS, as comparable values. */
    private record Snapshot(String relativePath, String documentId, String uri, String language,
                            AnnotatedDocument document, List<String> errors) {
    }

    private static Snapshot snapshot(JCas jcas) {
        SourceDocument source = SourceDocuments.get(jcas).orElseThrow();
        return new Snapshot(source.getRelativePath(), source.getDocumentId(), source.getUri(),
                jcas.getDocumentLanguage(), CasAnnotations.read(jcas),
                DocumentErrors.list(jcas).stream().map(e -> e.getComponent() + "|" + e.getMessage()).toList());
    }

    private static List<Snapshot> read(org.apache.uima.collection.CollectionReaderDescription reader)
            throws Exception {
        List<Snapshot> snapshots = new ArrayList<>();
        for (JCas jcas : SimplePipeline.iteratePipeline(reader)) {
            snapshots.add(snapshot(jcas));
        }
        return snapshots;
    }

    @Test
    void xmiReaderGivesBackWhatBratReaderProduced(@TempDir Path dir) throws Exception {
        Path corpus = BrokenCorpus.write(dir.resolve("corpus"));
        Path label = BratCorpus.textFiles(TestCorpora.TAC_DEV).get(0);
        Files.copy(label, corpus.resolve("label.txt"));
        Files.copy(CorpusFiles.sibling(label, ".ann"), corpus.resolve("label.ann"));
        Path xmi = dir.resolve("xmi");
        SimplePipeline.runPipeline(BratReader.description(corpus), XmiWriter.description(xmi));

        List<Snapshot> fromBrat = read(BratReader.description(corpus)).stream()
                .filter(s -> !s.document().text().isEmpty()).toList();
        List<Snapshot> fromXmi = read(XmiReader.description(xmi));
        assertEquals(fromBrat, fromXmi);
        assertTrue(fromXmi.stream().anyMatch(s -> s.document().entities().size() > 100), "a long label is included");
        assertTrue(fromXmi.stream().anyMatch(s -> !s.errors().isEmpty()), "errors travel in the XMI");
        assertTrue(Files.exists(xmi.resolve("a/good.xmi")), "sub-folders mirrored");
        assertFalse(Files.exists(xmi.resolve("b/bad-utf8.xmi")), "no text, nothing to write");

        // typesystem.xml is enough to open the XMI without this jar's classes on the type path
        TypeSystemDescription types = UIMAFramework.getXMLParser().parseTypeSystemDescription(
                new XMLInputSource(xmi.resolve(XmiWriter.TYPE_SYSTEM_FILE_NAME).toFile()));
        assertTrue(types.getType("org.jnrf.type.EntityRelation") != null);
        assertTrue(CasCreationUtils.createCas(types, null, null).getTypeSystem()
                .getType("org.jnrf.type.Entity") != null);
    }

    @Test
    void unreadableXmiGivesAnErrorCasAndTheRestIsRead(@TempDir Path dir) throws Exception {
        Path xmi = dir.resolve("xmi");
        Files.createDirectories(xmi);
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(BrokenCorpus.GOOD_TEXT);
        SourceDocuments.set(jcas, "fine", null, "fine");
        SimplePipeline.runPipeline(jcas, XmiWriter.description(xmi));
        Files.writeString(xmi.resolve("broken.xmi"), "<?xml version=\"1.0\"?>\n<xmi:XMI xmlns:xmi=\"x\">\n<oops");

        List<Snapshot> read = read(XmiReader.description(xmi));
        assertEquals(List.of("broken", "fine"), read.stream().map(Snapshot::relativePath).toList());
        assertEquals(List.of(), read.get(1).errors());
        assertEquals(BrokenCorpus.GOOD_TEXT, read.get(1).document().text());
        assertEquals("", read.get(0).document().text());
        assertEquals(1, read.get(0).errors().size());
        String error = read.get(0).errors().get(0);
        assertTrue(error.startsWith("XmiReader|" + xmi.resolve("broken.xmi") + ": not a readable XMI file (XML error "
                + "at line 3"), error);
    }

    @Test
    void textWithCharactersXml10CannotHoldIsWrittenAsXml10AndReadBackWithTheSameOffsets(@TempDir Path dir)
            throws Exception {
        // a form feed (printed reports), NUL, a vertical tab, U+FFFF and a lone surrogate; an emoji pair stays
        String text = "Page 1\fWarfarin 5 mg\u0000\u000B x\uFFFF \uD83D\uDE00 y\uD800 z";
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(text);
        SourceDocuments.set(jcas, "n\u0001", null, "ward/n");
        int begin = text.indexOf("Warfarin");
        CasAnnotations.addEntity(jcas, new org.jnrf.document.EntityMention("T1", "Drug",
                new org.jnrf.document.TextSpan(begin, begin + "Warfarin".length())));
        Path out = dir.resolve("xmi");
        SimplePipeline.runPipeline(jcas, XmiWriter.description(out));
        assertEquals(List.of(), DocumentErrors.list(jcas).stream().map(e -> e.getMessage()).toList());

        // a plain XML 1.0 parser reads it
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("ward/n.xmi").toFile());
        List<JCas> back = new ArrayList<>();
        for (JCas read : SimplePipeline.iteratePipeline(XmiReader.description(out))) {
            assertEquals("Page 1 Warfarin 5 mg   x  \uD83D\uDE00 y  z", read.getDocumentText());
            AnnotatedDocument document = CasAnnotations.read(read);
            assertEquals(1, document.entities().size());
            assertEquals(begin, document.entities().get(0).fragments().get(0).begin());
            assertEquals("Warfarin", document.entities().get(0).coveredText(read.getDocumentText()));
            assertEquals("n ", SourceDocuments.get(read).orElseThrow().getDocumentId());
            assertEquals(List.of(), DocumentErrors.list(read));
            back.add(read);
        }
        assertEquals(1, back.size());
    }
}
