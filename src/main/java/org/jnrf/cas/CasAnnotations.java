package org.jnrf.cas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityFragment;
import org.jnrf.type.EntityRelation;

/**
 * Moves entities and relations between a JCas and the {@link AnnotatedDocument} records.
 *
 * <p>In the CAS an {@link Entity} covers its whole mention: begin = first fragment's begin, end = last fragment's
 * end. Its {@code fragments} feature is set only for a discontinuous mention (two or more fragments), with one
 * {@link EntityFragment} per piece in text order; a contiguous mention has {@code fragments == null}, as the type
 * system describes. This keeps the common case (almost all mentions) at one feature structure and lets any
 * UIMA tool that only knows begin/end show contiguous mentions exactly. Fragments are not added to the indexes
 * (they are reached through their entity, and XMI keeps them), so selecting annotations does not see them twice.
 * {@code sourceId} holds the record's id (the BRAT T or R id).
 *
 * <p>An {@link EntityRelation} has {@code arg1} = modifier (n2c2 Arg1), {@code arg2} = anchor (n2c2 Arg2, e.g. the
 * Drug), and spans from the earlier argument's begin to the later argument's end, so relations can be selected by
 * text region.
 *
 * <p>Reading back, ids are the {@code sourceId}s when present and unique; entities without one get {@code T1},
 * {@code T2}, ... and relations {@code R1}, ... (skipping numbers already used), in index order, so the same CAS
 * always gives the same ids.
 */
public final class CasAnnotations {
    private CasAnnotations() {
    }

    /** What one {@link #addAnnotations} call added: entities by mention id, and relations, both in the given order. */
    public record Added(Map<String, Entity> entities, List<EntityRelation> relations) {
    }

    /**
     * Adds {@code document}'s entities and relations to the CAS. Sets the CAS's document text from the document when
     * the CAS has none yet; otherwise the two texts must be equal.
     *
     * @return the added entities by mention id, in document order
     * @throws IllegalArgumentException when the texts differ, a span lies outside the text, two entities share an id
     *                                  or a relation names an entity that is not in the document; nothing is added
     */
    public static Map<String, Entity> write(JCas jcas, AnnotatedDocument document) {
        String casText = jcas.getDocumentText();
        if (casText == null) {
            jcas.setDocumentText(document.text());
        } else if (!casText.equals(document.text())) {
            throw new IllegalArgumentException("document " + document.documentId()
                    + ": its text differs from the CAS's document text");
        }
        return addAnnotations(jcas, document.entities(), document.relations()).entities();
    }

    /**
     * Adds entities and relations to a CAS that already holds their document text; relations refer to entities by
     * the mention ids in {@code entities}.
     *
     * @return the added entities and relations
     * @throws IllegalArgumentException as {@link #write}; nothing is added then
     */
    public static Added addAnnotations(JCas jcas, List<EntityMention> entities, List<RelationMention> relations) {
        int textLength = jcas.getDocumentText() == null ? 0 : jcas.getDocumentText().length();
        Set<String> ids = new HashSet<>();
        for (EntityMention mention : entities) {
            if (!ids.add(mention.id())) {
                throw new IllegalArgumentException("duplicate entity id " + mention.id());
            }
            for (TextSpan fragment : mention.fragments()) {
                if (fragment.end() > textLength) {
                    throw new IllegalArgumentException("entity " + mention.id() + " ends at " + fragment.end()
                            + ", after the end of the text (" + textLength + ")");
                }
            }
        }
        for (RelationMention relation : relations) {
            if (!ids.contains(relation.modifierId()) || !ids.contains(relation.anchorId())) {
                throw new IllegalArgumentException("relation " + relation.id() + " names an entity ("
                        + relation.modifierId() + " or " + relation.anchorId() + ") that is not given");
            }
        }
        Map<String, Entity> added = new LinkedHashMap<>();
        for (EntityMention mention : entities) {
            added.put(mention.id(), addEntity(jcas, mention));
        }
        List<EntityRelation> addedRelations = new ArrayList<>(relations.size());
        for (RelationMention relation : relations) {
            addedRelations.add(addRelation(jcas, relation, added.get(relation.modifierId()),
                    added.get(relation.anchorId())));
        }
        return new Added(added, addedRelations);
    }

    /** Adds one entity to the indexes (see the class comment for its layout) and returns it. */
    public static Entity addEntity(JCas jcas, EntityMention mention) {
        List<TextSpan> fragments = mention.fragments().stream().sorted().toList();
        int begin = fragments.get(0).begin();
        int end = fragments.stream().mapToInt(TextSpan::end).max().orElseThrow();
        Entity entity = new Entity(jcas, begin, end);
        entity.setCategory(mention.type());
        entity.setConfidence(mention.confidence());
        entity.setSourceId(mention.id());
        if (fragments.size() > 1) {
            FSArray<EntityFragment> array = new FSArray<>(jcas, fragments.size());
            for (int i = 0; i < fragments.size(); i++) {
                array.set(i, new EntityFragment(jcas, fragments.get(i).begin(), fragments.get(i).end()));
            }
            entity.setFragments(array);
        }
        entity.addToIndexes();
        return entity;
    }

    /** Adds one relation from {@code modifier} (arg1) to {@code anchor} (arg2) to the indexes and returns it. */
    public static EntityRelation addRelation(JCas jcas, RelationMention relation, Entity modifier, Entity anchor) {
        Objects.requireNonNull(modifier, "modifier");
        Objects.requireNonNull(anchor, "anchor");
        EntityRelation annotation = new EntityRelation(jcas, Math.min(modifier.getBegin(), anchor.getBegin()),
                Math.max(modifier.getEnd(), anchor.getEnd()));
        annotation.setCategory(relation.type());
        annotation.setArg1(modifier);
        annotation.setArg2(anchor);
        annotation.setConfidence(relation.confidence());
        annotation.setSourceId(relation.id());
        annotation.addToIndexes();
        return annotation;
    }

    /**
     * The CAS's entities and relations as a document: document id from its {@link SourceDocuments source document}
     * (empty when it has none), text = the document text (empty when unset). Entities and relations come in index
     * order (by begin, then longer first).
     *
     * @throws IllegalStateException when a relation's argument is missing or is not an indexed entity
     */
    public static AnnotatedDocument read(JCas jcas) {
        String documentId = SourceDocuments.name(jcas).map(DocumentName::documentId).orElse("");
        String text = jcas.getDocumentText() == null ? "" : jcas.getDocumentText();

        List<Entity> entityAnnotations = jcas.select(Entity.class).asList();
        List<String> entityIds = assignIds(entityAnnotations.stream().map(Entity::getSourceId).toList(), "T");
        Map<Entity, String> idOfEntity = new IdentityHashMap<>();
        List<EntityMention> entities = new ArrayList<>(entityAnnotations.size());
        for (int i = 0; i < entityAnnotations.size(); i++) {
            Entity entity = entityAnnotations.get(i);
            idOfEntity.put(entity, entityIds.get(i));
            entities.add(new EntityMention(entityIds.get(i), entity.getCategory(), fragments(entity),
                    entity.getConfidence()));
        }

        List<EntityRelation> relationAnnotations = jcas.select(EntityRelation.class).asList();
        List<String> relationIds = assignIds(relationAnnotations.stream().map(EntityRelation::getSourceId).toList(),
                "R");
        List<RelationMention> relations = new ArrayList<>(relationAnnotations.size());
        for (int i = 0; i < relationAnnotations.size(); i++) {
            EntityRelation relation = relationAnnotations.get(i);
            String modifierId = idOfEntity.get(relation.getArg1());
            String anchorId = idOfEntity.get(relation.getArg2());
            if (modifierId == null || anchorId == null) {
                throw new IllegalStateException("document " + documentId + ": relation " + relationIds.get(i)
                        + " (" + relation.getCategory() + ") has a " + (modifierId == null ? "modifier" : "anchor")
                        + " that is missing or not an indexed Entity");
            }
            relations.add(new RelationMention(relationIds.get(i), relation.getCategory(), modifierId, anchorId,
                    relation.getConfidence()));
        }
        return new AnnotatedDocument(documentId, text, entities, relations);
    }

    /** The entity's fragments in text order: its {@code fragments} when set, otherwise its begin/end. */
    public static List<TextSpan> fragments(Entity entity) {
        FSArray<EntityFragment> array = entity.getFragments();
        if (array == null || array.size() == 0) {
            return List.of(new TextSpan(entity.getBegin(), entity.getEnd()));
        }
        List<TextSpan> spans = new ArrayList<>(array.size());
        for (EntityFragment fragment : array) {
            spans.add(new TextSpan(fragment.getBegin(), fragment.getEnd()));
        }
        spans.sort(null);
        return spans;
    }

    /** Source ids where present and not yet taken, otherwise prefix + the lowest number not yet taken. */
    private static List<String> assignIds(List<String> sourceIds, String prefix) {
        Set<String> taken = new HashSet<>();
        List<String> ids = new ArrayList<>(sourceIds.size());
        for (String sourceId : sourceIds) {
            boolean usable = sourceId != null && !sourceId.isEmpty() && taken.add(sourceId);
            ids.add(usable ? sourceId : null);
        }
        int next = 1;
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                while (taken.contains(prefix + next)) {
                    next++;
                }
                ids.set(i, prefix + next);
                taken.add(prefix + next);
            }
        }
        return ids;
    }
}
