/**
 * The training engine without UIMA: {@link org.jnrf.training.Trainer} (one document per step, epochs scored through a
 * TrainingListener, early stopping, checkpoints), gold annotation to token tags and spans (ExampleEncoder), label
 * spaces, class weights, learning-rate schedules, token dropout and weight averaging. May import org.jnrf.document,
 * org.jnrf.text, org.jnrf.model and the org.jnrf.network packages; never UIMA components or the command line.
 */
package org.jnrf.training;
