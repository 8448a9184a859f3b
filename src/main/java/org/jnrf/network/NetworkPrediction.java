package org.jnrf.network;

import java.util.List;

/** Output of the network for one document: per-token tag probabilities, decoded entities and relation decisions. */
public record NetworkPrediction(float[][] tagProbabilities, List<EntitySpan> entities,
                                List<RelationScore> relations) {
}
