package org.jnrf.cli;

import org.jnrf.network.NetworkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --annotate} with the shipped model on two short notes: every line, and the products per piece. */
class AnnotateBenchTest {

    @Test
    void timesAnnotateOnRealNotesAndSaysWhereTheTimeGoes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Patient developed a rash after amoxicillin 500 mg twice daily.\n");
        Files.writeString(dir.resolve("b.txt"), "Metformin 500 mg orally for type 2 diabetes; no adverse events.\n");
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new JnrfCommand());
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("bench", "--annotate", dir.toString(), "--threads", "1");
        assertEquals(0, code, text.toString());
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.get(0).matches("# model=\\S+ members=\\d+ hidden=256 layers=2 expansion=2 window=4 notes=2"
                + " pieces=\\d+ threads=1 compute_threads=\\d+ fourier=\\S+"), lines.get(0));
        String[] expected = {"end_to_end_s=", "predict_s=", "  model_load_s=", "  tokenizing_s=",
                "  fourier_mixing_s=", "  products_at_gemm_rate_s=", "  rest_s=", "  reading_cas_writing_s=",
                "floor_pieces_per_s="};
        assertEquals(expected.length + 1, lines.size(), text.toString());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(lines.get(i + 1).startsWith(expected[i]), lines.get(i + 1));
        }
        // the output tree of the end-to-end run is removed, the notes stay
        assertEquals(2, Files.list(dir).count());
    }

    @Test
    void productsPerPieceOfTheShippedShape() {
        // embedding 384, window 4 (9 x 384 inputs), hidden 256, 2 FNet layers of x2, 17 tags
        NetworkConfig config = new NetworkConfig(30000, 384, 256, 2, 2, true, 256, 64, DataType.FLOAT, 0, 4, false);
        double window = 2.0 * (9 * 384 * 256 + 256 * 256);
        double fnet = 2.0 * 2 * 2 * 256 * 512;
        double tagger = 2.0 * (256 * 256 + 256 * 17);
        assertEquals(window + fnet + tagger, AnnotateBench.flopPerPiece(config, 17), 1e-6);
    }
}
