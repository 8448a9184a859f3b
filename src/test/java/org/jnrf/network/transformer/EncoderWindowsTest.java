package org.jnrf.network.transformer;

import org.jnrf.network.compute.HostKernels;
import org.jnrf.network.compute.Scratch;
import org.jnrf.network.layers.Init;
import org.jnrf.testing.TestCorpora;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.Token;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.VocabularyBuilder;
import org.jnrf.text.WordPieceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long documents: the window plan at its boundaries, and the windowed encoder against single windows. */
class EncoderWindowsTest {
    /** BERT's 512 positions less [CLS] and [SEP]. */
    private static final int CAPACITY = 510;
    private static final BertShape SHAPE = new BertShape(40, 512, 2, 8, 1, 2, 16, 1e-12);

    private static List<EncoderWindows.Window> windows(int... bounds) {
        java.util.ArrayList<EncoderWindows.Window> w = new java.util.ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            w.add(new EncoderWindows.Window(bounds[i], bounds[i + 1]));
        }
        return w;
    }

    @Test
    void boundaryOfTheWindowRule() {
        assertEquals(windows(0, 1), EncoderWindows.plan(1, CAPACITY).windows());
        assertEquals(windows(0, 510), EncoderWindows.plan(510, CAPACITY).windows());
        // one piece more than a window: a second window ending at the document's end, split at the middle
        EncoderWindows p511 = EncoderWindows.plan(511, CAPACITY);
        assertEquals(windows(0, 510, 1, 511), p511.windows());
        assertEquals(List.of(new EncoderWindows.Segment(0, 0, 256), new EncoderWindows.Segment(1, 256, 511)),
                p511.segments());
        EncoderWindows p512 = EncoderWindows.plan(512, CAPACITY);
        assertEquals(windows(0, 510, 2, 512), p512.windows());
        assertEquals(List.of(new EncoderWindows.Segment(0, 0, 256), new EncoderWindows.Segment(1, 256, 512)),
                p512.segments());
        EncoderWindows p513 = EncoderWindows.plan(513, CAPACITY);
        assertEquals(windows(0, 510, 3, 513), p513.windows());
        // piece 256 has 253 pieces of context on its poorer side in both windows: the earlier one wins
        assertEquals(List.of(new EncoderWindows.Segment(0, 0, 257), new EncoderWindows.Segment(1, 257, 513)),
                p513.segments());
        // stride 384 (margin 63): the third window starts at 768
        assertEquals(windows(0, 510, 384, 894, 490, 1000), EncoderWindows.plan(1000, CAPACITY).windows());
        assertThrows(IllegalArgumentException.class, () -> EncoderWindows.plan(0, CAPACITY));
        // margin 32: stride 446
        assertEquals(windows(0, 510, 446, 956, 490, 1000), EncoderWindows.plan(1000, CAPACITY, 32).windows());
        assertThrows(IllegalArgumentException.class, () -> EncoderWindows.plan(1000, CAPACITY, 255),
                "a margin leaving no stride");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7, 509, 1021, 4000, 15_013})
    void everyPieceIsCentralInItsWindowAndTheCostIsLinear(int pieces) {
        for (int[] capacityAndMargin : new int[][]{{6, -1}, {64, -1}, {CAPACITY, -1}, {CAPACITY, 32}, {64, 0},
                {CAPACITY, 254}}) {
            int capacity = capacityAndMargin[0];
            int margin = capacityAndMargin[1] < 0 ? capacity / 8 : capacityAndMargin[1];
            EncoderWindows plan = capacityAndMargin[1] < 0 ? EncoderWindows.plan(pieces, capacity)
                    : EncoderWindows.plan(pieces, capacity, margin);
            int next = 0;
            for (EncoderWindows.Segment s : plan.segments()) {
                assertEquals(next, s.from(), "segments cover the document in order");
                next = s.to();
                EncoderWindows.Window w = plan.windows().get(s.window());
                for (int p = s.from(); p < s.to(); p++) {
                    assertTrue(w.start() <= p && p < w.end());
                    int context = Math.min(p - w.start(), w.end() - 1 - p);
                    int possible = Math.min(Math.min(p, pieces - 1 - p), margin);
                    assertTrue(context >= possible, "piece " + p + " has " + context + " pieces of context");
                }
            }
            assertEquals(pieces, next);
            // windows x stride stays within the document plus one window: cost capacity / stride, linear in length
            int stride = capacity - 2 * margin;
            assertTrue((long) (plan.windows().size() - 1) * stride <= pieces,
                    plan.windows().size() + " windows for " + pieces);
        }
    }

    private static WindowedEncoder tinyEncoder(int vocabulary) {
        BertShape shape = new BertShape(vocabulary, 512, 2, 8, 1, 2, 16, 1e-12);
        return new WindowedEncoder(new BertEncoder(shape, new Init(21, DataType.FLOAT)), 2, 3);
    }

    /** Every piece's vector is the row of its owner window in a pass over that window alone. */
    private static void assertVectorsFromOwnerWindows(WindowedEncoder encoder, int[] ids) {
        Scratch scratch = new Scratch(DataType.FLOAT, new HostKernels(1));
        INDArray out = encoder.forward(ids, scratch.cache("doc"), false).dup();
        EncoderWindows plan = encoder.windows(ids.length);
        for (int w = 0; w < plan.windows().size(); w++) {
            EncoderWindows.Window window = plan.windows().get(w);
            INDArray alone = encoder.encoder().forward(encoder.windowIds(ids, window), null,
                    new Scratch(DataType.FLOAT, new HostKernels(1)).cache("one"), false);
            for (EncoderWindows.Segment s : plan.segments()) {
                if (s.window() == w) {
                    INDArray expected = alone.get(NDArrayIndex.interval(s.from() - window.start() + 1,
                            s.to() - window.start() + 1), NDArrayIndex.all());
                    assertEquals(expected, out.get(NDArrayIndex.interval(s.from(), s.to()), NDArrayIndex.all()),
                            "pieces " + s.from() + "-" + s.to() + " from window " + w);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 510, 511, 512, 513})
    void notesAtTheWindowBoundary(int pieces) {
        WindowedEncoder encoder = tinyEncoder(SHAPE.vocabularySize());
        SplittableRandom random = new SplittableRandom(pieces);
        int[] ids = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            ids[i] = 4 + random.nextInt(SHAPE.vocabularySize() - 4);
        }
        assertEquals(pieces <= CAPACITY ? 1 : 2, encoder.windows(pieces).windows().size());
        assertVectorsFromOwnerWindows(encoder, ids);
        if (pieces <= CAPACITY) {
            // a note that fits: exactly a single [CLS] note [SEP] pass
            INDArray single = encoder.encoder().forward(encoder.windowIds(ids, new EncoderWindows.Window(0, pieces)),
                    null, new Scratch(DataType.FLOAT, new HostKernels(1)).cache("single"), false);
            INDArray out = encoder.forward(ids, new Scratch(DataType.FLOAT, new HostKernels(1)).cache("d"), false);
            assertEquals(single.get(NDArrayIndex.interval(1, pieces + 1), NDArrayIndex.all()), out);
        }
    }

    @Test
    void sixtyThousandCharacterLabel() throws IOException {
        String text = Files.readString(TestCorpora.TAC_TRAIN.resolve("AFINITOR.txt"));
        assertTrue(text.length() > 60_000);
        VocabularyBuilder builder = new VocabularyBuilder(BasicTokenizer.uncased(), 2000, 1);
        builder.add(text);
        Vocabulary vocabulary = builder.build();
        int[] ids = new WordPieceTokenizer(vocabulary, BasicTokenizer.uncased()).tokenize(text).stream()
                .mapToInt(Token::id).toArray();
        assertTrue(ids.length > 8000, ids.length + " pieces");
        BertShape shape = new BertShape(vocabulary.size(), 512, 2, 8, 1, 2, 16, 1e-12);
        WindowedEncoder encoder = new WindowedEncoder(new BertEncoder(shape, new Init(22, DataType.FLOAT)),
                vocabulary.clsId(), vocabulary.sepId(), 32);
        EncoderWindows plan = encoder.windows(ids.length);
        int stride = EncoderWindows.stride(CAPACITY, 32);
        assertEquals(446, stride);
        assertEquals((ids.length - CAPACITY + stride - 1) / stride + 1, plan.windows().size());
        assertVectorsFromOwnerWindows(encoder, ids);
    }
}
