/**
 * The tokenizer front end of the JNRF network: BERT-compatible WordPiece tokenization with exact character offsets
 * into the original note.
 *
 * <pre>{@code
 * BasicTokenizer basic = BasicTokenizer.uncased();              // or cased(), or new BasicTokenizer(lower, strip)
 * VocabularyBuilder builder = new VocabularyBuilder(basic, 8000, 2);
 * trainingTexts.forEach(builder::add);
 * Vocabulary vocabulary = builder.build();                      // or Vocabulary.load(Path.of("vocab.txt"))
 * WordPieceTokenizer tokenizer = new WordPieceTokenizer(vocabulary, basic);
 * List<Token> tokens = tokenizer.tokenize(note);                // piece, id, [begin, end) in note
 * int[] shapes = TokenShapes.shapeIds(note, tokens);            // optional extra embedding, TokenShapes.SIZE ids
 * int[] range = new TokenOffsets(tokens).overlapping(b, e);     // tokens of a mention [b, e)
 * AlignedEmbeddings pretrained = PretrainedEmbeddings.word2VecText(file).alignTo(vocabulary, seed);
 * }</pre>
 *
 * <p>Subword vectors of a BERT-family ONNX model (see {@code docs/pretrained-embeddings.md}):
 * {@link org.jnrf.text.HuggingFaceVocabulary} reads the vocabulary and normalization of its {@code tokenizer.json},
 * {@link org.jnrf.text.OnnxTensorReader} its embedding table, and {@link org.jnrf.text.EmbeddingDirectory} stores
 * both as {@code vocab.txt} + {@code embeddings.f32} for {@link org.jnrf.text.PretrainedEmbeddings#floatMatrix}.
 *
 * <p>Tokens of a BERT vocabulary are the same as those of BERT's reference tokenizer (checked piece for piece on
 * the PHEE and TAC 2017 development notes), except that control characters separate words instead of being
 * deleted. All classes but {@link org.jnrf.text.VocabularyBuilder} are immutable and thread-safe.
 *
 * <p>{@link org.jnrf.text.TextEncoder} is the one path from a text to network input ({@link org.jnrf.text.EncodedText}:
 * tokens, ids, continuation flags, lines), shared by training and prediction.
 *
 * <p>Of org.jnrf this package may import only org.jnrf.document: it knows neither the network nor the CAS.
 */
package org.jnrf.text;
