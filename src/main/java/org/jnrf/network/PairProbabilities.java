package org.jnrf.network;

/**
 * The relation class probabilities of one (modifier, anchor) pair: index 0 is "no relation", index r + 1 relation
 * type r; classes the modifier's type does not allow have probability 0. Indices refer to the entity list scored.
 */
public record PairProbabilities(int modifier, int anchor, double[] classProbabilities) {
}
