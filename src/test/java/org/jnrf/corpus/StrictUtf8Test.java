package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictUtf8Test {
    @Test
    void readsUtf8IncludingSupplementaryCharacters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "na\u00efve \uD83D\uDE00\n", StandardCharsets.UTF_8);
        assertEquals("na\u00efve \uD83D\uDE00\n", StrictUtf8.read(file));
    }

    @Test
    void malformedInputNamesFileAndByteOffset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> StrictUtf8.read(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().startsWith(file + ": not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().endsWith("at byte offset 3"), e.getMessage());
    }

    @Test
    void truncatedSequenceAtTheEndIsAnError() {
        byte[] bytes = {'o', 'k', (byte) 0xE2, (byte) 0x82};
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> StrictUtf8.decode(bytes, "t"));
        assertTrue(e.getMessage().contains("byte offset 2"), e.getMessage());
    }
}
