package org.jnrf.document;

import java.util.List;

/**
 * An entity mention: its type (Drug, ADE, ...) and one or more character fragments in text order (more than one
 * when the mention is discontinuous, as in n2c2 BRAT files).
 *
 * @param id         identifier unique within the document (BRAT "T" id)
 * @param type       entity type, e.g. "Drug"
 * @param fragments  non-empty, sorted, non-overlapping character spans
 * @param confidence model probability, 1.0 for gold annotations
 */
public record EntityMention(String id, String type, List<TextSpan> fragments, double confidence) {
    public EntityMention {
        if (fragments == null || fragments.isEmpty()) {
            throw new IllegalArgumentException("entity " + id + " has no fragment");
        }
        fragments = List.copyOf(fragments);
    }

    public EntityMention(String id, String type, TextSpan span) {
        this(id, type, List.of(span), 1.0);
    }

    public int begin() {
        return fragments.get(0).begin();
    }

    public int end() {
        return fragments.get(fragments.size() - 1).end();
    }

    /** The covered text, fragments joined by a single space as BRAT writes discontinuous surfaces. */
    public String coveredText(String documentText) {
        StringBuilder sb = new StringBuilder();
        for (TextSpan f : fragments) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(documentText, f.begin(), f.end());
        }
        return sb.toString();
    }
}
