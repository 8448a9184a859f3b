/**
 * The n2c2 2018 Track 2 scorer ({@link org.jnrf.eval.N2c2Scorer}: the official script's matching, table and JSON)
 * and scoring a model on gold documents (model evaluation, relation threshold tuning). May import org.jnrf.document,
 * org.jnrf.corpus (strict UTF-8 reading) and org.jnrf.model.
 */
package org.jnrf.eval;
