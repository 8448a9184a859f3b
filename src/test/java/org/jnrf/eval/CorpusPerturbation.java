package org.jnrf.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * Writes a seeded, deterministic "system output" for gold BRAT files: entities dropped, shifted by a few characters,
 * retyped, duplicated, widened, spurious ones added; relations dropped, retyped, reversed, spurious ones added. Used
 * to compare the scorer with the official n2c2 script on realistic errors.
 */
final class CorpusPerturbation {
    private final Random random;
    private final List<String> entityTypes;
    private final List<String> relationTypes;

    private CorpusPerturbation(long seed, List<AnnotatedDocument> gold) {
        this.random = new Random(seed);
        TreeSet<String> entities = new TreeSet<>();
        TreeSet<String> relations = new TreeSet<>();
        for (AnnotatedDocument d : gold) {
            d.entities().forEach(e -> entities.add(e.type()));
            d.relations().forEach(r -> relations.add(r.type()));
        }
        this.entityTypes = List.copyOf(entities);
        this.relationTypes = List.copyOf(relations);
    }

    /**
     * Copies the chosen gold {@code .ann} files unchanged to {@code goldOut} and writes their perturbations to
     * {@code predOut}. Documents are processed in file-name order, so the output depends only on the seed.
     */
    static void write(Path sourceFolder, List<String> documentIds, long seed, Path goldOut, Path predOut)
            throws IOException {
        Files.createDirectories(goldOut);
        Files.createDirectories(predOut);
        List<AnnotatedDocument> gold = new ArrayList<>();
        for (String id : new TreeSet<>(documentIds)) {
            Path file = sourceFolder.resolve(id + ".ann");
            gold.add(AnnFileParser.parse(file));
            Files.copy(file, goldOut.resolve(id + ".ann"));
        }
        CorpusPerturbation perturbation = new CorpusPerturbation(seed, gold);
        for (AnnotatedDocument d : gold) {
            Files.writeString(predOut.resolve(d.documentId() + ".ann"), perturbation.perturb(d),
                    StandardCharsets.UTF_8);
        }
    }

    /**
     * The first {@code count} documents of a folder in name order, leaving out those with a mention of more than
     * three fragments: the official script cannot parse these (it reuses the previous line's values).
     */
    static List<String> firstParsableDocuments(Path folder, int count) throws IOException {
        List<String> ids = new ArrayList<>();
        for (AnnotatedDocument d : AnnFolderReader.read(folder)) {
            if (ids.size() < count && d.entities().stream().allMatch(e -> e.fragments().size() <= 3)) {
                ids.add(d.documentId());
            }
        }
        return ids;
    }

    private String perturb(AnnotatedDocument gold) {
        List<EntityMention> entities = new ArrayList<>();
        Map<String, String> newIds = new HashMap<>();
        int maxEnd = 1;
        for (EntityMention e : gold.entities()) {
            maxEnd = Math.max(maxEnd, e.end());
            double x = random.nextDouble();
            if (x < 0.10) {
                continue;
            }
            EntityMention changed = e;
            if (x < 0.25) {
                changed = shifted(e);
            } else if (x < 0.31) {
                changed = new EntityMention(e.id(), otherThan(e.type(), entityTypes), e.fragments(), 1.0);
            } else if (x < 0.35) {
                entities.add(new EntityMention("dup-" + e.id(), e.type(), e.fragments(), 1.0));
            } else if (x < 0.38) {
                changed = new EntityMention(e.id(), e.type(), List.of(new TextSpan(e.begin(),
                        e.end() + 5 + random.nextInt(11))), 1.0);
            }
            newIds.put(e.id(), "T" + (entities.size() + 1));
            entities.add(changed);
        }
        if (random.nextDouble() < 0.3) {
            int begin = random.nextInt(maxEnd);
            entities.add(new EntityMention("spurious", entityTypes.get(random.nextInt(entityTypes.size())),
                    new TextSpan(begin, begin + 3 + random.nextInt(10))));
        }
        StringBuilder ann = new StringBuilder();
        for (int i = 0; i < entities.size(); i++) {
            EntityMention e = entities.get(i);
            ann.append('T').append(i + 1).append('\t').append(e.type()).append(' ');
            for (int f = 0; f < e.fragments().size(); f++) {
                TextSpan span = e.fragments().get(f);
                ann.append(f == 0 ? "" : ";").append(span.begin()).append(' ').append(span.end());
            }
            ann.append("\tx\n");
        }
        int relationNumber = 0;
        for (RelationMention r : gold.relations()) {
            String modifier = newIds.get(r.modifierId());
            String anchor = newIds.get(r.anchorId());
            double y = random.nextDouble();
            if (modifier == null || anchor == null || y < 0.12) {
                continue;
            }
            String type = y < 0.18 ? otherThan(r.type(), relationTypes) : r.type();
            boolean reversed = y >= 0.18 && y < 0.21;
            ann.append('R').append(++relationNumber).append('\t').append(type)
                    .append(" Arg1:").append(reversed ? anchor : modifier)
                    .append(" Arg2:").append(reversed ? modifier : anchor).append('\n');
        }
        if (entities.size() >= 2 && random.nextDouble() < 0.2) {
            int a = random.nextInt(entities.size());
            int b = random.nextInt(entities.size());
            ann.append('R').append(++relationNumber).append('\t')
                    .append(relationTypes.get(random.nextInt(relationTypes.size())))
                    .append(" Arg1:T").append(a + 1).append(" Arg2:T").append(b + 1).append('\n');
        }
        return ann.toString();
    }

    /** Moves a mention by up to three characters: each end on its own, or all fragments together. */
    private EntityMention shifted(EntityMention e) {
        List<TextSpan> fragments = new ArrayList<>();
        if (e.fragments().size() == 1) {
            int begin = Math.max(0, e.begin() + random.nextInt(7) - 3);
            int end = Math.max(begin + 1, e.end() + random.nextInt(7) - 3);
            fragments.add(new TextSpan(begin, end));
        } else {
            int delta = Math.max(-e.begin(), random.nextInt(7) - 3);
            for (TextSpan f : e.fragments()) {
                fragments.add(new TextSpan(f.begin() + delta, f.end() + delta));
            }
        }
        return new EntityMention(e.id(), e.type(), fragments, 1.0);
    }

    private String otherThan(String type, List<String> types) {
        if (types.size() < 2) {
            return type;
        }
        String other;
        do {
            other = types.get(random.nextInt(types.size()));
        } while (other.equals(type));
        return other;
    }
}
