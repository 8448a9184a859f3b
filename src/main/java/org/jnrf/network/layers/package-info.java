/**
 * Layers with explicit forward and backward passes (Linear, Gelu, LayerNorm, Mlp, Embedding, ContextWindow,
 * PositionalEncoding, the FNet block and encoder) and their parameters ({@link org.jnrf.network.layers.Param},
 * Init). A layer holds parameters only; activations live in the caller's Cache. A new layer goes here; it may import
 * org.jnrf.network.compute and .fourier, never the network that assembles the layers.
 */
package org.jnrf.network.layers;
