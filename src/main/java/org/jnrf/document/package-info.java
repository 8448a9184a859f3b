/**
 * The plain records every other package exchanges: a document's text with its entity and relation mentions
 * ({@link org.jnrf.document.AnnotatedDocument}, {@code EntityMention}, {@code RelationMention}, {@code TextSpan}),
 * free of UIMA and of the network. Imports nothing else of org.jnrf.
 */
package org.jnrf.document;
