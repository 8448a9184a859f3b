/**
 * Our annotations in a CAS: moves entities and relations between a JCas (the generated {@code org.jnrf.type}) and
 * {@link org.jnrf.document.AnnotatedDocument} records, names documents, records per-document errors and finds the
 * sentences of other frameworks' segmenters. Of org.jnrf it may import org.jnrf.document and org.jnrf.type only.
 */
package org.jnrf.cas;
