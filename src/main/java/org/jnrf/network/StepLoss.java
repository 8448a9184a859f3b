package org.jnrf.network;

/** Loss of one document: total = tagging + weight x relation; pairs = relation pairs scored. */
public record StepLoss(double total, double tagging, double relation, int pairs) {
}
