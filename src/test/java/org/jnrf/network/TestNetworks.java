package org.jnrf.network;

import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

/** Tiny label spaces, networks and documents for tests. */
final class TestNetworks {
    private TestNetworks() {
    }

    /** Drug (anchor), ADE, Dosage, Form (Form takes part in no relation); ADE-Drug, Dosage-Drug. */
    static LabelSpace labels() {
        return new LabelSpace(List.of("Drug", "ADE", "Dosage", "Form"), "Drug", List.of("ADE-Drug", "Dosage-Drug"),
                new boolean[][]{{false, true, false, false}, {false, false, true, false}});
    }

    static NetworkConfig config(DataType dt, int vocabulary, int hidden, long seed) {
        return new NetworkConfig(vocabulary, hidden, hidden, 2, 2, true, 3, 8, dt, seed);
    }

    /** 12 tokens: Drug [2,3), ADE [5,7), Dosage [8,9), Drug [10,11); ADE-Drug(ADE, Drug0), Dosage-Drug(Dosage, Drug1). */
    static TrainingExample example() {
        int[] ids = {1, 4, 7, 3, 9, 12, 2, 5, 8, 6, 11, 0};
        int[] tags = new int[12];
        tags[2] = 1;
        tags[5] = 3;
        tags[6] = 4;
        tags[8] = 5;
        tags[10] = 1;
        List<EntitySpan> entities = List.of(EntitySpan.of(0, 2, 3), EntitySpan.of(1, 5, 7), EntitySpan.of(2, 8, 9),
                EntitySpan.of(0, 10, 11));
        List<RelationPair> relations = List.of(new RelationPair(1, 0, 0), new RelationPair(2, 3, 1));
        return new TrainingExample("doc-1", ids, tags, entities, relations);
    }
}
