package org.jnrf.text;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * A file of pretrained word vectors, aligned to a {@link Vocabulary} by {@link #alignTo}. Two formats:
 * <ul>
 *   <li>{@linkplain #word2VecText word2vec text} (also fastText {@code .vec}): a header line {@code "count dim"},
 *       then one line per word, {@code "word v1 ... vdim"}, separated by spaces; optionally gzip-compressed
 *       ({@code .gz});</li>
 *   <li>{@linkplain #floatMatrix a float matrix}: little-endian float32 values, row-major, one row per line of an
 *       accompanying {@code vocab.txt}; the dimension is the file size divided by {@code 4 x rows}.</li>
 * </ul>
 * The file is streamed once per alignment and only the rows of vocabulary pieces are kept, so a multi-gigabyte
 * file costs no more memory than the resulting table. A piece takes the vector of the same word in the file; a
 * piece missing from the file takes the vector of the first file word whose uncased normalization (lower case,
 * accents stripped, as {@link BasicTokenizer#uncased()}) equals it, so an uncased vocabulary still finds
 * {@code "Aspirin"} or {@code "café"}. Malformed files fail with the file name and line (or row) of the problem.
 */
public final class PretrainedEmbeddings {
    private final Path file;
    private final Path vocabTxt;

    private PretrainedEmbeddings(Path file, Path vocabTxt) {
        this.file = file;
        this.vocabTxt = vocabTxt;
    }

    /** A word2vec/fastText text file (gzip-compressed if its name ends in {@code .gz}). */
    public static PretrainedEmbeddings word2VecText(Path file) {
        return new PretrainedEmbeddings(file, null);
    }

    /** A little-endian float32 matrix whose rows are the lines of {@code vocabTxt}. */
    public static PretrainedEmbeddings floatMatrix(Path vectors, Path vocabTxt) {
        return new PretrainedEmbeddings(vectors, vocabTxt);
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file and builds the embedding table of {@code vocabulary}: rows of pieces found in the file hold
     * their vectors, the others are drawn, in id order, from {@code N(0, s^2)} with {@code s} the standard deviation
     * of all values in the file and a {@link Random} seeded with {@code seed}; {@code [PAD]} gets zeros if the file
     * lacks it.
     */
    public AlignedEmbeddings alignTo(Vocabulary vocabulary, long seed) throws IOException {
        Aligner aligner = new Aligner(vocabulary);
        if (vocabTxt == null) {
            readWord2VecText(aligner);
        } else {
            readFloatMatrix(aligner);
        }
        return aligner.finish(seed);
    }

    private void readWord2VecText(Aligner aligner) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(new BufferedInputStream(raw)) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw error(1, "empty file, expected a header line \"count dim\"");
            }
            String[] fields = header.strip().split("[ \t]+");
            long count;
            int dimension;
            try {
                if (fields.length != 2) {
                    throw new NumberFormatException();
                }
                count = Long.parseLong(fields[0]);
                dimension = Integer.parseInt(fields[1]);
            } catch (NumberFormatException e) {
                throw error(1, "expected a header line \"count dim\" with two integers, found "
                        + fields.length + " fields");
            }
            if (count < 0 || dimension <= 0) {
                throw error(1, "header declares " + count + " vectors of dimension " + dimension);
            }
            aligner.start(dimension);
            float[] vector = new float[dimension];
            long read = 0;
            long lineNumber = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (read == count) {
                    throw error(lineNumber, "more vectors than the " + count + " declared in the header");
                }
                String word = parseVectorLine(line, vector, lineNumber);
                aligner.accept(word, vector);
                read++;
            }
            if (read != count) {
                throw error(lineNumber, "header declares " + count + " vectors, the file holds " + read);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a valid gzip file: " + e.getMessage(), e);
        }
    }

    /** Parses {@code "word v1 ... vdim"} into {@code vector}; returns the word. */
    private String parseVectorLine(String line, float[] vector, long lineNumber) throws IOException {
        int n = line.length();
        int pos = 0;
        int wordEnd = nextSeparator(line, pos);
        if (wordEnd == 0) {
            throw error(lineNumber, "line starts with a space, expected \"word v1 ... v" + vector.length + "\"");
        }
        String word = line.substring(0, wordEnd);
        pos = wordEnd;
        int values = 0;
        while (true) {
            while (pos < n && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
            if (pos >= n) {
                break;
            }
            int end = nextSeparator(line, pos);
            if (values == vector.length) {
                throw error(lineNumber, "more than the " + vector.length + " values of the header's dimension");
            }
            try {
                float value = Float.parseFloat(line.substring(pos, end));
                if (!Float.isFinite(value)) {
                    throw new NumberFormatException();
                }
                vector[values++] = value;
            } catch (NumberFormatException e) {
                throw error(lineNumber, "value " + (values + 1) + " is not a finite number");
            }
            pos = end;
        }
        if (values != vector.length) {
            throw error(lineNumber, values + " values, the header's dimension is " + vector.length);
        }
        return word;
    }

    private static int nextSeparator(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    private void readFloatMatrix(Aligner aligner) throws IOException {
        List<String> words = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(vocabTxt, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (words.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                words.add(line);
            }
        }
        if (words.isEmpty()) {
            throw new IOException(vocabTxt + ": vocabulary file is empty");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long bytes = channel.size();
            long rowBytes = bytes / words.size();
            if (bytes == 0 || bytes % words.size() != 0 || rowBytes % Float.BYTES != 0) {
                throw new IOException(file + ": " + bytes + " bytes are not " + words.size() + " rows (the lines of "
                        + vocabTxt + ") of float32 values");
            }
            if (rowBytes / Float.BYTES > Integer.MAX_VALUE) {
                throw new IOException(file + ": rows of " + rowBytes + " bytes are too long");
            }
            int dimension = (int) (rowBytes / Float.BYTES);
            aligner.start(dimension);
            float[] vector = new float[dimension];
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(rowBytes, 4096)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buffer.flip();
            for (int row = 0; row < words.size(); row++) {
                for (int k = 0; k < dimension; k++) {
                    if (buffer.remaining() < Float.BYTES) {
                        buffer.compact();
                        while (buffer.position() < Float.BYTES) {
                            if (channel.read(buffer) < 0) {
                                throw new IOException(file + ": ends inside row " + row);
                            }
                        }
                        buffer.flip();
                    }
                    float value = buffer.getFloat();
                    if (!Float.isFinite(value)) {
                        throw new IOException(file + ": row " + row + " (" + vocabTxt.getFileName() + " line "
                                + (row + 1) + "), value " + (k + 1) + " is not finite");
                    }
                    vector[k] = value;
                }
                aligner.accept(words.get(row), vector);
            }
        }
    }

    private IOException error(long line, String problem) {
        return new IOException(file + ":" + line + ": " + problem);
    }

    /** Collects the rows of vocabulary pieces and the statistics of all values while the file streams by. */
    private static final class Aligner {
        private final Vocabulary vocabulary;
        private final BasicTokenizer normalizer = BasicTokenizer.uncased();
        private final BitSet exact = new BitSet();
        private final BitSet normalized = new BitSet();
        private int dimension;
        private float[] matrix;
        private long values;
        private double mean;
        private double squaredDeviations;

        Aligner(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
        }

        void start(int dimension) {
            long cells = (long) vocabulary.size() * dimension;
            if (cells > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("embedding table of " + vocabulary.size() + " x " + dimension
                        + " values does not fit one array");
            }
            this.dimension = dimension;
            this.matrix = new float[(int) cells];
        }

        void accept(String word, float[] vector) {
            for (float v : vector) { // Welford: stable for billions of values
                values++;
                double delta = v - mean;
                mean += delta / values;
                squaredDeviations += delta * (v - mean);
            }
            int id = vocabulary.id(word);
            if (id >= 0) {
                if (!exact.get(id)) {
                    exact.set(id);
                    normalized.clear(id);
                    System.arraycopy(vector, 0, matrix, id * dimension, dimension);
                }
                return;
            }
            List<Word> words = normalizer.words(word);
            if (words.size() == 1) {
                int normalizedId = vocabulary.id(words.get(0).text());
                if (normalizedId >= 0 && !exact.get(normalizedId) && !normalized.get(normalizedId)) {
                    normalized.set(normalizedId);
                    System.arraycopy(vector, 0, matrix, normalizedId * dimension, dimension);
                }
            }
        }

        AlignedEmbeddings finish(long seed) {
            double std = values > 1 ? Math.sqrt(squaredDeviations / values) : 0.0;
            Random random = new Random(seed);
            BitSet fromFile = (BitSet) exact.clone();
            fromFile.or(normalized);
            for (int id = 0; id < vocabulary.size(); id++) {
                if (fromFile.get(id) || id == vocabulary.paddingId()) {
                    continue; // a missing [PAD] keeps its zeros
                }
                for (int k = 0; k < dimension; k++) {
                    matrix[id * dimension + k] = (float) (random.nextGaussian() * std);
                }
            }
            return new AlignedEmbeddings(matrix, vocabulary.size(), dimension, fromFile, exact.cardinality(),
                    normalized.cardinality(), std);
        }
    }
}
