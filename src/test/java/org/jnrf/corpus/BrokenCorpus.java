package org.jnrf.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small BRAT folder with one document for each kind of bad input, and good ones around them. */
final class BrokenCorpus {
    static final String GOOD_TEXT = "Aspirin 81 mg caused severe gastric bleeding.";
    static final String GOOD_ANN = """
            T1\tDrug 0 7\tAspirin
            T2\tStrength 8 13\t81 mg
            A1\tNegated T2
            #1\tAnnotatorNotes T1\tchecked
            T3\tADE 21 27;36 44\tsevere bleeding
            R1\tStrength-Drug Arg1:T2 Arg2:T1
            R2\tADE-Drug Arg1:T3 Arg2:T1
            """;

    private BrokenCorpus() {
    }

    /** Writes the corpus under {@code root} and returns it. */
    static Path write(Path root) throws IOException {
        write(root, "a/good.txt", GOOD_TEXT);
        write(root, "a/good.ann", GOOD_ANN);
        Files.createDirectories(root.resolve("b"));
        Files.write(root.resolve("b/bad-utf8.txt"), "caf\u00e9 Aspirin".getBytes(StandardCharsets.ISO_8859_1));
        write(root, "b/bad-utf8.ann", "T1\tDrug 5 12\tAspirin\n");
        write(root, "bad-line.txt", GOOD_TEXT);
        write(root, "bad-line.ann", "T1\tDrug 0 7\tAspirin\n\nT2 Strength 8 13 81 mg\n");
        write(root, "missing-argument.txt", GOOD_TEXT);
        write(root, "missing-argument.ann", "T1\tDrug 0 7\tAspirin\nR1\tADE-Drug Arg1:T9 Arg2:T1\n");
        write(root, "outside.txt", GOOD_TEXT);
        write(root, "outside.ann", "T1\tDrug 0 7\tAspirin\nT2\tADE 40 400\tbleeding.\n");
        write(root, "unannotated.txt", "Metformin 500 mg twice daily.");
        write(root, "z-orphan.ann", "T1\tDrug 0 7\tAspirin\n");
        return root;
    }

    private static void write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
