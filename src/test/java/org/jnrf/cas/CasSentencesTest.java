package org.jnrf.cas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.junit.jupiter.api.Test;

/** Sentence begins from DKPro Core's and cTAKES' sentence annotations, found by type name. */
class CasSentencesTest {
    @Test
    void beginsOfDkproAndCtakesSentencesAscendingAndDistinct() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText("Aspirin daily. Rash. Nausea.");
        assertArrayEquals(new int[0], CasSentences.begins(jcas.getCas()));

        new org.apache.ctakes.typesystem.type.textspan.Sentence(jcas, 21, 28).addToIndexes();
        new org.apache.ctakes.typesystem.type.textspan.Sentence(jcas, 0, 14).addToIndexes();
        assertArrayEquals(new int[]{0, 21}, CasSentences.begins(jcas.getCas()));

        new Sentence(jcas, 15, 20).addToIndexes();
        new Sentence(jcas, 0, 14).addToIndexes();
        assertArrayEquals(new int[]{0, 15, 21}, CasSentences.begins(jcas.getCas()));
    }
}
