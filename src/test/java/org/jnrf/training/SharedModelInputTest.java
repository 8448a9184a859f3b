package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.TextSpan;
import org.jnrf.model.JnrfModel;
import org.jnrf.model.ModelConfig;
import org.jnrf.network.fourier.FourierMixers;
import org.jnrf.network.JnrfNetwork;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.NetworkConfig;
import org.jnrf.network.TrainingExample;
import org.jnrf.text.EncodedText;
import org.jnrf.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Training and prediction read a text through one encoder, so they cannot drift apart. */
class SharedModelInputTest {
    //                                  0         1         2         3         4         5
    //                                  0123456789012345678901234567890123456789012345678901234567
    private static final String TEXT = "Aspirin caused bleeding. She stopped aspirin.\nRash followed.";
    private static final LabelSpace LABELS = new LabelSpace(List.of("ADE", "Drug"), "Drug", List.of("ADE-Drug"),
            new boolean[][]{{true, false}});

    private static JnrfModel model(boolean sentenceBreaks) {
        List<String> pieces = new ArrayList<>(Vocabulary.SPECIAL_TOKENS);
        pieces.addAll(List.of("aspirin", "caused", "bleed", "##ing", ".", "she", "stopped", "rash", "followed"));
        Vocabulary vocabulary = Vocabulary.of(pieces);
        NetworkConfig nc = new NetworkConfig(vocabulary.size(), 12, 16, 2, 2, true, 4, 16, DataType.FLOAT, 3);
        JnrfNetwork net = new JnrfNetwork(nc, LABELS, FourierMixers.create("auto", 1));
        return JnrfModel.fromNetwork(ModelConfig.of(nc, LABELS, true, false, 100).withSentenceBreaks(sentenceBreaks),
                vocabulary, net);
    }

    private static AnnotatedDocument document() {
        return new AnnotatedDocument("d", TEXT, List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7)),
                new EntityMention("T2", "ADE", new TextSpan(15, 23))), List.of());
    }

    @Test
    void trainingEncodesATextAsTheTrainedModelDoes() {
        for (boolean sentenceBreaks : new boolean[]{false, true}) {
            JnrfModel model = model(sentenceBreaks);
            // as the Trainer builds its encoder: from the configuration and vocabulary it stores in the model
            ExampleEncoder.Encoded training = new ExampleEncoder(model.config().textEncoder(model.vocabulary()),
                    LABELS).encode(document());
            EncodedText prediction = model.textEncoder().encode(TEXT);
            assertEquals(prediction, training.input());
            TrainingExample example = training.example();
            assertArrayEquals(prediction.ids(), example.tokenIds());
            assertArrayEquals(prediction.continuation(), example.wordContinuation());
            assertArrayEquals(prediction.lines(), example.lineIndex());
            // the older constructor (tokenizer and flag) reads the text the same way
            assertEquals(prediction, new ExampleEncoder(model.tokenizer(), LABELS, sentenceBreaks).encode(document())
                    .input());
        }
    }

    @Test
    void theSharedInputCarriesContinuationsAndTheModelsSentenceRule() {
        // aspirin caused bleed ##ing . she stopped aspirin . rash followed .
        EncodedText withBreaks = model(true).textEncoder().encode(TEXT);
        assertArrayEquals(new boolean[]{false, false, false, true, false, false, false, false, false, false, false,
                false}, withBreaks.continuation());
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2}, withBreaks.lines());
        EncodedText withoutBreaks = model(false).textEncoder().encode(TEXT);
        assertArrayEquals(new int[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, withoutBreaks.lines());
        assertNotEquals(withBreaks, withoutBreaks);
        // sentence begins given by a pipeline replace the rule
        assertArrayEquals(withBreaks.lines(), model(false).textEncoder().encode(TEXT, new int[]{0, 25, 46}).lines());
    }
}
