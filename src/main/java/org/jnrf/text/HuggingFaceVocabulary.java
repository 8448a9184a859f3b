package org.jnrf.text;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The WordPiece vocabulary and text normalization of a Hugging Face {@code tokenizer.json} (the format of the
 * {@code tokenizers} library), as our {@link Vocabulary} and {@link BasicTokenizer}: pieces in id order from
 * {@code model.vocab} (plus {@code added_tokens}), lower-casing and accent stripping from the {@code normalizer}.
 * Only what {@link WordPieceTokenizer} reproduces exactly is accepted: a {@code WordPiece} model with {@code ##}
 * continuations and {@code [UNK]}, a {@code BertPreTokenizer}, and a {@code BertNormalizer} or a sequence of
 * {@code NFD}/{@code NFC}/{@code Lowercase}/{@code StripAccents}. Anything else fails with the file name and the
 * reason, rather than silently tokenizing differently from the model the vectors were trained with.
 */
public final class HuggingFaceVocabulary {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Vocabulary vocabulary;
    private final BasicTokenizer basicTokenizer;
    private final int maxCharsPerWord;

    private HuggingFaceVocabulary(Vocabulary vocabulary, BasicTokenizer basicTokenizer, int maxCharsPerWord) {
        this.vocabulary = vocabulary;
        this.basicTokenizer = basicTokenizer;
        this.maxCharsPerWord = maxCharsPerWord;
    }

    /** Reads a {@code tokenizer.json} file. */
    public static HuggingFaceVocabulary read(Path tokenizerJson) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tokenizerJson))) {
            return read(in, tokenizerJson.toString());
        }
    }

    /** Reads a {@code tokenizer.json} from a stream (not closed); {@code source} names it in error messages. */
    public static HuggingFaceVocabulary read(InputStream tokenizerJson, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(tokenizerJson);
        } catch (JacksonException e) {
            throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected a JSON object (a Hugging Face tokenizer.json)");
        }
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        if (!type.equals("WordPiece")) {
            throw new IOException(source + ": model.type is '" + type + "', only WordPiece tokenizers are supported");
        }
        String prefix = model.path("continuing_subword_prefix").asText("##");
        if (!prefix.equals("##")) {
            throw new IOException(source + ": continuing_subword_prefix is '" + prefix + "', expected '##'");
        }
        String unk = model.path("unk_token").asText(Vocabulary.UNK);
        if (!unk.equals(Vocabulary.UNK)) {
            throw new IOException(source + ": unk_token is '" + unk + "', expected " + Vocabulary.UNK);
        }
        int maxChars = model.path("max_input_chars_per_word").asInt(WordPieceTokenizer.DEFAULT_MAX_CHARS_PER_WORD);
        if (maxChars < 1) {
            throw new IOException(source + ": max_input_chars_per_word is " + maxChars);
        }
        checkPreTokenizer(root.path("pre_tokenizer"), source);
        BasicTokenizer basic = normalizer(root.path("normalizer"), source);
        Vocabulary vocabulary = pieces(model.path("vocab"), root.path("added_tokens"), source);
        return new HuggingFaceVocabulary(vocabulary, basic, maxChars);
    }

    /** The pieces in id order; ids must run from 0 without gaps. */
    private static Vocabulary pieces(JsonNode vocab, JsonNode addedTokens, String source) throws IOException {
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new IOException(source + ": model.vocab is missing or empty");
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(vocab.size());
        vocab.fields().forEachRemaining(entries::add);
        List<JsonNode> added = new ArrayList<>();
        addedTokens.elements().forEachRemaining(added::add);
        long maxId = -1;
        for (Map.Entry<String, JsonNode> e : entries) {
            maxId = Math.max(maxId, e.getValue().asLong(-1));
        }
        for (JsonNode token : added) {
            maxId = Math.max(maxId, token.path("id").asLong(-1));
        }
        if (maxId >= entries.size() + added.size()) {
            throw new IOException(source + ": ids run up to " + maxId + " for " + (entries.size() + added.size())
                    + " pieces (ids must run from 0 without gaps)");
        }
        int size = (int) maxId + 1;
        String[] pieces = new String[size];
        for (Map.Entry<String, JsonNode> e : entries) {
            place(pieces, e.getKey(), e.getValue(), "model.vocab", source);
        }
        for (JsonNode token : added) {
            place(pieces, token.path("content").asText(null), token.path("id"), "added_tokens", source);
        }
        for (int id = 0; id < pieces.length; id++) {
            if (pieces[id] == null) {
                throw new IOException(source + ": no piece has id " + id + " (ids must run from 0 to "
                        + (pieces.length - 1) + " without gaps)");
            }
        }
        try {
            return Vocabulary.of(Arrays.asList(pieces));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static void place(String[] pieces, String piece, JsonNode idNode, String section, String source)
            throws IOException {
        if (piece == null || !idNode.canConvertToInt() || !idNode.isIntegralNumber()) {
            throw new IOException(source + ": " + section + " entry '" + piece + "' has no integer id");
        }
        int id = idNode.asInt();
        if (id < 0 || id >= pieces.length) {
            throw new IOException(source + ": " + section + " gives '" + piece + "' the id " + id + ", outside [0, "
                    + pieces.length + ")");
        }
        if (pieces[id] != null && !pieces[id].equals(piece)) {
            throw new IOException(source + ": " + section + " gives id " + id + " to '" + piece
                    + "', which already belongs to '" + pieces[id] + "'");
        }
        pieces[id] = piece;
    }

    private static void checkPreTokenizer(JsonNode preTokenizer, String source) throws IOException {
        String type = preTokenizer.path("type").asText("none");
        if (!type.equals("BertPreTokenizer")) {
            throw new IOException(source + ": pre_tokenizer is " + type + ", only BertPreTokenizer is supported");
        }
    }

    /** Lower-casing and accent stripping as BasicTokenizer settings. */
    private static BasicTokenizer normalizer(JsonNode normalizer, String source) throws IOException {
        if (normalizer.isMissingNode() || normalizer.isNull()) {
            return BasicTokenizer.cased();
        }
        boolean[] lowerStrip = new boolean[2];
        apply(normalizer, lowerStrip, source);
        return new BasicTokenizer(lowerStrip[0], lowerStrip[1]);
    }

    private static void apply(JsonNode normalizer, boolean[] lowerStrip, String source) throws IOException {
        String type = normalizer.path("type").asText("");
        switch (type) {
            case "BertNormalizer" -> {
                // clean_text and handle_chinese_chars are what BasicTokenizer always does
                boolean lower = normalizer.path("lowercase").asBoolean(true);
                JsonNode strip = normalizer.path("strip_accents");
                lowerStrip[0] |= lower;
                // tokenizers: strip_accents null means "as lowercase", like BERT's do_lower_case
                lowerStrip[1] |= strip.isMissingNode() || strip.isNull() ? lower : strip.asBoolean();
            }
            case "Lowercase" -> lowerStrip[0] = true;
            case "StripAccents" -> lowerStrip[1] = true;
            case "NFD", "NFC" -> {
                // canonical (de)composition does not change the pieces BasicTokenizer looks up
            }
            case "Sequence" -> {
                Iterator<JsonNode> parts = normalizer.path("normalizers").elements();
                while (parts.hasNext()) {
                    apply(parts.next(), lowerStrip, source);
                }
            }
            default -> throw new IOException(source + ": normalizer '" + type + "' is not supported (supported: "
                    + "BertNormalizer, Sequence of NFD, NFC, Lowercase, StripAccents)");
        }
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The basic tokenizer with the file's lower-casing and accent stripping. */
    public BasicTokenizer basicTokenizer() {
        return basicTokenizer;
    }

    /** {@code max_input_chars_per_word}: longer words become one {@code [UNK]}. */
    public int maxCharsPerWord() {
        return maxCharsPerWord;
    }

    /** The WordPiece tokenizer that splits text as the Hugging Face tokenizer does. */
    public WordPieceTokenizer wordPieceTokenizer() {
        return new WordPieceTokenizer(vocabulary, basicTokenizer, maxCharsPerWord);
    }
}
