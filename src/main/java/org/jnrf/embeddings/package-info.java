/**
 * Importing pretrained weights: a BERT-family ONNX model's word-piece table and its Hugging Face vocabulary (from
 * files or a Maven jar, checked and written with their provenance), and whole encoders, found by following the ONNX
 * graph ({@link org.jnrf.embeddings.BertGraph}) and written as a {@link org.jnrf.model.EncoderDirectory}. May import
 * {@code org.jnrf.text}, {@code org.jnrf.model} and {@code org.jnrf.network.transformer}.
 */
package org.jnrf.embeddings;
