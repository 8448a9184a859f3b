package org.jnrf.document;

/**
 * A directed relation from a modifier to its anchor, e.g. ADE-Drug with the ADE as modifier (n2c2 Arg1) and the
 * Drug as anchor (n2c2 Arg2).
 *
 * @param id         identifier unique within the document (BRAT "R" id)
 * @param type       relation type, e.g. "ADE-Drug"
 * @param modifierId id of the modifier entity (Arg1)
 * @param anchorId   id of the anchor entity (Arg2)
 * @param confidence model probability, 1.0 for gold annotations
 */
public record RelationMention(String id, String type, String modifierId, String anchorId, double confidence) {
    public RelationMention(String id, String type, String modifierId, String anchorId) {
        this(id, type, modifierId, anchorId, 1.0);
    }
}
