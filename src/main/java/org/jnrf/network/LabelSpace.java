package org.jnrf.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entity types, the anchor type and relation types, all taken from training data or configuration. Entity type t has
 * BIO tags B = 1 + 2t and I = 2 + 2t, O = 0 ({@link BioScheme}). Relation class 0 is "no relation", class r + 1 is relation type r.
 * {@code modifierTypes[r]} lists the entity types seen as Arg1 of relation type r: a pair whose modifier has another
 * type can never receive class r + 1.
 */
public record LabelSpace(List<String> entityTypes, String anchorType, List<String> relationTypes,
                         boolean[][] modifierAllowed) {
    public LabelSpace {
        entityTypes = List.copyOf(entityTypes);
        relationTypes = List.copyOf(relationTypes);
        if (!entityTypes.contains(anchorType)) {
            throw new IllegalArgumentException("anchor type " + anchorType + " is not among the entity types "
                    + entityTypes);
        }
        if (modifierAllowed.length != relationTypes.size()) {
            throw new IllegalArgumentException("modifierAllowed needs one row per relation type");
        }
        boolean[][] copy = new boolean[modifierAllowed.length][];
        for (int r = 0; r < modifierAllowed.length; r++) {
            if (modifierAllowed[r].length != entityTypes.size()) {
                throw new IllegalArgumentException("modifierAllowed row " + r + " needs one entry per entity type");
            }
            copy[r] = modifierAllowed[r].clone();
        }
        modifierAllowed = copy;
    }

    public int entityTypeCount() {
        return entityTypes.size();
    }

    public int tagCount() {
        return BioScheme.tagCount(entityTypes.size());
    }

    public int anchorTypeIndex() {
        return entityTypes.indexOf(anchorType);
    }

    /** Relation classes including "no relation". */
    public int relationClassCount() {
        return relationTypes.size() + 1;
    }

    public boolean allowed(int relationType, int modifierEntityType) {
        return modifierAllowed[relationType][modifierEntityType];
    }

    /** Whether entities of this type are the modifier of at least one relation type. */
    public boolean isModifierType(int entityType) {
        for (boolean[] row : modifierAllowed) {
            if (row[entityType]) {
                return true;
            }
        }
        return false;
    }

    public String tagName(int tag) {
        if (tag == 0) {
            return "O";
        }
        return ((tag % 2 == 1) ? "B-" : "I-") + entityTypes.get((tag - 1) / 2);
    }

    /** Modifier entity types of a relation type, by name. */
    public List<String> modifierTypes(int relationType) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < entityTypes.size(); t++) {
            if (modifierAllowed[relationType][t]) {
                out.add(entityTypes.get(t));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSpace l && l.entityTypes.equals(entityTypes) && l.anchorType.equals(anchorType)
                && l.relationTypes.equals(relationTypes) && Arrays.deepEquals(l.modifierAllowed, modifierAllowed);
    }

    @Override
    public int hashCode() {
        return entityTypes.hashCode() * 31 + relationTypes.hashCode();
    }

    @Override
    public String toString() {
        return "LabelSpace[entities=" + entityTypes + ", anchor=" + anchorType + ", relations=" + relationTypes + "]";
    }
}
