package org.jnrf.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The weights format (all integers and floats little-endian):
 * <pre>
 *   magic      8 bytes  "JNRFWTS1"
 *   count      int32    number of tensors
 *   per tensor:
 *     nameLen  int32, name UTF-8 bytes
 *     rank     int32, dims int64[rank]
 *     data     float32[product of dims], row-major
 *   crc32      int32    CRC-32 of every preceding byte
 * </pre>
 * Version 2 (magic "JNRFWTS2", written when some tensors are stored in 8 bits) adds one encoding byte after each
 * tensor's dims: 0 = float32 data as above; 1 = 8-bit rows: float32 scale[dims[0]], then int8[product of dims],
 * value = q x scale of its row (symmetric, scale = max |value| / 127); 2 = 8-bit rows shared with a base tensor (the
 * same tensor of an ensemble's first network): int32 k, int32 row indices[k] (ascending), then those k rows as in
 * encoding 1; every other row is the base tensor's row. Readers accept both versions.
 */
public final class WeightsFile {
    static final byte[] MAGIC = "JNRFWTS1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V2 = "JNRFWTS2".getBytes(StandardCharsets.US_ASCII);
    private static final int FLOAT32 = 0;
    private static final int INT8_ROWS = 1;
    private static final int SHARED_INT8_ROWS = 2;
    /**
     * A row is taken from the base tensor when its 8-bit values would read back within this fraction of the row's
     * step of the base's: an ensemble's networks leave the embedding rows that training never reached (most of a
     * pretrained table) equal but for float rounding, and storing those once saves most of each further network's
     * size. A shared value is then within 0.6 of a step of the original, against 0.5 for a row of its own.
     */
    static final float SHARED_ROW_TOLERANCE = 0.1f;
    private static final int MAX_NAME = 1 << 12;
    private static final int MAX_RANK = 8;

    private WeightsFile() {
    }

    public static void write(OutputStream out, List<Tensor> tensors) throws IOException {
        write(out, tensors, java.util.Set.of());
    }

    /** Writes the tensors named in {@code int8} (rank 2) as 8-bit rows, the others as float32. */
    public static void write(OutputStream out, List<Tensor> tensors, java.util.Set<String> int8) throws IOException {
        write(out, tensors, int8, Map.of());
    }

    /**
     * As {@link #write(OutputStream, List, java.util.Set)}; an 8-bit tensor with a tensor of the same name and shape in
     * {@code base} (as a reader returns it) stores only the rows that differ from the base's, when that is smaller.
     */
    public static void write(OutputStream out, List<Tensor> tensors, java.util.Set<String> int8,
                             Map<String, Tensor> base) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
        boolean v2 = !int8.isEmpty();
        checked.write(v2 ? MAGIC_V2 : MAGIC);
        checked.write(le(4).putInt(tensors.size()).array());
        for (Tensor t : tensors) {
            byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
            checked.write(le(4).putInt(name.length).array());
            checked.write(name);
            ByteBuffer header = le(4 + 8 * t.shape().length).putInt(t.shape().length);
            for (long d : t.shape()) {
                header.putLong(d);
            }
            checked.write(header.array());
            if (v2) {
                boolean quantize = int8.contains(t.name());
                if (quantize && t.shape().length != 2) {
                    throw new IllegalArgumentException("only matrices can be stored in 8 bits: " + t.name());
                }
                if (quantize) {
                    int[] own = ownRows(t, base.get(t.name()));
                    if (own != null) {
                        checked.write(SHARED_INT8_ROWS);
                        ByteBuffer rows = le(4 + 4 * own.length).putInt(own.length);
                        for (int r : own) {
                            rows.putInt(r);
                        }
                        checked.write(rows.array());
                        writeInt8Rows(checked, t.rows(own));
                    } else {
                        checked.write(INT8_ROWS);
                        writeInt8Rows(checked, t);
                    }
                    continue;
                }
                checked.write(FLOAT32);
            }
            float[] data = t.data();
            int chunk = 1 << 16;
            ByteBuffer buf = le(4 * chunk);
            for (int i = 0; i < data.length; i += chunk) {
                int n = Math.min(chunk, data.length - i);
                buf.clear();
                buf.asFloatBuffer().put(data, i, n);
                checked.write(buf.array(), 0, 4 * n);
            }
        }
        int crc = (int) checked.getChecksum().getValue();
        out.write(le(4).putInt(crc).array());
    }

    /**
     * The rows of {@code t} that differ from {@code base}'s by more than {@link #SHARED_ROW_TOLERANCE} of a step, or
     * null when there is no base or sharing would save less than the row list costs.
     */
    private static int[] ownRows(Tensor t, Tensor base) {
        if (base == null || !java.util.Arrays.equals(base.shape(), t.shape())) {
            return null;
        }
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] a = t.data();
        float[] b = base.data();
        int[] own = new int[rows];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(a[r * cols + c]));
            }
            // compare what this row would read back as (encoding 1) with the base's row as read back
            float scale = max / 127f;
            float inv = max == 0 ? 0 : 127f / max;
            float diff = 0;
            for (int c = 0; c < cols; c++) {
                float decoded = Math.round(a[r * cols + c] * inv) * scale;
                diff = Math.max(diff, Math.abs(decoded - b[r * cols + c]));
            }
            if (diff > SHARED_ROW_TOLERANCE * scale) {
                own[k++] = r;
            }
        }
        long saved = (long) (rows - k) * (cols + 4) - 4L * k - 4;
        return saved > 0 ? java.util.Arrays.copyOf(own, k) : null;
    }

    private static void writeInt8Rows(OutputStream out, Tensor t) throws IOException {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] data = t.data();
        float[] scales = new float[rows];
        byte[] q = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(data[r * cols + c]));
            }
            scales[r] = max / 127f;
            float inv = max == 0 ? 0 : 127f / max;
            for (int c = 0; c < cols; c++) {
                q[r * cols + c] = (byte) Math.round(data[r * cols + c] * inv);
            }
        }
        ByteBuffer s = le(4 * rows);
        s.asFloatBuffer().put(scales);
        out.write(s.array());
        out.write(q);
    }

    /** Reads every tensor; {@code file} names the source in error messages. */
    public static Map<String, Tensor> read(InputStream in, String file) throws ModelFormatException {
        return read(in, file, Map.of());
    }

    /** As {@link #read(InputStream, String)}, taking shared rows from {@code base} (see the class comment). */
    public static Map<String, Tensor> read(InputStream in, String file, Map<String, Tensor> base)
            throws ModelFormatException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelFormatException(file, "unreadable: " + e.getMessage(), e);
        }
        return read(bytes, file, base);
    }

    /** Reads every tensor of a weights file held in memory. */
    public static Map<String, Tensor> read(byte[] bytes, String file) throws ModelFormatException {
        return read(bytes, file, Map.of());
    }

    /**
     * As {@link #read(byte[], String)}, taking shared rows from {@code base}. Every size a header declares is checked
     * against the bytes that remain before anything is allocated for it.
     */
    public static Map<String, Tensor> read(byte[] bytes, String file, Map<String, Tensor> base)
            throws ModelFormatException {
        Cursor in = new Cursor(bytes, file);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        byte[] magic = in.bytes(MAGIC.length, "the header");
        boolean v2 = java.util.Arrays.equals(magic, MAGIC_V2);
        if (!v2 && !java.util.Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(file, "not a JNRF weights file (bad magic bytes)");
        }
        int count = in.readInt("the tensor count");
        if (count < 0) {
            throw new ModelFormatException(file, "negative tensor count " + count);
        }
        for (int i = 0; i < count; i++) {
            int nameLen = in.readInt("tensor " + i);
            if (nameLen <= 0 || nameLen > MAX_NAME) {
                throw new ModelFormatException(file, "tensor " + i + ": invalid name length " + nameLen);
            }
            String name = new String(in.bytes(nameLen, "tensor " + i), StandardCharsets.UTF_8);
            int rank = in.readInt("tensor " + name);
            if (rank < 0 || rank > MAX_RANK) {
                throw new ModelFormatException(file, "tensor " + name + ": invalid rank " + rank);
            }
            long[] shape = new long[rank];
            long n = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readLong("tensor " + name);
                if (shape[d] < 0) {
                    throw new ModelFormatException(file, "tensor " + name + ": negative dimension");
                }
                if (shape[d] > Integer.MAX_VALUE / 4) {
                    throw new ModelFormatException(file, "tensor " + name + ": too large");
                }
                n *= shape[d];
                if (n > Integer.MAX_VALUE / 4) {
                    throw new ModelFormatException(file, "tensor " + name + ": too large");
                }
            }
            int encoding = v2 ? in.readByte("tensor " + name) : FLOAT32;
            Tensor tensor;
            if (encoding == INT8_ROWS) {
                if (rank != 2) {
                    throw new ModelFormatException(file, "tensor " + name + ": 8-bit rows need a matrix");
                }
                tensor = readInt8Rows(in, name, shape);
            } else if (encoding == SHARED_INT8_ROWS) {
                Tensor shared = base.get(name);
                if (rank != 2 || shared == null || !java.util.Arrays.equals(shared.shape(), shape)) {
                    throw new ModelFormatException(file, "tensor " + name + " shares rows with a tensor of the"
                            + " first network that is missing or of another shape");
                }
                tensor = readSharedRows(in, shared);
            } else if (encoding == FLOAT32) {
                in.need(4 * n, "tensor " + name + " of " + n + " values");
                float[] data = new float[(int) n];
                in.buffer.asFloatBuffer().get(data);
                in.buffer.position(in.buffer.position() + 4 * (int) n);
                tensor = new Tensor(name, shape, data);
            } else {
                throw new ModelFormatException(file, "tensor " + name + ": unknown encoding " + encoding);
            }
            if (tensors.put(name, tensor) != null) {
                throw new ModelFormatException(file, "tensor " + name + " appears twice");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, in.buffer.position());
        int expected = (int) crc.getValue();
        int stored = in.readInt("the checksum");
        if (stored != expected) {
            throw new ModelFormatException(file, String.format("checksum mismatch (stored %08x, computed %08x):"
                    + " the file is corrupt", stored, expected));
        }
        if (in.buffer.hasRemaining()) {
            throw new ModelFormatException(file, "unexpected bytes after the checksum");
        }
        return tensors;
    }

    private static Tensor readSharedRows(Cursor in, Tensor base) throws ModelFormatException {
        int rows = (int) base.shape()[0];
        int cols = (int) base.shape()[1];
        int k = in.readInt("tensor " + base.name());
        if (k < 0 || k > rows) {
            throw new ModelFormatException(in.file, "tensor " + base.name() + ": " + k + " own rows of " + rows);
        }
        in.need(4L * k, "tensor " + base.name() + "'s list of " + k + " rows");
        int[] own = new int[k];
        for (int i = 0; i < k; i++) {
            own[i] = in.buffer.getInt();
            if (own[i] < 0 || own[i] >= rows || (i > 0 && own[i] <= own[i - 1])) {
                throw new ModelFormatException(in.file, "tensor " + base.name() + ": invalid row list");
            }
        }
        Tensor values = readInt8Rows(in, base.name(), new long[] {k, cols});
        float[] data = base.data().clone();
        for (int i = 0; i < k; i++) {
            System.arraycopy(values.data(), i * cols, data, own[i] * cols, cols);
        }
        return new Tensor(base.name(), base.shape(), data);
    }

    private static Tensor readInt8Rows(Cursor in, String name, long[] shape) throws ModelFormatException {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        in.need(4L * rows + (long) rows * cols, "tensor " + name + " of " + rows + " 8-bit rows");
        float[] scales = new float[rows];
        in.buffer.asFloatBuffer().get(scales);
        in.buffer.position(in.buffer.position() + 4 * rows);
        byte[] q = new byte[rows * cols];
        in.buffer.get(q);
        float[] data = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = q[r * cols + c] * scales[r];
            }
        }
        return new Tensor(name, shape, data);
    }

    /** Reads a weights file held in memory, refusing any read past its end before allocating for it. */
    private static final class Cursor {
        final ByteBuffer buffer;
        final String file;

        Cursor(byte[] bytes, String file) {
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.file = file;
        }

        void need(long bytes, String what) throws ModelFormatException {
            if (bytes > buffer.remaining()) {
                throw new ModelFormatException(file, "truncated: " + what + " needs " + bytes + " bytes, "
                        + buffer.remaining() + " remain");
            }
        }

        int readInt(String what) throws ModelFormatException {
            need(4, what);
            return buffer.getInt();
        }

        long readLong(String what) throws ModelFormatException {
            need(8, what);
            return buffer.getLong();
        }

        int readByte(String what) throws ModelFormatException {
            need(1, what);
            return buffer.get() & 0xff;
        }

        byte[] bytes(int n, String what) throws ModelFormatException {
            need(n, what);
            byte[] b = new byte[n];
            buffer.get(b);
            return b;
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
