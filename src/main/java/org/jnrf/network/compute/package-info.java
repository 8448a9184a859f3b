/**
 * Where the arithmetic runs: {@link org.jnrf.network.compute.Kernels} (products and element-wise work) with a host
 * implementation for the CPU backend and an ND4J one for any backend, per-thread working memory (Scratch, Cache),
 * backend detection and thread settings. A new kernel goes into Kernels and both implementations. Imports ND4J and
 * OpenBLAS only, nothing else of org.jnrf.
 */
package org.jnrf.network.compute;
