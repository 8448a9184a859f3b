/**
 * Importing pretrained subword embeddings: reading a BERT-family ONNX model's word-piece table and its Hugging Face
 * vocabulary from files or a Maven jar, checking the table and writing it with its provenance. May import
 * {@code org.jnrf.text}; nothing else of JNRF.
 */
package org.jnrf.embeddings;
