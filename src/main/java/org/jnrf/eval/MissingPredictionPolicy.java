package org.jnrf.eval;

/** What to do with a gold document that has no prediction. */
public enum MissingPredictionPolicy {
    /** Score it against an empty prediction: every gold mention is a false negative. */
    COUNT_AS_EMPTY,
    /** Leave it out of every figure, as the official n2c2 script does with files missing from one folder. */
    SKIP
}
