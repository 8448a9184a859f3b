package org.jnrf.network;

/**
 * The network's decision for one (modifier, anchor) pair: the most probable relation type (excluding "no relation")
 * with its probability, and the probability of "no relation". Indices refer to the prediction's entity list.
 */
public record RelationScore(int modifier, int anchor, int relationType, double probability,
                            double noRelationProbability) {
}
