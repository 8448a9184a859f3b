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
        assertTrue(lines.get(0).matches("# model=\\S+ members=\\d+ hidden=\\d+ layers=\\d+ expansion=\\d+ window=\\d+ notes=2"
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
        // the window's first layer once per distinct piece: 1000 pieces, 150 distinct
        double first = 2.0 * 9 * 384 * 256;
        assertEquals(1000 * (window + fnet + tagger - first) + 150 * first, AnnotateBench.flop(config, 17, 1000, 150),
                1e-3);
    }

    @Test
    void productsOfAnEncoderNetworkFollowItsWindows() {
        // all-MiniLM-L6-v2's shape, heads of width 256 without FNet layers, 15 tags
        org.jnrf.network.transformer.BertShape shape = new org.jnrf.network.transformer.BertShape(30522, 512, 2, 384,
                6, 12, 1536, 1e-12);
        NetworkConfig config = new NetworkConfig(30522, 384, 256, 0, 2, true, 256, 64, DataType.FLOAT, 0, 0, true,
                new org.jnrf.network.ContextualEncoderConfig(shape, 101, 102, 32));
        double heads = 2.0 * (384 * 256 + 256 * 256 + 256 * 15);
        // a short note: one window of 100 + 2 positions
        double shortNote = 6 * (102.0 * (8 * 384 * 384 + 4 * 384 * 1536) + 4 * 102.0 * 102 * 384);
        assertEquals(shortNote + 100 * heads, AnnotateBench.flop(config, 15, 100, 60), 1e-3);
        // 1000 pieces at margin 32: windows [0, 510), [446, 956), [490, 1000), each of 512 positions
        double window = 6 * (512.0 * (8 * 384 * 384 + 4 * 384 * 1536) + 4 * 512.0 * 512 * 384);
        assertEquals(3 * window + 1000 * heads, AnnotateBench.flop(config, 15, 1000, 300), 1e-3);
        // about 26 MFLOP per piece in the encoder for full windows (the figure)
        assertEquals(26.0, window / 510 / 1e6, 0.7);
    }
}
