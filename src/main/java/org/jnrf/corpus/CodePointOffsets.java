package org.jnrf.corpus;

/**
 * Converts between BRAT offsets, which count Unicode code points (BRAT is Python), and Java/UIMA offsets, which count
 * UTF-16 units. They differ only after a character outside the Basic Multilingual Plane (emoji, some symbols); for
 * the common text without one, both directions are the identity and cost nothing.
 */
final class CodePointOffsets {
    private final String text;
    private final boolean identity;
    private final int codePointLength;

    private CodePointOffsets(String text) {
        this.text = text;
        boolean hasSurrogate = false;
        for (int i = 0; i < text.length() && !hasSurrogate; i++) {
            hasSurrogate = Character.isSurrogate(text.charAt(i));
        }
        this.identity = !hasSurrogate;
        this.codePointLength = identity ? text.length() : text.codePointCount(0, text.length());
    }

    static CodePointOffsets of(String text) {
        return new CodePointOffsets(text);
    }

    /** Length of the text in code points: the largest valid BRAT offset. */
    int codePointLength() {
        return codePointLength;
    }

    /** The UTF-16 offset of a code point offset in [0, codePointLength]. */
    int toCharOffset(int codePointOffset) {
        return identity ? codePointOffset : text.offsetByCodePoints(0, codePointOffset);
    }

    /** The code point offset of a UTF-16 offset in [0, text.length()]. */
    int toCodePointOffset(int charOffset) {
        return identity ? charOffset : text.codePointCount(0, charOffset);
    }
}
