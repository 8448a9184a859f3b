/**
 * The UIMA and uimaFIT components: {@link org.jnrf.uima.JnrfAnnotator}, the {@code JnrfTrainer} engine, the shared
 * model resource and model locations, the CPE runner and the descriptor generator. May import every org.jnrf
 * package but org.jnrf.cli.
 */
package org.jnrf.uima;
