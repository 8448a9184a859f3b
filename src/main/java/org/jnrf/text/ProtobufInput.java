package org.jnrf.text;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Protocol Buffers wire format read forwards from a stream, one field at a time, with the byte position kept for
 * error messages. Nothing is buffered beyond what the caller asks for, so a message of any size can be walked with
 * constant memory: the caller {@linkplain #skip skips} the fields it does not need. Truncation raises an
 * {@link EOFException}; malformed varints and unknown wire types raise an {@link IOException} naming the source and
 * byte position.
 */
final class ProtobufInput {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final InputStream in;
    private final String source;
    private long position;

    ProtobufInput(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    String source() {
        return source;
    }

    /** Bytes consumed so far. */
    long position() {
        return position;
    }

    /**
     * The next field's tag ({@code field << 3 | wireType}), or {@code -1} at {@code end}, the end of the enclosing
     * message (for the top-level message: the end of the stream, passed as {@link Long#MAX_VALUE}).
     */
    long readTag(long end) throws IOException {
        if (position == end) {
            return -1;
        }
        if (position > end) {
            throw error("a field runs past the end of its enclosing message");
        }
        if (end == Long.MAX_VALUE) {
            int first = in.read();
            if (first < 0) {
                return -1;
            }
            position++;
            return readVarint(first);
        }
        return readVarint();
    }

    long readVarint() throws IOException {
        return readVarint(readByte());
    }

    private long readVarint(int first) throws IOException {
        long value = first & 0x7F;
        int b = first;
        for (int shift = 7; (b & 0x80) != 0; shift += 7) {
            if (shift > 63) {
                throw error("malformed varint (more than 10 bytes)");
            }
            b = readByte();
            value |= (long) (b & 0x7F) << shift;
        }
        return value;
    }

    /** A length prefix, checked to be non-negative. */
    long readLength() throws IOException {
        long length = readVarint();
        if (length < 0) {
            throw error("negative length " + length);
        }
        return length;
    }

    int readFixed32() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        int b2 = readByte();
        int b3 = readByte();
        return b0 | b1 << 8 | b2 << 16 | b3 << 24;
    }

    byte[] readBytes(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw error("a field of " + length + " bytes is too large to hold in memory");
        }
        byte[] bytes = in.readNBytes((int) length);
        position += bytes.length;
        if (bytes.length != length) {
            throw new EOFException(source + ": ends at byte " + position + " inside a field of " + length + " bytes");
        }
        return bytes;
    }

    /** Reads exactly {@code buffer.length} bytes into {@code buffer}. */
    void readFully(byte[] buffer, int length) throws IOException {
        int read = in.readNBytes(buffer, 0, length);
        position += read;
        if (read != length) {
            throw new EOFException(source + ": ends at byte " + position + ", " + (length - read)
                    + " bytes before the end of a field");
        }
    }

    void skipBytes(long length) throws IOException {
        try {
            in.skipNBytes(length);
        } catch (EOFException e) {
            throw new EOFException(source + ": ends inside a field of " + length + " bytes starting at byte "
                    + position);
        }
        position += length;
    }

    /** Skips the value of a field whose tag was just read. */
    void skip(long tag) throws IOException {
        switch (wireType(tag)) {
            case VARINT -> readVarint();
            case FIXED64 -> skipBytes(8);
            case LENGTH_DELIMITED -> skipBytes(readLength());
            case FIXED32 -> skipBytes(4);
            default -> throw error("unsupported wire type " + wireType(tag) + " of field " + fieldNumber(tag));
        }
    }

    static int wireType(long tag) {
        return (int) (tag & 7);
    }

    static long fieldNumber(long tag) {
        return tag >>> 3;
    }

    /** Checks the wire type of field {@code what}; a schema mismatch means the file is not what we think it is. */
    void expect(long tag, int wireType, String what) throws IOException {
        if (wireType(tag) != wireType) {
            throw error(what + " has wire type " + wireType(tag) + ", expected " + wireType
                    + " (not an ONNX model file?)");
        }
    }

    IOException error(String problem) {
        return new IOException(source + ": byte " + position + ": " + problem);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException(source + ": ends unexpectedly at byte " + position + " (truncated file?)");
        }
        position++;
        return b;
    }
}
