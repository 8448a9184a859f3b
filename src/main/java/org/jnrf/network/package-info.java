/**
 * The JNRF network: {@link org.jnrf.network.JnrfNetwork} (token ids in; tag probabilities, entity spans, relation
 * scores and the training loss out), its relation head (RelationHead, SpanPooling, PairScorer, SoftmaxCrossEntropy),
 * BIO decoding and the records it takes and returns. It knows token ids, not text: of org.jnrf it may import
 * org.jnrf.network.layers, .fourier and .compute only.
 */
package org.jnrf.network;
