package org.jnrf.ctakes;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ctakes.typesystem.type.relation.BinaryTextRelation;
import org.apache.ctakes.typesystem.type.relation.RelationArgument;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityRelation;

/**
 * Mirrors our {@link Entity} and {@link EntityRelation} annotations as cTAKES types, so that downstream cTAKES
 * components (and cTAKES writers) consume JNRF output: Drug becomes a {@code MedicationMention} whose modifier
 * features (strength, dosage, frequency, route, form, duration) are filled from the relations; ADE becomes a
 * {@code SignSymptomMention}, Reason a {@code DiseaseDisorderMention}; every relation becomes a
 * {@code BinaryTextRelation} with {@code RelationArgument}s and the relation's category ("ADE-Drug", ...).
 * Categories without a cTAKES counterpart are left as our types only.
 */
public final class CtakesTypeWriter {
    /** cTAKES' own argument roles for binary relations. */
    static final String MODIFIER_ROLE = "Argument";
    static final String ANCHOR_ROLE = "Related_to";

    private final CtakesCategoryMap categories;

    public CtakesTypeWriter(CtakesCategoryMap categories) {
        this.categories = categories;
    }

    public CtakesTypeWriter() {
        this(CtakesCategoryMap.standard());
    }

    /**
     * Adds the cTAKES view of every {@link Entity} and {@link EntityRelation} in the CAS.
     *
     * @return the number of cTAKES annotations and relations added
     */
    public int write(JCas jcas) {
        return write(jcas, JCasUtil.select(jcas, Entity.class), JCasUtil.select(jcas, EntityRelation.class));
    }

    /**
     * Adds the cTAKES view of the given entities and of those relations whose both arguments are among them (an
     * annotator mirrors only what it added, leaving gold or earlier annotations alone).
     *
     * @return the number of cTAKES annotations and relations added
     */
    public int write(JCas jcas, Collection<Entity> entities, Collection<EntityRelation> relations) {
        Map<Entity, IdentifiedAnnotation> mirrored = new HashMap<>();
        for (Entity entity : entities) {
            IdentifiedAnnotation mention = categories.create(jcas, entity);
            if (mention != null) {
                mention.setConfidence((float) entity.getConfidence());
                mention.addToIndexes();
                mirrored.put(entity, mention);
            }
        }
        int added = mirrored.size();
        // Highest confidence first, so a Drug's single-valued modifier feature gets the most likely modifier.
        List<EntityRelation> byConfidence = relations.stream()
                .sorted(Comparator.comparingDouble(EntityRelation::getConfidence).reversed()
                        .thenComparingInt(EntityRelation::getBegin))
                .toList();
        for (EntityRelation relation : byConfidence) {
            IdentifiedAnnotation modifier = mirrored.get(relation.getArg1());
            IdentifiedAnnotation anchor = mirrored.get(relation.getArg2());
            if (modifier == null || anchor == null) {
                continue;
            }
            addBinaryTextRelation(jcas, relation, modifier, anchor);
            added++;
            if (anchor instanceof MedicationMention medication) {
                CtakesCategoryMap.attachModifier(medication, modifier);
            }
        }
        return added;
    }

    private static void addBinaryTextRelation(JCas jcas, EntityRelation relation, IdentifiedAnnotation modifier,
                                              IdentifiedAnnotation anchor) {
        RelationArgument arg1 = new RelationArgument(jcas);
        arg1.setArgument(modifier);
        arg1.setRole(MODIFIER_ROLE);
        arg1.addToIndexes();
        RelationArgument arg2 = new RelationArgument(jcas);
        arg2.setArgument(anchor);
        arg2.setRole(ANCHOR_ROLE);
        arg2.addToIndexes();
        BinaryTextRelation binary = new BinaryTextRelation(jcas);
        binary.setArg1(arg1);
        binary.setArg2(arg2);
        binary.setCategory(relation.getCategory());
        binary.setConfidence(relation.getConfidence());
        binary.addToIndexes();
    }
}
