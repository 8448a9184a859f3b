package org.jnrf.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads text files as UTF-8 and refuses anything else. A lenient decoder would silently turn a Latin-1 or truncated
 * file into replacement characters and shift every BRAT offset after them; a clear error is better. A byte order mark
 * is kept as a character, as BRAT (Python) does, so offsets stay those of the annotation tool.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The file's content; {@link CorpusFormatException} names the file and the byte offset of the first bad byte. */
    public static String read(Path file) throws IOException, CorpusFormatException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Decodes {@code bytes}; {@code sourceName} names them in the error. */
    public static String decode(byte[] bytes, String sourceName) throws CorpusFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        try {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                result = decoder.flush(out);
            }
            if (result.isError()) {
                throw CorpusFormatException.inFile(sourceName, "not valid UTF-8: "
                        + (result.isMalformed() ? "malformed" : "unmappable") + " byte sequence at byte offset "
                        + in.position());
            }
            if (result.isOverflow()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw CorpusFormatException.inFile(sourceName, "not valid UTF-8 (" + e.getClass().getSimpleName() + ")");
        }
        out.flip();
        return out.toString();
    }
}
