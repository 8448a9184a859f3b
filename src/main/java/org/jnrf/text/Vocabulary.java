package org.jnrf.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable WordPiece vocabulary in the BERT {@code vocab.txt} convention: one piece per line, the id of a piece
 * is its line index, continuation pieces start with {@code ##}, and the special tokens are spelled {@code [PAD]},
 * {@code [UNK]}, {@code [CLS]}, {@code [SEP]} and {@code [MASK]}. Only {@code [UNK]} is required; the other special
 * ids are {@code -1} when absent. If a piece occurs on several lines (some published vocabularies have such
 * duplicates), {@link #id(String)} answers its first line while {@link #piece(int)} still answers every line, so the
 * file round-trips exactly. Thread-safe.
 */
public final class Vocabulary {

    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    /** The special tokens in the order BERT vocabularies and {@link VocabularyBuilder} put them. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);

    private final List<String> pieces;
    private final Map<String, Integer> ids;
    private final int unknownId;
    private final int paddingId;
    private final int clsId;
    private final int sepId;
    private final int maskId;
    /** Lazily built longest-match index; a benign race may build it twice, both results are equal. */
    private volatile PieceTrie trie;

    private Vocabulary(List<String> pieces, String source) {
        this.pieces = List.copyOf(pieces);
        Map<String, Integer> index = new HashMap<>(pieces.size() * 2);
        for (int i = 0; i < this.pieces.size(); i++) {
            index.putIfAbsent(this.pieces.get(i), i);
        }
        this.ids = Collections.unmodifiableMap(index);
        this.unknownId = ids.getOrDefault(UNK, -1);
        if (unknownId < 0) {
            throw new IllegalArgumentException(source + ": vocabulary has no " + UNK + " entry");
        }
        this.paddingId = ids.getOrDefault(PAD, -1);
        this.clsId = ids.getOrDefault(CLS, -1);
        this.sepId = ids.getOrDefault(SEP, -1);
        this.maskId = ids.getOrDefault(MASK, -1);
    }

    /** A vocabulary of the given pieces, id = list index; it must contain {@code [UNK]} and no line breaks. */
    public static Vocabulary of(List<String> pieces) {
        for (int i = 0; i < pieces.size(); i++) {
            String p = pieces.get(i);
            if (p == null || p.indexOf('\n') >= 0 || p.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("vocabulary piece " + i + " is null or contains a line break");
            }
        }
        return new Vocabulary(pieces, "vocabulary");
    }

    /** Reads a BERT {@code vocab.txt}: one piece per line (LF or CRLF), id = line index, an optional BOM. */
    public static Vocabulary load(Reader vocabTxt) throws IOException {
        return load(vocabTxt, "vocab.txt");
    }

    /** As {@link #load(Reader)}; {@code sourceName} names the file in error messages. */
    public static Vocabulary load(Reader vocabTxt, String sourceName) throws IOException {
        BufferedReader reader = vocabTxt instanceof BufferedReader b ? b : new BufferedReader(vocabTxt);
        List<String> pieces = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (pieces.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            pieces.add(line);
        }
        if (pieces.isEmpty()) {
            throw new IOException(sourceName + ": vocabulary file is empty");
        }
        try {
            return new Vocabulary(pieces, sourceName);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Reads a UTF-8 BERT {@code vocab.txt}. */
    public static Vocabulary load(Path vocabTxt) throws IOException {
        try (Reader reader = Files.newBufferedReader(vocabTxt, StandardCharsets.UTF_8)) {
            return load(reader, vocabTxt.toString());
        }
    }

    /** Writes the vocabulary as {@code vocab.txt}: every piece followed by {@code \n}. */
    public void write(Writer out) throws IOException {
        for (String piece : pieces) {
            out.write(piece);
            out.write('\n');
        }
        out.flush();
    }

    /** Writes the vocabulary as a UTF-8 {@code vocab.txt} file. */
    public void write(Path vocabTxt) throws IOException {
        try (Writer writer = Files.newBufferedWriter(vocabTxt, StandardCharsets.UTF_8)) {
            write(writer);
        }
    }

    public int size() {
        return pieces.size();
    }

    /** The id of {@code piece}, or {@code -1} if the vocabulary does not contain it. */
    public int id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? -1 : id;
    }

    public boolean contains(String piece) {
        return ids.containsKey(piece);
    }

    /** The piece of {@code id}; throws {@link IndexOutOfBoundsException} for an id outside {@code [0, size)}. */
    public String piece(int id) {
        return pieces.get(id);
    }

    /** All pieces in id order (unmodifiable). */
    public List<String> pieces() {
        return pieces;
    }

    public int unknownId() {
        return unknownId;
    }

    /** Id of {@code [PAD]}, or {@code -1} if absent. */
    public int paddingId() {
        return paddingId;
    }

    /** Id of {@code [CLS]}, or {@code -1} if absent. */
    public int clsId() {
        return clsId;
    }

    /** Id of {@code [SEP]}, or {@code -1} if absent. */
    public int sepId() {
        return sepId;
    }

    /** Id of {@code [MASK]}, or {@code -1} if absent. */
    public int maskId() {
        return maskId;
    }

    /** True for the five BERT special tokens. */
    public boolean isSpecial(int id) {
        return SPECIAL_TOKENS.contains(pieces.get(id));
    }

    PieceTrie trie() {
        PieceTrie t = trie;
        if (t == null) {
            t = new PieceTrie(this);
            trie = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && pieces.equals(v.pieces);
    }

    @Override
    public int hashCode() {
        return pieces.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[" + pieces.size() + " pieces]";
    }
}
