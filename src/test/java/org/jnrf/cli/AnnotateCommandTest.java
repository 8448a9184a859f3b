package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.jnrf.corpus.CorpusFiles;
import org.jnrf.uima.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotateCommandTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void twoThreadsWriteExactlyWhatOneThreadWrites() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 16);
        String model = TestModels.trainedModel().toString();

        assertEquals(0, run("annotate", notes.toString(), "--out", dir.resolve("one").toString(), "--model", model,
                "--format", "brat,xmi,json"), err.toString());
        assertEquals(0, run("annotate", notes.toString(), "--out", dir.resolve("two").toString(), "--model", model,
                "--format", "brat,xmi,json", "--threads", "2"), err.toString());

        List<Path> anns = CorpusFiles.listBySuffix(dir.resolve("one"), ".ann");
        assertEquals(16, anns.size());
        assertEquals(16, CorpusFiles.listBySuffix(dir.resolve("one"), ".xmi").size());
        assertEquals(16, CorpusFiles.listBySuffix(dir.resolve("one"), ".json").size());
        int nonEmpty = 0;
        for (Path ann : anns) {
            String one = Files.readString(ann);
            assertEquals(one, Files.readString(dir.resolve("two").resolve(ann.getFileName())), ann.toString());
            nonEmpty += one.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 0, "the model found something in dev notes");
        assertTrue(out.toString().contains("16 notes: "), out.toString());

        // threads inside the matrix products change the speed, not the output
        var computeBefore = org.jnrf.network.compute.ComputeThreads.current();
        assertEquals(0, run("annotate", notes.toString(), "--out", dir.resolve("compute").toString(), "--model",
                model, "--threads", "2", "--compute-threads", "2"), err.toString());
        for (Path ann : anns) {
            assertEquals(Files.readString(ann), Files.readString(dir.resolve("compute").resolve(ann.getFileName())),
                    ann.toString());
        }
        assertEquals(computeBefore, org.jnrf.network.compute.ComputeThreads.current(), "the setting is restored");
        assertEquals(2, run("annotate", notes.toString(), "--out", dir.resolve("none").toString(), "--model",
                model, "--compute-threads", "0"));
        assertTrue(err.toString().contains("--compute-threads must be at least 1"), err.toString());
    }

    @Test
    void aBrokenNoteIsReportedByNameWithExitCode3AndTheOthersAreWritten() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 3);
        Files.write(notes.resolve("broken.txt"), new byte[] {'a', (byte) 0xFF, 'b'});
        Path output = dir.resolve("out");

        int exit = run("annotate", notes.toString(), "--out", output.toString(), "--model",
                TestModels.trainedModel().toString(), "--threads", "2");

        assertEquals(3, exit, err.toString());
        assertEquals(3, CorpusFiles.listBySuffix(output, ".ann").size());
        assertTrue(err.toString().contains("broken"), err.toString());
        assertTrue(Files.readString(output.resolve("errors.tsv")).contains("broken\t"));
    }

    @Test
    void aNoteOverMaxWordPiecesIsReportedWithItsLengthAndTheOthersAreAnnotated() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 2);
        Files.writeString(notes.resolve("long.txt"), "Aspirin 81 mg daily for pain. ".repeat(100));
        Path output = dir.resolve("out");

        int exit = run("annotate", notes.toString(), "--out", output.toString(), "--model",
                TestModels.trainedModel().toString(), "--max-word-pieces", "400");

        assertEquals(3, exit, err.toString());
        List<String> report = Files.readAllLines(output.resolve("errors.tsv"));
        assertEquals(2, report.size(), "header and the long note only: " + report);
        assertTrue(report.get(1).matches("long\tJnrfAnnotator\tnote too long: \\d+ word pieces, more than the "
                + "limit of 400 .*"), report.get(1));
        assertTrue(!report.get(1).contains("Aspirin") && !err.toString().contains("Aspirin"), "no note text");
        for (Path txt : CorpusFiles.listBySuffix(notes, ".txt")) {
            assertTrue(Files.exists(output.resolve(CorpusFiles.baseName(txt) + ".ann")), txt.toString());
        }

        assertEquals(1, run("annotate", notes.toString(), "--out", dir.resolve("zero").toString(), "--model",
                TestModels.trainedModel().toString(), "--max-word-pieces", "0"));
        assertTrue(err.toString().contains("maxWordPieces"), err.toString());
    }

    @Test
    void listsEachNotesFindingsForAFewNotes() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 2);
        assertEquals(0, run("annotate", notes.toString(), "--out", dir.resolve("out").toString(), "--model",
                TestModels.trainedModel().toString()), err.toString());
        String printed = out.toString();
        for (Path note : CorpusFiles.listBySuffix(notes, ".txt")) {
            assertTrue(printed.contains(CorpusFiles.baseName(note) + ": "), printed);
        }
    }

    @Test
    void ensembleMembersCutsAnEnsembleToItsFirstNetworks() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 6);
        org.jnrf.model.JnrfModel single = org.jnrf.model.JnrfModel.load(TestModels.trainedModel());
        Path ensemble = dir.resolve("ensemble.zip");
        org.jnrf.model.JnrfModel.ensemble(List.of(single, single)).withMemberThresholds(List.of(0.0, 1.0))
                .save(ensemble);
        boolean between = false;
        for (Path txt : CorpusFiles.listBySuffix(notes, ".txt")) {
            between |= single.predict("n", Files.readString(txt), new org.jnrf.model.PredictionOptions(0.0, 0))
                    .relations().stream().anyMatch(r -> r.confidence() < 1.0);
        }
        assertTrue(between, "some pair scores below 1, so using the wrong threshold would show");
        assertEquals(0, run("annotate", notes.toString(), "--out", dir.resolve("first").toString(), "--model",
                ensemble.toString(), "--ensemble-members", "1"), err.toString());
        assertEquals(0, run("annotate", notes.toString(), "--out", dir.resolve("single").toString(), "--model",
                TestModels.trainedModel().toString(), "--relation-threshold", "0"), err.toString());
        for (Path ann : CorpusFiles.listBySuffix(dir.resolve("single"), ".ann")) {
            assertEquals(Files.readString(ann), Files.readString(dir.resolve("first").resolve(ann.getFileName())),
                    ann.toString());
        }
        assertEquals(1, run("annotate", notes.toString(), "--out", dir.resolve("none").toString(), "--model",
                ensemble.toString(), "--ensemble-members", "3"));
        assertTrue(err.toString().contains("not a number of networks between 1 and 2"), err.toString());
    }

    @Test
    void missingInputsAndBadOptionsAreClearErrors() {
        assertEquals(2, run("annotate", dir.resolve("nope").toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("no such file or folder: " + dir.resolve("nope")), err.toString());
        assertEquals(2, run("annotate", dir.toString(), "--out", dir.resolve("o").toString(), "--format", "pdf"));
    }

    @Test
    void aNoteThatCannotBeWrittenIsOneReportedLineAndOddNotesAreWritten() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 2);
        String marker = "PLANTEDMARKER";
        Files.writeString(notes.resolve("report.txt"), "Page 1\f" + marker + " Warfarin 5 mg\u0000");
        String longName = "L".repeat(246); // its output fits the 255-byte limit, a temporary name beside it did not
        Files.writeString(notes.resolve(longName + ".txt"), marker + " aspirin");
        String tooLong = "M".repeat(251); // M....json would be 256 bytes
        Files.writeString(notes.resolve(tooLong + ".txt"), marker + " aspirin");
        Path output = dir.resolve("out");

        int exit = run("annotate", notes.toString(), "--out", output.toString(), "--model",
                TestModels.trainedModel().toString(), "--format", "brat,xmi,json", "--summary", "none");

        assertEquals(3, exit, err.toString());
        List<String> rows = Files.readAllLines(output.resolve("errors.tsv"));
        assertEquals(List.of("documentId\tcomponent\tmessage",
                tooLong + "\tJsonWriter\t" + tooLong + ".json: not written (File name too long)"), rows);
        assertEquals(5, CorpusFiles.listBySuffix(output, ".ann").size());
        assertEquals(5, CorpusFiles.listBySuffix(output, ".xmi").size());
        assertEquals(4, CorpusFiles.listBySuffix(output, ".json").size());
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(output.resolve("report.xmi").toFile()); // XML 1.0 despite the form feed and NUL
        assertFalse(err.toString().contains(marker), "note text on stderr: " + err);
        assertFalse(String.join("\n", rows).contains(marker));
    }

    @Test
    void notesUnderLinksAreReadAndLoopsAndDanglingLinksAreReported() throws Exception {
        Path real = TestModels.copyDevNotes(dir.resolve("real"), 1);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.move(real.resolve(CorpusFiles.listBySuffix(TestModels.PHEE_DEV, ".txt").get(0).getFileName()),
                elsewhere.resolve("linked-note.txt"));
        Files.writeString(real.resolve("own.txt"), "Warfarin 5 mg daily.");
        Files.createSymbolicLink(real.resolve("ward"), elsewhere);
        Files.createSymbolicLink(real.resolve("loop"), real);
        Files.createSymbolicLink(real.resolve("gone.txt"), dir.resolve("nowhere.txt"));
        Path notes = Files.createSymbolicLink(dir.resolve("notes"), real);
        Path output = dir.resolve("out");

        int exit = run("annotate", notes.toString(), "--out", output.toString(), "--model",
                TestModels.trainedModel().toString());

        assertEquals(3, exit, err.toString());
        assertTrue(Files.exists(output.resolve("own.ann")));
        assertTrue(Files.exists(output.resolve("ward/linked-note.ann")));
        List<String> rows = Files.readAllLines(output.resolve("errors.tsv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("gone\tPlainTextReader\t" + notes.resolve("gone.txt") + ": symbolic link"),
                rows.get(1));
        assertTrue(rows.get(2).startsWith("loop\tPlainTextReader\t" + notes.resolve("loop")
                + ": symbolic link loop"), rows.get(2));
    }

    @Test
    void refusesAnOutputFolderHoldingTheInputsOrACorpusUnlessTold() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 1);
        String model = TestModels.trainedModel().toString();
        assertEquals(2, run("annotate", notes.toString(), "--out", notes.toString(), "--model", model));
        assertTrue(err.toString().contains("holds the input note"), err.toString());
        assertTrue(err.toString().contains("--overwrite-inputs"), err.toString());
        assertEquals(List.of(), CorpusFiles.listBySuffix(notes, ".ann"));
        // a folder above the inputs holds them too
        assertEquals(2, run("annotate", notes.toString(), "--out", dir.toString(), "--model", model));

        Path gold = TestModels.copyCorpus(TestModels.PHEE_DEV, dir.resolve("gold"), 2);
        Path goldAnn = CorpusFiles.listBySuffix(gold, ".ann").get(0);
        String goldBefore = Files.readString(goldAnn);
        Files.copy(goldAnn.resolveSibling(CorpusFiles.baseName(goldAnn) + ".txt"),
                notes.resolve(CorpusFiles.baseName(goldAnn) + ".txt"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(2, run("annotate", notes.toString(), "--out", gold.toString(), "--model", model));
        assertTrue(err.toString().contains(".ann file(s) that are not the outputs of an earlier run"),
                err.toString());
        assertEquals(goldBefore, Files.readString(goldAnn));

        // an earlier run's folder is written again; told so, the corpus folder is too
        Path output = dir.resolve("out");
        assertEquals(0, run("annotate", notes.toString(), "--out", output.toString(), "--model", model),
                err.toString());
        assertEquals(0, run("annotate", notes.toString(), "--out", output.toString(), "--model", model),
                err.toString());
        assertEquals(0, run("annotate", notes.toString(), "--out", gold.toString(), "--model", model,
                "--overwrite-inputs"), err.toString());
        assertEquals(Files.readString(output.resolve(goldAnn.getFileName())), Files.readString(goldAnn));
    }
}
