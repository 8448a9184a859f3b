package org.jnrf.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchFusedKernelsTest {
    @Test
    void timesEachFusedKernelAgainstTheSeparateOnes() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new JnrfCommand()).execute("bench", "--fused-kernels", "--lengths", "64,96",
                    "--hidden", "32", "--expansion", "2", "--runs", "3", "--threads", "1");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code);
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("L=")).toList();
        assertEquals(6, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("L=64 bias_gelu_ms separate=\\d+\\.\\d\\d fused=\\d+\\.\\d\\d "
                + "fused_inference=\\d+\\.\\d\\d"), lines.get(0));
        assertTrue(lines.get(4).startsWith("L=96 gelu_backward_bias_grad_ms separate="), lines.get(4));
        assertTrue(lines.get(5).startsWith("L=96 residual_layernorm_ms separate="), lines.get(5));
    }
}
