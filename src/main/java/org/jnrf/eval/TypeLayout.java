package org.jnrf.eval;

/** Which entity and relation types get a row of their own in the report. */
public enum TypeLayout {
    /** {@link #N2C2} when every gold entity and relation type is an n2c2 2018 type, otherwise {@link #DATA}. */
    AUTO,
    /** The official script's fixed rows: the nine n2c2 entity types and eight relation types, in its order. */
    N2C2,
    /** One row per type found in the gold or predicted annotations, in alphabetical order. */
    DATA
}
