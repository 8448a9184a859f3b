package org.jnrf.eval;

import org.jnrf.document.EntityMention;

/**
 * What the official script keeps of an entity: its type, the first offset of its first fragment and the last offset
 * of its last fragment. A discontinuous mention is scored as the whole range it spans.
 */
record Extent(String type, int begin, int end) {
    static Extent of(EntityMention mention) {
        return new Extent(mention.type(), mention.begin(), mention.end());
    }

    boolean matches(Extent other, MatchMode mode) {
        return type.equals(other.type) && mode.spansMatch(begin, end, other.begin, other.end);
    }
}
