package org.jnrf.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * Long training documents cut into parts at blank lines, each part a training document of its own: a drug label of
 * 60k characters then gives dozens of optimizer steps an epoch instead of one. A network whose only context is its
 * encoder's window (no Fourier layer over the whole document) sees each piece in the same context either way, so the
 * parts cost what the whole document costs and give many more updates. A cut is made only where no entity spans it;
 * a relation whose two entities fall into different parts is left out and counted.
 */
final class DocumentParts {
    /** A run of line breaks with only blanks between them; a part may start after its last line break. */
    private static final Pattern BLANK_LINE = Pattern.compile("\n\\s*\n");

    /** The parts and what the cuts cost. */
    record Split(List<AnnotatedDocument> documents, int documentsCut, int relationsLeftOut) {
    }

    private DocumentParts() {
    }

    /**
     * Each document longer than {@code maxChars} as consecutive parts of at most about {@code maxChars} characters
     * (a paragraph longer than that stays whole); shorter documents as they are.
     */
    static Split split(List<AnnotatedDocument> documents, int maxChars) {
        if (maxChars <= 0) {
            return new Split(documents, 0, 0);
        }
        List<AnnotatedDocument> parts = new ArrayList<>();
        int cut = 0;
        int leftOut = 0;
        for (AnnotatedDocument d : documents) {
            List<int[]> bounds = bounds(d, maxChars);
            if (bounds.size() == 1) {
                parts.add(d);
                continue;
            }
            cut++;
            int kept = 0;
            for (int i = 0; i < bounds.size(); i++) {
                AnnotatedDocument part = part(d, bounds.get(i)[0], bounds.get(i)[1], i);
                kept += part.relations().size();
                parts.add(part);
            }
            leftOut += d.relations().size() - kept;
        }
        return new Split(parts, cut, leftOut);
    }

    /**
     * [begin, end) of each part, greedily: a part ends at the last allowed cut before the next allowed cut would make
     * it longer than maxChars (the last part takes the rest).
     */
    private static List<int[]> bounds(AnnotatedDocument d, int maxChars) {
        String text = d.text();
        List<int[]> bounds = new ArrayList<>();
        if (text.length() <= maxChars) {
            bounds.add(new int[] {0, text.length()});
            return bounds;
        }
        int start = 0;
        int lastAllowed = -1;
        Matcher m = BLANK_LINE.matcher(text);
        while (m.find()) {
            int c = m.end();
            if (c >= text.length() || insideAnEntity(d, c)) {
                continue;
            }
            if (c - start > maxChars && lastAllowed > start) {
                bounds.add(new int[] {start, lastAllowed});
                start = lastAllowed;
            }
            lastAllowed = c;
        }
        bounds.add(new int[] {start, text.length()});
        return bounds;
    }

    private static boolean insideAnEntity(AnnotatedDocument d, int cut) {
        for (EntityMention e : d.entities()) {
            if (e.begin() < cut && cut < e.end()) {
                return true;
            }
        }
        return false;
    }

    /** The entities inside [begin, end) moved to the part's offsets, and the relations between them. */
    private static AnnotatedDocument part(AnnotatedDocument d, int begin, int end, int index) {
        List<EntityMention> entities = new ArrayList<>();
        for (EntityMention e : d.entities()) {
            if (e.begin() >= begin && e.end() <= end) {
                List<TextSpan> fragments = new ArrayList<>();
                for (TextSpan f : e.fragments()) {
                    fragments.add(new TextSpan(f.begin() - begin, f.end() - begin));
                }
                entities.add(new EntityMention(e.id(), e.type(), fragments, e.confidence()));
            }
        }
        Set<String> ids = new HashSet<>();
        entities.forEach(e -> ids.add(e.id()));
        List<RelationMention> relations = new ArrayList<>();
        for (RelationMention r : d.relations()) {
            if (ids.contains(r.modifierId()) && ids.contains(r.anchorId())) {
                relations.add(r);
            }
        }
        return new AnnotatedDocument(d.documentId() + " (part " + (index + 1) + ")", d.text().substring(begin, end),
                entities, relations);
    }
}
