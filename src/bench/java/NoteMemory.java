import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;

/**
 * Memory of one long note: joins the .txt notes of a folder (sorted by name, one per line, repeated as needed) into
 * one note of the given number of characters, predicts it once and prints its word pieces, the process's resident
 * memory before the prediction and at its peak (VmHWM), and the heap in use after a collection.
 *
 * <pre>java -Xmx2g -cp target/jnrf-uima-0.1.0-SNAPSHOT-app.jar src/bench/java/NoteMemory.java MODEL.zip FOLDER CHARS</pre>
 */
public final class NoteMemory {
    public static void main(String[] args) throws Exception {
        JnrfModel model = JnrfModel.load(Path.of(args[0]));
        String text = note(Path.of(args[1]), Integer.parseInt(args[2]));
        int pieces = model.tokenizer().tokenize(text).size();
        System.gc();
        long before = status("VmRSS");
        long started = System.nanoTime();
        AnnotatedDocument d = model.predict("long", text, model.defaultOptions());
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = status("VmHWM");
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("networks %d, %d characters, %d word pieces, %d entities, %d relations, %.1f s; resident "
                        + "memory %d MB before, %d MB at the peak (+%.1f KB per word piece); heap after GC %d MB%n",
                model.memberCount(), text.length(), pieces, d.entities().size(), d.relations().size(), seconds,
                before >> 10, peak >> 10, (peak - before) / (double) pieces, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    private static String note(Path folder, int chars) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                texts.add(Files.readString(f).strip());
            }
        }
        StringBuilder note = new StringBuilder();
        for (int i = 0; note.length() < chars; i++) {
            note.append(texts.get(i % texts.size())).append('\n');
        }
        return note.substring(0, chars);
    }

    /** A /proc/self/status field in KB. */
    private static long status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(s -> s.startsWith(field + ":"))
                .mapToLong(s -> Long.parseLong(s.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }
}
