package org.jnrf.eval;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The n2c2 2018 Track 2 types, in the row order of the official evaluation script, and its row labels. */
public final class N2c2Schema {
    public static final List<String> ENTITY_TYPES = List.of(
            "Drug", "Strength", "Duration", "Route", "Form", "ADE", "Dosage", "Reason", "Frequency");
    public static final List<String> RELATION_TYPES = List.of(
            "Strength-Drug", "Dosage-Drug", "Duration-Drug", "Frequency-Drug", "Form-Drug", "Route-Drug",
            "Reason-Drug", "ADE-Drug");

    private static final Set<String> ENTITY_TYPE_SET = Set.copyOf(ENTITY_TYPES);
    private static final Set<String> RELATION_TYPE_SET = Set.copyOf(RELATION_TYPES);

    private N2c2Schema() {
    }

    public static boolean isEntityType(String type) {
        return ENTITY_TYPE_SET.contains(type);
    }

    public static boolean isRelationType(String type) {
        return RELATION_TYPE_SET.contains(type);
    }

    /** The official label of an entity row: the type capitalized the Python way, so "ADE" prints as "Ade". */
    static String officialEntityLabel(String type) {
        return type.isEmpty() ? type
                : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The official label of a relation row: "ADE-Drug" prints as "ADE -> Drug". */
    static String officialRelationLabel(String type) {
        String[] parts = type.split("-", -1);
        return parts[0] + " -> " + officialEntityLabel(parts[1]);
    }

    /** Label of a relation row for other schemas: "A-B" as "A -> B", a name without hyphen as it is. */
    static String dataRelationLabel(String type) {
        int hyphen = type.indexOf('-');
        return hyphen < 0 ? type : type.substring(0, hyphen) + " -> " + type.substring(hyphen + 1);
    }
}
