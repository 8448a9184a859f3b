package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.testing.TestCorpora;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Minimal BRAT reading for tests (the product's reader lives in org.jnrf.corpus). */
final class BratFixtures {
    static final Path PHEE_TRAIN = TestCorpora.PHEE_TRAIN;

    private BratFixtures() {
    }

    static List<AnnotatedDocument> read(Path dir, int limit) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> texts = files.filter(p -> p.toString().endsWith(".txt")).sorted().limit(limit).toList();
            List<AnnotatedDocument> docs = new ArrayList<>();
            for (Path txt : texts) {
                String text = Files.readString(txt, StandardCharsets.UTF_8);
                Path ann = txt.resolveSibling(txt.getFileName().toString().replace(".txt", ".ann"));
                List<EntityMention> entities = new ArrayList<>();
                List<RelationMention> relations = new ArrayList<>();
                for (String line : Files.readAllLines(ann, StandardCharsets.UTF_8)) {
                    String[] cols = line.split("\t");
                    if (line.startsWith("T")) {
                        String[] typeAndSpans = cols[1].split(" ", 2);
                        List<TextSpan> spans = new ArrayList<>();
                        for (String s : typeAndSpans[1].split(";")) {
                            String[] be = s.split(" ");
                            spans.add(new TextSpan(Integer.parseInt(be[0]), Integer.parseInt(be[1])));
                        }
                        entities.add(new EntityMention(cols[0], typeAndSpans[0], spans, 1.0));
                    } else if (line.startsWith("R")) {
                        String[] parts = cols[1].split(" ");
                        relations.add(new RelationMention(cols[0], parts[0], parts[1].substring(5),
                                parts[2].substring(5)));
                    }
                }
                docs.add(new AnnotatedDocument(txt.getFileName().toString().replace(".txt", ""), text, entities,
                        relations));
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
