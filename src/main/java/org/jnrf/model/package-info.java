/**
 * A trained model: {@link org.jnrf.model.JnrfModel} turns a note's text into entity and relation mentions through
 * the tokenizer and one network or an ensemble, and reads and writes the model file (config, vocabulary, weights).
 * May import org.jnrf.document, org.jnrf.text, the org.jnrf.network packages and org.jnrf.corpus (atomic file
 * writes); never UIMA components, training or the command line.
 */
package org.jnrf.model;
