package org.jnrf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(offset.getMessage().endsWith("note-1.ann:1: entity T1: offset 'x7' is not a non-negative integer"),
                offset.getMessage());
        assertEquals(3, assertThrows(AnnFormatException.class,
                () -> parse("T1\tDrug 0 7\tx", "", "T1\tADE 8 9\ty")).line());
        assertThrows(AnnFormatException.class, () -> parse("T1 Drug 0 7 x"));
        assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 9 7\tx"));
        assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 0 7;9\tx"));
        assertThrows(AnnFormatException.class, () -> parse("T1\tDrug 0 7\tx", "R1\tADE-Drug T1 Arg2:T1"));
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
