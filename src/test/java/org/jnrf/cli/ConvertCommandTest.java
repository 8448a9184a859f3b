package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jnrf.corpus.BratAnnParser;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest extends CliTestSupport {
    private static final Path PHEE_DEV = TestModels.PHEE_DEV;

    @TempDir
    Path dir;

    @Test
    void bratToXmiAndBackKeepsEveryAnnotation() throws Exception {
        Path brat = TestModels.copyCorpus(PHEE_DEV, dir.resolve("brat"), 12);
        Path xmi = dir.resolve("xmi");
        Path back = dir.resolve("back");

        assertEquals(0, run("convert", "--from", "brat", "--to", "xmi", brat.toString(), xmi.toString()),
                err.toString());
        assertEquals(12, CorpusFiles.listBySuffix(xmi, ".xmi").size());
        assertEquals(0, run("convert", "--from", "xmi", "--to", "brat", xmi.toString(), back.toString()),
                err.toString());

        for (Path ann : CorpusFiles.listBySuffix(brat, ".ann")) {
            Path annBack = back.resolve(ann.getFileName());
            String text = Files.readString(CorpusFiles.sibling(ann, ".txt"));
            assertEquals(text, Files.readString(CorpusFiles.sibling(annBack, ".txt")));
            assertEquals(keys(parse(ann, text)), keys(parse(annBack, text)), ann.getFileName().toString());
        }
    }

    private static AnnotatedDocument parse(Path ann, String text) throws Exception {
        return BratAnnParser.withoutSurfaceCheck().parse(ann.getFileName().toString(), text, Files.readString(ann),
                ann.toString());
    }

    /** Id-free content of a document: sorted entity (type + fragments) and relation (type + argument) keys. */
    private static List<String> keys(AnnotatedDocument doc) {
        Map<String, EntityMention> byId = doc.entitiesById();
        List<String> keys = new ArrayList<>();
        doc.entities().forEach(e -> keys.add(key(e)));
        doc.relations().forEach(r -> keys.add(r.type() + " " + key(byId.get(r.modifierId())) + " -> "
                + key(byId.get(r.anchorId()))));
        keys.sort(null);
        return keys;
    }

    private static String key(EntityMention e) {
        return e.type() + " " + e.fragments();
    }

    @Test
    void aBrokenDocumentIsReportedAndTheOthersStillConverted() throws Exception {
        Path brat = TestModels.copyCorpus(PHEE_DEV, dir.resolve("brat"), 3);
        Files.writeString(brat.resolve("broken.txt"), "Aspirin.");
        Files.writeString(brat.resolve("broken.ann"), "T1\tDrug 0 99\tAspirin\n");
        Path out = dir.resolve("out");

        assertEquals(3, run("convert", "--from", "brat", "--to", "json", brat.toString(), out.toString()));

        assertEquals(4, CorpusFiles.listBySuffix(out, ".json").size(), "the broken note is still accounted for");
        assertTrue(err.toString().contains("broken"), err.toString());
        List<String> report = Files.readAllLines(out.resolve("errors.tsv"));
        assertEquals(2, report.size(), report.toString());
        assertTrue(report.get(1).startsWith("broken\t"), report.toString());
    }

    @Test
    void anXmiWhoseEntityEndsPastItsTextIsReportedWithoutTextAndTheBatchGoesOn() throws Exception {
        String marker = "ZQXMARKER";
        Path brat = Files.createDirectories(dir.resolve("brat"));
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(brat.resolve(name + ".txt"), "Took " + marker + " aspirin daily.");
            Files.writeString(brat.resolve(name + ".ann"), "T1\tDrug 5 14\t" + marker + "\nT2\tFrequency 23 28\tdaily\n"
                    + "R1\tFrequency-Drug Arg1:T2 Arg2:T1\n");
        }
        Path xmi = dir.resolve("xmi");
        assertEquals(0, run("convert", "--from", "brat", "--to", "xmi", brat.toString(), xmi.toString()),
                err.toString());
        String b = Files.readString(xmi.resolve("b.xmi"));
        assertTrue(b.contains("begin=\"23\" end=\"28\""), b);
        Files.writeString(xmi.resolve("b.xmi"), b.replace("begin=\"23\" end=\"28\"", "begin=\"23\" end=\"280\""));
        Path out = dir.resolve("out");

        assertEquals(3, run("convert", "--from", "xmi", "--to", "brat", xmi.toString(), out.toString()));

        assertEquals(3, CorpusFiles.listBySuffix(out, ".ann").size());
        assertEquals("", Files.readString(out.resolve("b.ann")), "the broken file's annotations are left out");
        assertTrue(Files.readString(out.resolve("c.ann")).contains("R1\tFrequency-Drug Arg1:T2 Arg2:T1"));
        List<String> report = Files.readAllLines(out.resolve("errors.tsv"));
        assertEquals(2, report.size(), report.toString());
        assertTrue(report.get(1).contains("b.xmi: entity T2 ends at 280, after the text (29 characters)"),
                report.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        String conf = Files.readString(out.resolve("annotation.conf"));
        assertTrue(conf.contains("[entities]\nDrug\nFrequency\n"), conf);
        assertTrue(conf.contains("[relations]\nFrequency-Drug\tArg1:Frequency, Arg2:Drug\n"), conf);
        assertTrue(Files.readString(out.resolve("visual.conf")).contains("\nDrug\tbgColor:"));
        assertFalse(err.toString().contains(marker) || out.toString().contains(marker)
                || String.join("\n", report).contains(marker), err.toString());
    }

    @Test
    void aDocumentTheWriterCannotWriteIsReportedAndTheOthersAreConverted() throws Exception {
        Path brat = Files.createDirectories(dir.resolve("brat").resolve("sub"));
        for (Path folder : List.of(brat, brat.getParent())) {
            Files.writeString(folder.resolve("n.txt"), "Took aspirin.");
            Files.writeString(folder.resolve("n.ann"), "T1\tDrug 5 12\taspirin\n");
        }
        Files.writeString(brat.resolve("m.txt"), "Took aspirin.");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("sub"), "a file where the writer needs a folder");

        assertEquals(3, run("convert", "--from", "brat", "--to", "brat", brat.getParent().toString(),
                out.toString()));

        assertEquals("T1\tDrug 5 12\taspirin\n", Files.readString(out.resolve("n.ann")));
        List<String> report = Files.readAllLines(out.resolve("errors.tsv"));
        assertEquals(3, report.size(), report.toString());
        assertEquals("m\tBratWriter\tsub/m.ann: not written (sub is not a folder)", report.get(1));
        assertEquals("n\tBratWriter\tsub/n.ann: not written (sub is not a folder)", report.get(2));
        assertTrue(err.toString().contains("2 document problem(s)"), err.toString());
        assertTrue(Files.readString(out.resolve("annotation.conf")).contains("[entities]\nDrug\n"));
    }

    @Test
    void everyBadBratFileIsReportedWithoutItsText() throws Exception {
        String marker = "ZQXMARKER";
        Path brat = Files.createDirectories(dir.resolve("brat"));
        List<String> bad = List.of("T1\tDrug 5 " + marker + "\taspirin\n", "T1\tDrug 5 12\t" + marker + "\n",
                marker + "\n", "T1\tDrug 5 12\taspirin\nR1\tADE-Drug Arg1:T1 " + marker + "\n");
        for (int i = 0; i < bad.size(); i++) {
            Files.writeString(brat.resolve("bad" + i + ".txt"), "Took aspirin, " + marker + ".");
            Files.writeString(brat.resolve("bad" + i + ".ann"), bad.get(i));
        }
        Files.writeString(brat.resolve("good.txt"), "Took aspirin.");
        Files.writeString(brat.resolve("good.ann"), "T1\tDrug 5 12\taspirin\n");
        Path out = dir.resolve("out");

        assertEquals(3, run("convert", "--from", "brat", "--to", "json", brat.toString(), out.toString()));

        List<String> report = Files.readAllLines(out.resolve("errors.tsv"));
        assertEquals(1 + bad.size(), report.size(), report.toString());
        for (int i = 0; i < bad.size(); i++) {
            assertTrue(report.get(1 + i).startsWith("bad" + i + "\tBratReader\t" + brat.resolve("bad" + i + ".ann")
                    + ", line "), report.get(1 + i));
        }
        assertFalse(err.toString().contains(marker) || out.toString().contains(marker)
                || String.join("\n", report).contains(marker), err.toString());
    }

    @Test
    void missingInputFolderIsAClearError() {
        assertEquals(2, run("convert", "--from", "brat", "--to", "xmi", dir.resolve("nope").toString(),
                dir.resolve("out").toString()));
        assertTrue(err.toString().contains("no such folder: " + dir.resolve("nope")), err.toString());
    }
}
