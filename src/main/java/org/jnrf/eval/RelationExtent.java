package org.jnrf.eval;

/** A relation as the official script compares it: its type and the extents of its two arguments, not their ids. */
record RelationExtent(String type, Extent modifier, Extent anchor) {
    boolean matches(RelationExtent other, MatchMode mode) {
        return type.equals(other.type) && modifier.matches(other.modifier, mode) && anchor.matches(other.anchor, mode);
    }
}
