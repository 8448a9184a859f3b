package org.jnrf.network;

import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.layers.Init;
import org.jnrf.network.layers.Param;
import org.jnrf.testing.GradCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finite-difference checks of span pooling and the relation head (double precision, small sizes). */
class RelationHeadGradientTest {
    private static Scratch scratch() {
        return new Scratch(DataType.DOUBLE);
    }

    @BeforeAll
    static void singleThread() {
        ComputeThreads.set(1);
    }

    @Test
    void rankFeaturesMarkTheNearestAnchorAndCountAnchorsBetween() {
        List<EntitySpan> mods = List.of(EntitySpan.of(1, 0, 2), EntitySpan.of(2, 4, 5), EntitySpan.of(1, 10, 11));
        List<EntitySpan> ancs = List.of(EntitySpan.of(0, 3, 4), EntitySpan.of(0, 9, 10));
        int[] lines = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 3, 3};
        INDArray f = RelationHead.rankFeatures(mods, ancs, lines); // pair = i + 3 j
        assertEquals(List.of(1.0, 1.0, 0.0, 0.0, 0.0, 1.0), List.of(f.getDouble(0, 0), f.getDouble(1, 0),
                f.getDouble(2, 0), f.getDouble(3, 0), f.getDouble(4, 0), f.getDouble(5, 0)));
        double ln2 = Math.log(2);
        assertEquals(List.of(0.0, 0.0, ln2, ln2, 0.0, 0.0), List.of(f.getDouble(0, 1), f.getDouble(1, 1),
                f.getDouble(2, 1), f.getDouble(3, 1), f.getDouble(4, 1), f.getDouble(5, 1)));
        // modifiers on lines 0, 0, 3; anchors on lines 0 and 1
        assertEquals(List.of(0.0, 0.0, Math.log1p(3), Math.log1p(1), Math.log1p(1), Math.log1p(2)), List.of(f.getDouble(0, 2),
                f.getDouble(1, 2), f.getDouble(2, 2), f.getDouble(3, 2), f.getDouble(4, 2), f.getDouble(5, 2)));
        assertEquals(0, RelationHead.rankFeatures(mods, ancs, null).getColumn(2).sumNumber().doubleValue(), 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void spanPoolingAndRelationHead(boolean pairFeatures) {
        RelationHead head = new RelationHead(6, 3, 4, 8, pairFeatures, new Init(5, DataType.DOUBLE));
        for (Param p : head.params()) {
            if (p.name().equals("relation.distance") || p.name().equals("relation.rank")) {
                p.value().assign(GradCheck.randn(13, p.value().rows(), 3));
            }
        }
        INDArray tokens = GradCheck.randn(14, 12, 6);
        List<EntitySpan> mods = List.of(EntitySpan.of(1, 0, 2), new EntitySpan(2,
                List.of(new TokenRange(4, 5), new TokenRange(7, 9)), 1), EntitySpan.of(1, 10, 11));
        List<EntitySpan> ancs = List.of(EntitySpan.of(0, 3, 4), EntitySpan.of(0, 9, 10));
        INDArray w = GradCheck.randn(15, 6, 3);
        head.params().forEach(Param::zeroGrad);
        Scratch s = scratch();
        INDArray logits = head.forward(tokens, mods, ancs, s.cache("r"));
        assertEquals(6, logits.rows());
        INDArray dTokens = GradCheck.zerosLike(tokens);
        head.backward(w, dTokens, s.cache("r"));
        GradCheck.check("relation.tokens", tokens, dTokens,
                () -> GradCheck.project(head.forward(tokens, mods, ancs, scratch().cache("r")), w), 72);
        for (Param p : head.params()) {
            GradCheck.check(p.name(), p.value(), p.grad().dup(),
                    () -> GradCheck.project(head.forward(tokens, mods, ancs, scratch().cache("r")), w), 25);
        }
    }
}
