package org.jnrf.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models in resources/models load exactly as they did before the model reader checked sizes and limits: the
 * digests below were taken with the earlier reader (commit b87c038) over everything a loaded model predicts from
 * (configuration, vocabulary, every network's tensors), so the same digest means the same predictions.
 */
class ShippedModelsTest {
    @ParameterizedTest
    @CsvSource({
            "jnrf-phee-fnet-ensemble.zip, 1ab5b8713e8813291ba00f9de2a8166fea7f4d5100fcb4242f51dcb4932b6cc0",
            "jnrf-tac2017-fnet.zip, 7b4e2588e15e1aa644b6c5f99978d01f49d19d4eb282d52e7d52cc3245019ccf"})
    void loadsTheSameAsBefore(String file, String expected) throws Exception {
        JnrfModel model = JnrfModel.load(Path.of("resources", "models", file));
        // settings added after these models (a pair window, a later sentence rule) are absent: they read as before
        assertNull(model.config().pairWindow());
        assertEquals(1, model.config().sentenceRuleVersion());
        assertEquals(expected, digest(model));
    }

    /** The default model since issue 16 (a fine-tuned encoder network) loads as it was shipped. */
    @org.junit.jupiter.api.Test
    void theDefaultModelLoadsAsShipped() throws Exception {
        JnrfModel model = JnrfModel.load(Path.of("resources", "models", "jnrf-phee-default.zip"));
        assertEquals(4, model.config().encoder().shape().layers());
        assertEquals(32, model.config().encoder().margin());
        assertTrue(model.config().encoderNotice().contains("Apache-2.0"), "the encoder's licence travels with it");
        assertEquals("49db09e17751dc32430f58fc1f400655c1b42b339b6e35c38aeb8166ba7617e0", digest(model));
    }

    /** The TAC model since issue 17 (the encoder recipe on drug labels) loads as it was shipped. */
    @org.junit.jupiter.api.Test
    void theTacModelLoadsAsShipped() throws Exception {
        JnrfModel model = JnrfModel.load(Path.of("resources", "models", "jnrf-tac2017.zip"));
        assertEquals("AdverseReaction", model.config().anchorType());
        assertEquals(4, model.config().encoder().shape().layers());
        assertTrue(model.config().encoderNotice().contains("Apache-2.0"));
        assertTrue(model.config().encoderNotice().contains("the encoder of the JNRF model jnrf-phee-default.zip"),
                "trained from the default model's encoder (train --encoder-from-model)");
        assertEquals("305839554d33bb7129ee9c0d5047492c72424493af527e576dfc67991b58b4f4", digest(model));
    }

    static String digest(JnrfModel model) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        // the configuration as written when the digests were taken: settings added since, absent, are left out
        String config = model.config().toString().replace(", encoder=null", "")
                .replace(", pairWindow=null, sentenceRule=null", "").replace(", encoderNotice=null", "");
        sha.update(config.getBytes(StandardCharsets.UTF_8));
        sha.update(String.join("\n", model.vocabulary().pieces()).getBytes(StandardCharsets.UTF_8));
        for (List<Tensor> member : model.memberWeights()) {
            for (Tensor t : member) {
                sha.update(t.name().getBytes(StandardCharsets.UTF_8));
                ByteBuffer b = ByteBuffer.allocate(8 * t.shape().length + 4 * t.data().length)
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (long d : t.shape()) {
                    b.putLong(d);
                }
                for (float f : t.data()) {
                    b.putFloat(f);
                }
                sha.update(b.array());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
