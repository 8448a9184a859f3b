package org.jnrf.document;

import java.util.regex.Pattern;

/**
 * How error messages name an annotation id read from a file. A malformed line can put note text where the id
 * belongs, and messages must never carry note text, so an id is shown only when it has BRAT's usual form: one letter
 * or '#' and a number ({@code T12}, {@code R3}).
 */
public final class AnnotationIds {
    private static final Pattern USUAL = Pattern.compile("[A-Za-z#][0-9]{1,9}");

    private AnnotationIds() {
    }

    /** {@code id} itself when it has the usual form, else a placeholder that quotes nothing of it. */
    public static String forMessage(String id) {
        return id != null && USUAL.matcher(id).matches() ? id : "(an id not of the form T12)";
    }
}
