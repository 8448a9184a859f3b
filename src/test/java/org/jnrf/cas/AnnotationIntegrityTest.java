package org.jnrf.cas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;
import org.junit.jupiter.api.Test;

class AnnotationIntegrityTest {
    private static Entity entity(JCas jcas, int begin, int end, String category, String sourceId) {
        Entity entity = new Entity(jcas, begin, end);
        entity.setCategory(category);
        entity.setSourceId(sourceId);
        entity.addToIndexes();
        return entity;
    }

    @Test
    void namesEachProblemByIdOrPositionAndOffsetsNeverByText() throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText("Aspirin daily.");
        Entity drug = entity(jcas, 0, 7, "Drug", "T1");
        entity(jcas, 8, 40, "Frequency", "Tdaily");
        entity(jcas, 8, 13, "two words", "T3");
        Entity unindexed = new Entity(jcas, 8, 13);
        EntityRelation relation = new EntityRelation(jcas, 0, 13);
        relation.setCategory("Frequency-Drug");
        relation.setSourceId("R1");
        relation.setArg1(unindexed);
        relation.setArg2(drug);
        relation.addToIndexes();

        assertEquals(List.of("entity number 2 ends at 40, after the text (14 characters)",
                        "entity T3 has no category or one with spaces",
                        "relation R1: its arg1 is missing or not an indexed entity"),
                AnnotationIntegrity.problems(jcas));

        AnnotationIntegrity.dropAnnotations(jcas);
        assertTrue(jcas.select(Entity.class).isEmpty() && jcas.select(EntityRelation.class).isEmpty());
        assertTrue(AnnotationIntegrity.problems(jcas).isEmpty());
    }
}
