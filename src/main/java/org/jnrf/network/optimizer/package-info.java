/**
 * Updates of a network's parameters in training: {@link org.jnrf.network.optimizer.Adam} (dense, and lazy for
 * row-sparse embedding tables) and global-norm {@link org.jnrf.network.optimizer.GradientClipping}. May import
 * org.jnrf.network, .layers and .compute; nothing in those imports it.
 */
package org.jnrf.network.optimizer;
