package org.jnrf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnFileParserTest {
    @TempDir
    Path dir;

    private AnnotatedDocument parse(String... lines) throws Exception {
        Path file = dir.resolve("note-1.ann");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return AnnFileParser.parse(file);
    }

    @Test
    void readsEntitiesRelationsAndDiscontinuousSpans() throws Exception {
        AnnotatedDocument d = parse(
                "R1\tADE-Drug Arg1:T2 Arg2:T1",
                "T1\tDrug 0 7\taspirin",
                "T2\tADE 10 15;20 25;30 33\tbleed ing in gut",
                "A1\tNegated T2",
                "#1\tAnnotatorNotes T1\tnote",
                "",
                "T3\tReason 40 45");
        assertEquals("note-1", d.documentId());
        assertEquals(List.of(new EntityMention("T1", "Drug", new TextSpan(0, 7)),
                new EntityMention("T2", "ADE", List.of(new TextSpan(10, 15), new TextSpan(20, 25),
                        new TextSpan(30, 33)), 1.0),
                new EntityMention("T3", "Reason", new TextSpan(40, 45))), d.entities());
        // arguments in order: first the modifier, then the anchor; forward references allowed
        assertEquals(List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1")), d.relations());
    }

    @Test
    void keepsFragmentsInFileOrder() throws Exception {
        EntityMention e = parse("T2\tADE 66 79;0 40\tx").entities().get(0);
        assertEquals(List.of(new TextSpan(66, 79), new TextSpan(0, 40)), e.fragments());
        assertEquals(66, e.begin());
        assertEquals(40, e.end());
    }

    @Test
    void errorsNameFileAndLine() throws Exception {
        AnnFormatException dangling = assertThrows(AnnFormatException.class,
                () -> parse("T1\tDrug 0 7\tx", "R1\tADE-Drug Arg1:T5 Arg2:T1"));
        assertEquals(2, dangling.line());
        assertTrue(dangling.getMessage().contains("note-1.ann:2") && dangling.getMessage().contains("T5"),
                dangling.getMessage());

        AnnFormatException offset = assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 0 x7\tx"));
        assertTrue(offset.getMessage().endsWith(
                "note-1.ann:1: entity T1: the end offset of fragment 1 is not a non-negative integer"),
                offset.getMessage());
        assertEquals(3, assertThrows(AnnFormatException.class,
                () -> parse("T1\tDrug 0 7\tx", "", "T1\tADE 8 9\ty")).line());
        assertThrows(AnnFormatException.class, () -> parse("T1 Drug 0 7 x"));
        assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 9 7\tx"));
        assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 0 7;9\tx"));
        assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 0 7\tx", "R1\tADE-Drug T1 Arg2:T1"));
        assertEquals(2, assertThrows(AnnFormatException.class,
                () -> parse("T1\tDrug 0 7\tx", "a surface line on its own")).line());
    }

    @Test
    void messagesNameFieldPositionsButNeverQuoteTheLine() {
        String marker = "ZQXMARKER";
        List<List<String>> bad = List.of(
                List.of("T1 Drug 0 7 " + marker),
                List.of("T1\t" + marker),
                List.of("T1\tDrug 0 " + marker + "\tx"),
                List.of("T1\tDrug 0 7 " + marker + "\tx"),
                List.of("T" + marker + "\tDrug 0 7\tx", "T" + marker + "\tDrug 0 7\tx"),
                List.of("T1\tDrug 0 7\tx", "R1\tADE-Drug Arg1:T1 " + marker),
                List.of("T1\tDrug 0 7\tx", "R1\tADE-Drug Arg1:T1 Arg2:" + marker),
                List.of("T1\tDrug 0 7\tx", "R1\tADE-Drug Arg1:T1 Arg2:T1 " + marker),
                List.of("T1\tDrug 0 7\t" + marker, marker + " continues the surface"));
        for (List<String> lines : bad) {
            AnnFormatException e = assertThrows(AnnFormatException.class, () -> parse(lines.toArray(String[]::new)),
                    String.join("|", lines));
            assertTrue(e.getMessage().contains("note-1.ann:"), e.getMessage());
            assertFalse(e.getMessage().contains(marker), e.getMessage());
        }
    }

    @Test
    void aFileNotInUtf8IsNamedWithTheByteOffset() throws Exception {
        Path file = dir.resolve("latin.ann");
        Files.write(file, new byte[] {'T', '1', '\t', (byte) 0xE9});
        AnnFormatException e = assertThrows(AnnFormatException.class, () -> AnnFileParser.parse(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset 3"), e.getMessage());
    }

    @Test
    void folderReaderReportsEveryBadFileAndKeepsTheRest() throws Exception {
        Files.writeString(dir.resolve("a.ann"), "T1\tDrug 0 1\tx\n");
        Files.writeString(dir.resolve("b.ann"), "T1\tDrug x 1\tx\n");
        Files.write(dir.resolve("c.ann"), new byte[] {(byte) 0xFF});
        Files.writeString(dir.resolve("d.ann"), "\uFEFFT1\tDrug 0 1\tx\n");
        AnnFolderReader.Contents contents = AnnFolderReader.readAll(dir);
        assertEquals(List.of("a", "d"), contents.documents().stream().map(AnnotatedDocument::documentId).toList());
        assertEquals(List.of(dir.resolve("b.ann"), dir.resolve("c.ann")),
                contents.problems().stream().map(AnnFormatException::file).toList());
    }

    @Test
    void folderReaderTakesOnlyAnnFilesInNameOrder() throws Exception {
        Files.writeString(dir.resolve("b.ann"), "T1\tDrug 0 1\tx\n");
        Files.writeString(dir.resolve("a.ann"), "");
        Files.writeString(dir.resolve("a.txt"), "text");
        Files.writeString(dir.resolve(".hidden.ann"), "garbage");
        Files.createDirectories(dir.resolve("sub.ann"));
        List<AnnotatedDocument> docs = AnnFolderReader.read(dir);
        assertEquals(List.of("a", "b"), docs.stream().map(AnnotatedDocument::documentId).toList());
    }
}
