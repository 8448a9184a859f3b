package org.jnrf.network;

/** A gold relation: indices of its modifier and anchor in the example's entity list, and its relation type index. */
public record RelationPair(int modifier, int anchor, int relationType) {
}
