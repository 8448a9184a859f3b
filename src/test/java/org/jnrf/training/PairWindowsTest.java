package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.PairScorer;
import org.jnrf.network.PairWindow;
import org.jnrf.network.TokenRange;
import org.jnrf.network.TrainingExample;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.testing.TestCorpora;
import org.jnrf.text.BasicTokenizer;
import org.jnrf.text.TextEncoder;
import org.jnrf.text.Vocabulary;
import org.jnrf.text.VocabularyBuilder;
import org.jnrf.text.WordPieceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window of candidate pairs learned from the TAC drug-label fixtures, and what it costs on long labels. */
class PairWindowsTest {
    private static List<TrainingExample> examples;
    private static LabelSpace labels;
    private static int vocabularySize;

    @BeforeAll
    static void encodeFixtures() {
        ComputeThreads.set(1);
        List<AnnotatedDocument> docs = BratFixtures.read(TestCorpora.TAC_TRAIN, 10);
        labels = LabelSpaces.fromDocuments(docs, "AdverseReaction");
        VocabularyBuilder builder = new VocabularyBuilder(new BasicTokenizer(true, false), 2000, 2);
        docs.forEach(d -> builder.add(d.text()));
        Vocabulary vocabulary = builder.build();
        vocabularySize = vocabulary.size();
        ExampleEncoder encoder = new ExampleEncoder(new TextEncoder(new WordPieceTokenizer(vocabulary,
                new BasicTokenizer(true, false), 100), true, 1), labels);
        examples = docs.stream().map(d -> encoder.encode(d).example()).toList();
    }

    @Test
    void theLearnedWindowCoversTheTrainingRelations() {
        PairWindows.Learned learned = PairWindows.learn(examples, 0.995, 0.25);
        assertNotNull(learned);
        assertTrue(learned.relations() > 100, learned.relations() + " relations");
        assertTrue(learned.covered() >= 0.995, "covers " + learned.covered());
        PairWindows.Learned tight = PairWindows.learn(examples, 1.0, 0);
        assertEquals(1.0, tight.covered());
        // each distance is the largest one of a training relation: one less leaves a relation out
        assertTrue(PairWindows.learn(examples, 0.9, 0).covered() < 1.0);
        if (tight.window().lines() > 0) {
            assertTrue(coverage(new PairWindow(tight.window().lines() - 1, tight.window().tokens())) < 1.0);
        }
        assertTrue(coverage(new PairWindow(tight.window().lines(), tight.window().tokens() - 1)) < 1.0);
        // with the margin the window is wider, never narrower
        assertTrue(learned.window().tokens() >= PairWindows.learn(examples, 0.995, 0).window().tokens());
        assertNull(PairWindows.learn(examples, 0, 0.25));
    }

    /** A document of these entities and relations, with the line of each of its tokens. */
    private static TrainingExample withLines(int[] lineIndex, List<EntitySpan> entities,
                                            List<org.jnrf.network.RelationPair> relations) {
        return new TrainingExample("d", new int[lineIndex.length], new int[lineIndex.length], entities, relations, null,
                lineIndex);
    }

    @Test
    void aDistanceTheTrainingDocumentsNeverSpanStaysUnbounded() {
        // one line per document (PHEE's shape): nothing says how far apart lines relations may be
        List<EntitySpan> entities = List.of(EntitySpan.of(0, 0, 1), EntitySpan.of(1, 3, 4), EntitySpan.of(1, 8, 9));
        List<org.jnrf.network.RelationPair> related = List.of(new org.jnrf.network.RelationPair(1, 0, 0));
        TrainingExample oneLine = withLines(new int[10], entities, related);
        PairWindow window = PairWindows.learn(List.of(oneLine), 1.0, 0).window();
        assertEquals(PairWindow.UNBOUNDED, window.lines());
        assertEquals(3, window.tokens(), "an unrelated ADE 8 pieces away bounds the token distance");
        // the same entities over two lines, the unrelated ADE on the second: the data now bounds lines too
        TrainingExample split = withLines(new int[]{0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, entities, related);
        assertEquals(new PairWindow(0, 3), PairWindows.learn(List.of(split), 1.0, 0).window());
        // no candidate pair farther apart than the relation: no token bound either
        TrainingExample near = withLines(new int[10], entities.subList(0, 2), related);
        assertEquals(PairWindow.UNBOUNDED, PairWindows.learn(List.of(near), 1.0, 0).window().tokens());
    }

    private static double coverage(PairWindow window) {
        int inside = 0;
        int all = 0;
        for (TrainingExample ex : examples) {
            for (var r : ex.relations()) {
                all++;
                inside += window.contains(ex.entities().get(r.modifier()).firstToken(),
                        ex.entities().get(r.anchor()).firstToken(), ex.lineIndex()) ? 1 : 0;
            }
        }
        return inside / (double) all;
    }

    @Test
    void aLabelTwiceAsLongScoresAboutTwiceTheCandidatePairsNotFourTimes() {
        PairWindow window = PairWindows.learn(examples, 0.995, 0.25).window();
        TrainingExample label = examples.stream().max(java.util.Comparator.comparingInt(
                (TrainingExample e) -> e.entities().size())).orElseThrow();
        NetworkConfig config = new NetworkConfig(vocabularySize, 8, 16, 1, 2, true, 4, 64, DataType.FLOAT, 1, 0,
                true);
        JnrfNetwork net = new JnrfNetwork(config, labels, FourierMixers.create("auto", 1));
        long[] scored = new long[3];
        long[] all = new long[3];
        for (int k = 0; k < 3; k++) {
            TrainingExample longer = repeated(label, 1 << k);
            PairScorer windowed = net.pairScorer(net.encode(longer.tokenIds(), longer.lineIndex(), net.newScratch()),
                    longer.entities(), window);
            scored[k] = windowed.blocks().stream().mapToLong(PairScorer.Block::pairs).sum();
            all[k] = (long) windowed.modifierCount() * windowed.anchorCount();
        }
        assertTrue(scored[0] < all[0] / 10, scored[0] + " of " + all[0] + " pairs scored");
        for (int k = 1; k < 3; k++) {
            assertEquals(4.0, all[k] / (double) all[k - 1], 0.01); // every pair: quadratic
            double growth = scored[k] / (double) scored[k - 1];
            assertTrue(growth > 1.9 && growth < 2.2, "doubling the label multiplies the pairs scored by " + growth
                    + " (" + java.util.Arrays.toString(scored) + ")");
        }
    }

    /** The label written {@code times} times one after the other, each copy on lines of its own. */
    private static TrainingExample repeated(TrainingExample ex, int times) {
        int n = ex.tokenIds().length;
        int lines = ex.lineIndex()[n - 1] + 1;
        int[] ids = new int[n * times];
        int[] tags = new int[n * times];
        int[] lineIndex = new int[n * times];
        List<EntitySpan> entities = new ArrayList<>();
        for (int c = 0; c < times; c++) {
            System.arraycopy(ex.tokenIds(), 0, ids, c * n, n);
            System.arraycopy(ex.bioTags(), 0, tags, c * n, n);
            for (int t = 0; t < n; t++) {
                lineIndex[c * n + t] = ex.lineIndex()[t] + c * lines;
            }
            for (EntitySpan e : ex.entities()) {
                int shift = c * n;
                entities.add(new EntitySpan(e.type(), e.ranges().stream()
                        .map(r -> new TokenRange(r.begin() + shift, r.end() + shift)).toList(), 1.0));
            }
        }
        return new TrainingExample(ex.documentId() + "x" + times, ids, tags, entities, List.of(), null, lineIndex);
    }
}
