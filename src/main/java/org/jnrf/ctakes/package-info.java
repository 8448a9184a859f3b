/**
 * cTAKES' types for our annotations: {@link org.jnrf.ctakes.CtakesTypeWriter} mirrors each Entity and EntityRelation
 * as the cTAKES mention or relation that cTAKES' own components would make, with their normalised route, form,
 * strength and frequency. Of org.jnrf it may import only the generated org.jnrf.type.
 */
package org.jnrf.ctakes;
