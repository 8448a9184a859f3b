package org.jnrf.network;

/**
 * The entity tagger's BIO tag codes, one definition for training (gold tags) and decoding ({@link BioDecoder}):
 * 0 = O, 2t+1 = B-t, 2t+2 = I-t for entity type t.
 */
public final class BioScheme {
    /** The tag of a token outside every entity. */
    public static final int OUTSIDE = 0;

    private BioScheme() {
    }

    /** Tags of a tagger over {@code entityTypes} types: O, then B and I of each type. */
    public static int tagCount(int entityTypes) {
        return 1 + 2 * entityTypes;
    }

    /** The tag of an entity's first token. */
    public static int begin(int type) {
        return 1 + 2 * type;
    }

    /** The tag of an entity's other tokens. */
    public static int inside(int type) {
        return 2 + 2 * type;
    }

    public static boolean isBegin(int tag) {
        return tag % 2 == 1;
    }

    public static boolean isInside(int tag) {
        return tag > 0 && tag % 2 == 0;
    }

    /** The entity type of a B or I tag; -1 for O. */
    public static int type(int tag) {
        return tag == OUTSIDE ? -1 : (tag - 1) / 2;
    }
}
