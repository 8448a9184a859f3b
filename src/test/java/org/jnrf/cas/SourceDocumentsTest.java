package org.jnrf.cas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData;
import org.apache.ctakes.typesystem.type.structured.DocumentID;
import org.apache.ctakes.typesystem.type.structured.DocumentIdPrefix;
import org.apache.ctakes.typesystem.type.structured.DocumentPath;
import org.apache.uima.examples.SourceDocumentInformation;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.factory.TypeSystemDescriptionFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.util.CasCreationUtils;
import org.junit.jupiter.api.Test;

/** How writers name a document: by our SourceDocument, else by DKPro's, cTAKES' or UIMA's reader metadata. */
class SourceDocumentsTest {
    @Test
    void dkproDocumentsAreNamedByTheirUriBelowTheBaseUriWithoutExtension() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        DocumentMetaData meta = DocumentMetaData.create(jcas);
        meta.setDocumentId("ward 2/note-1.txt");
        meta.setDocumentBaseUri("file:/data/notes/");
        meta.setDocumentUri("file:/data/notes/ward%202/note-1.txt");

        assertEquals(new DocumentName("ward 2/note-1.txt", "ward 2/note-1"), SourceDocuments.name(jcas).orElseThrow());
        assertEquals("ward 2/note-1", SourceDocuments.outputPath(jcas));
        assertEquals("ward 2/note-1.txt", SourceDocuments.describe(jcas));
    }

    @Test
    void dkproDocumentsWithoutABaseUriAreNamedByTheirIdOrElseTheirFileName() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        DocumentMetaData meta = DocumentMetaData.create(jcas);
        meta.setDocumentId("doc-7");
        meta.setDocumentUri("file:/elsewhere/doc-7.txt");
        assertEquals("doc-7", SourceDocuments.outputPath(jcas));

        // a URI that is not below the base URI is no relative path either
        meta.setDocumentBaseUri("file:/data/notes/");
        assertEquals("doc-7", SourceDocuments.outputPath(jcas));

        meta.setDocumentId(null);
        assertEquals(new DocumentName("doc-7", "doc-7"), SourceDocuments.name(jcas).orElseThrow());
    }

    @Test
    void ctakesDocumentsAreNamedByTheirIdInTheirPrefixFolder() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        DocumentID id = new DocumentID(jcas);
        id.setDocumentID("note-3");
        id.addToIndexes();
        assertEquals(new DocumentName("note-3", "note-3"), SourceDocuments.name(jcas).orElseThrow());

        DocumentIdPrefix prefix = new DocumentIdPrefix(jcas);
        prefix.setDocumentIdPrefix("\\clinic\\2024\\");
        prefix.addToIndexes();
        assertEquals("clinic/2024/note-3", SourceDocuments.outputPath(jcas));
        assertEquals("note-3", SourceDocuments.describe(jcas));
    }

    @Test
    void ctakesDocumentsWithOnlyADocumentPathAreNamedByItsFileName() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        DocumentPath path = new DocumentPath(jcas);
        path.setDocumentPath("/data/notes/note-4.txt");
        path.addToIndexes();
        assertEquals(new DocumentName("note-4", "note-4"), SourceDocuments.name(jcas).orElseThrow());
    }

    @Test
    void sourceDocumentInformationNamesADocumentByItsFileName() throws Exception {
        JCas jcas = JCasFactory.createJCas(CasCreationUtils.mergeTypeSystems(List.of(
                TypeSystemDescriptionFactory.createTypeSystemDescription(),
                TypeSystemDescriptionFactory.createTypeSystemDescription(
                        "org.apache.uima.examples.SourceDocumentInformation"))));
        SourceDocumentInformation source = new SourceDocumentInformation(jcas);
        source.setUri("file:/data/notes/note%205.txt");
        source.addToIndexes();
        assertEquals(new DocumentName("note 5", "note 5"), SourceDocuments.name(jcas).orElseThrow());
    }

    @Test
    void ourSourceDocumentComesFirstThenDkproThenCtakes() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        DocumentID ctakes = new DocumentID(jcas);
        ctakes.setDocumentID("from-ctakes");
        ctakes.addToIndexes();
        DocumentMetaData.create(jcas).setDocumentId("from-dkpro");
        assertEquals("from-dkpro", SourceDocuments.outputPath(jcas));

        SourceDocuments.set(jcas, "ours", null, "folder/ours");
        assertEquals("folder/ours", SourceDocuments.outputPath(jcas));
        assertEquals("ours", SourceDocuments.describe(jcas));
    }

    @Test
    void aCasThatNamesNoDocumentCannotBeWritten() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        DocumentMetaData.create(jcas); // DKPro metadata without id or URI names nothing
        assertTrue(SourceDocuments.name(jcas).isEmpty());
        assertEquals("(unknown document)", SourceDocuments.describe(jcas));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SourceDocuments.outputPath(jcas));
        assertTrue(e.getMessage().contains("DocumentMetaData"), e.getMessage());
    }
}
