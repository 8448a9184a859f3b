package org.jnrf.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.jnrf.text.Token;
import org.jnrf.text.Vocabulary;

/**
 * Shrinks a model's vocabulary and embedding table to the pieces a set of texts uses, plus every special token and
 * every single-character piece (so any text still tokenizes without new [UNK]s; a word whose usual pieces were
 * dropped is spelt with shorter ones). A model trained with a large pretrained table (30k x 384 floats, 47 MB) then
 * ships at a fraction of the size; everything but the embedding table (of every ensemble member) is unchanged.
 */
public final class VocabularyPruning {
    public static final String EMBEDDING_TENSOR = "embedding.table";

    private VocabularyPruning() {
    }

    /** The pruned model; {@code texts} are typically the training texts. */
    public static JnrfModel prune(JnrfModel model, Iterable<String> texts) throws IOException {
        return prune(model, texts, 0);
    }

    /**
     * As {@link #prune(JnrfModel, Iterable)}, also keeping the first {@code keepFirst} pieces of the vocabulary: a
     * BERT-style vocabulary lists its pieces roughly by frequency, so these cover the words that unseen notes are
     * most likely to bring, with their pretrained vectors.
     */
    public static JnrfModel prune(JnrfModel model, Iterable<String> texts, int keepFirst) throws IOException {
        if (keepFirst < 0) {
            throw new IllegalArgumentException("keepFirst must not be negative, got " + keepFirst);
        }
        if (model.config().encoder() != null) {
            // its pieces index the encoder's own word embeddings, and its [CLS] and [SEP] ids are in the config
            throw new IllegalArgumentException("the model reads its pieces through a contextual encoder, whose"
                    + " vocabulary cannot be pruned; only a model with an embedding table can be");
        }
        Vocabulary vocabulary = model.vocabulary();
        BitSet keep = new BitSet(vocabulary.size());
        keep.set(0, Math.min(keepFirst, vocabulary.size()));
        for (int id = 0; id < vocabulary.size(); id++) {
            String piece = vocabulary.piece(id);
            String bare = piece.startsWith("##") ? piece.substring(2) : piece;
            if (vocabulary.isSpecial(id) || bare.codePointCount(0, bare.length()) <= 1) {
                keep.set(id);
            }
        }
        for (String text : texts) {
            for (Token token : model.tokenizer().tokenize(text)) {
                keep.set(token.id());
            }
        }
        List<String> pieces = new ArrayList<>(keep.cardinality());
        int[] kept = keep.stream().toArray();
        for (int id : kept) {
            pieces.add(vocabulary.piece(id));
        }
        List<List<Tensor>> members = new ArrayList<>();
        for (List<Tensor> member : model.memberWeights()) {
            List<Tensor> weights = new ArrayList<>();
            for (Tensor t : member) {
                weights.add(t.name().equals(EMBEDDING_TENSOR) ? t.rows(kept) : t);
            }
            members.add(weights);
        }
        return JnrfModel.fromParts(model.config().withVocabularySize(pieces.size()), Vocabulary.of(pieces), members);
    }

    /** Saves the pruned model (atomically). */
    public static void prune(JnrfModel model, Iterable<String> texts, Path target) throws IOException {
        prune(model, texts).save(target);
    }
}
