import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jnrf.corpus.StrictUtf8;
import org.jnrf.model.JnrfModel;

/**
 * The notes and word pieces (the model's tokens) of the .txt files in a folder, searched recursively: the work a
 * throughput figure divides by (docs/BENCHMARKS.md, "Spark local mode").
 *
 * <pre>java -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/WordPieceCount.java MODEL.zip FOLDER</pre>
 */
public final class WordPieceCount {
    public static void main(String[] args) throws Exception {
        JnrfModel model = JnrfModel.load(Path.of(args[0]));
        List<Path> notes;
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            notes = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        long pieces = 0;
        long characters = 0;
        for (Path note : notes) {
            String text = StrictUtf8.read(note);
            characters += text.length();
            pieces += model.tokenizer().tokenize(text).size();
        }
        System.out.printf("%d notes, %d characters, %d word pieces%n", notes.size(), characters, pieces);
    }
}
