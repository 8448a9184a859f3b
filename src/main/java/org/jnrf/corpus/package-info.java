/**
 * Corpus readers and writers: uimaFIT collection readers and writer components (BRAT, XMI, plain text, JSON,
 * JSON Lines, the error report) and the UIMA-free BRAT access of the trainer and scorer; a new format's reader or
 * writer goes here and into {@link org.jnrf.corpus.CorpusFormat}. May import org.jnrf.document, org.jnrf.cas and
 * org.jnrf.type; never the network or the model.
 */
package org.jnrf.corpus;
