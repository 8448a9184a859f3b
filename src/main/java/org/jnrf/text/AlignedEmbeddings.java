package org.jnrf.text;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Pretrained vectors laid out as an embedding table for one {@link Vocabulary}: row {@code id} is the vector of
 * {@code vocabulary.piece(id)}, taken from the file when it holds the piece, otherwise drawn from a seeded normal
 * distribution with the file's standard deviation ({@code [PAD]} missing from the file gets zeros). Whether the
 * network freezes or trains these rows is the network's choice.
 */
public final class AlignedEmbeddings {
    private final float[] matrix;
    private final int rows;
    private final int dimension;
    private final BitSet fromFile;
    private final int exactHits;
    private final int normalizedHits;
    private final double fileStandardDeviation;

    AlignedEmbeddings(float[] matrix, int rows, int dimension, BitSet fromFile, int exactHits, int normalizedHits,
            double fileStandardDeviation) {
        this.matrix = matrix;
        this.rows = rows;
        this.dimension = dimension;
        this.fromFile = fromFile;
        this.exactHits = exactHits;
        this.normalizedHits = normalizedHits;
        this.fileStandardDeviation = fileStandardDeviation;
    }

    /** The table, row-major: {@code rows() x dimension()}; a copy. */
    public float[] matrix() {
        return matrix.clone();
    }

    /** The table as one array per vocabulary id; a copy. */
    public float[][] rowsAsArrays() {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(matrix, r * dimension, (r + 1) * dimension);
        }
        return out;
    }

    /** The vector of vocabulary id {@code id}; a copy. */
    public float[] row(int id) {
        return Arrays.copyOfRange(matrix, id * dimension, (id + 1) * dimension);
    }

    /** Number of rows, the vocabulary size. */
    public int rows() {
        return rows;
    }

    public int dimension() {
        return dimension;
    }

    /** True if the row of {@code id} came from the file. */
    public boolean fromFile(int id) {
        return fromFile.get(id);
    }

    /** Vocabulary pieces found in the file (exactly or after normalization). */
    public int hits() {
        return exactHits + normalizedHits;
    }

    /** Pieces found in the file only after the uncased normalization of the file's word. */
    public int normalizedHits() {
        return normalizedHits;
    }

    /** Pieces not in the file, whose rows were initialised at random (or zero for [PAD]). */
    public int misses() {
        return rows - hits();
    }

    /** Standard deviation of all values in the file, used for the random rows. */
    public double fileStandardDeviation() {
        return fileStandardDeviation;
    }
}
