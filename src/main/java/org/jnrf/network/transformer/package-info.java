/**
 * A BERT-family contextual encoder (word, position and token-type embeddings, then transformer layers of multi-head
 * self-attention and an erf-GELU feed-forward block, each with a residual and LayerNorm) with explicit forward and
 * backward passes, whose weights can start from a pretrained model ({@link org.jnrf.network.transformer.BertShape}
 * names every tensor). It may import org.jnrf.network.compute and org.jnrf.network.layers, never the network that
 * assembles it.
 */
package org.jnrf.network.transformer;
