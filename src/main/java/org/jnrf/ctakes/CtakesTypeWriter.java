package org.jnrf.ctakes;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.ctakes.typesystem.type.constants.CONST;
import org.apache.ctakes.typesystem.type.relation.BinaryTextRelation;
import org.apache.ctakes.typesystem.type.relation.Relation;
import org.apache.ctakes.typesystem.type.relation.RelationArgument;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.ctakes.typesystem.type.textsem.Modifier;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.jcas.cas.TOP;
import org.apache.uima.jcas.tcas.Annotation;
import org.jnrf.type.Entity;
import org.jnrf.type.EntityFragment;
import org.jnrf.type.EntityRelation;

/**
 * Mirrors our {@link Entity} and {@link EntityRelation} annotations as cTAKES types, filled as cTAKES' own
 * components fill them, so that downstream cTAKES components and writers consume JNRF output: Drug becomes a
 * {@code MedicationMention} whose modifier features (strength, dosage, frequency, route, form, duration) are filled
 * from the relations, each modifier with the normalized form and category cTAKES' DrugMentionAnnotator gives it;
 * ADE becomes a {@code SignSymptomMention}, Reason a {@code DiseaseDisorderMention}. Every mention gets its cTAKES
 * typeID, an id, our confidence, discovery technique {@link CONST#NE_DISCOVERY_TECH_EXPLICIT_AE} (found by an
 * annotator, not a dictionary), polarity {@link CONST#NE_POLARITY_NEGATION_ABSENT} (the model does not detect
 * negation; cTAKES' assertion engines, run after it, overwrite it) and as {@code originalText} the annotations whose
 * text it came from (its fragments when discontinuous).
 *
 * <p>Every relation becomes a {@code BinaryTextRelation} in cTAKES' direction: arg1 (role "Argument") is the Drug,
 * arg2 (role "Related_to") the modifier, ADE or Reason, as cTAKES' relation extractors put the event before its
 * modifier (degree_of) and the medication before the disorder (manages/treats). Our {@link EntityRelation} keeps
 * n2c2's direction (arg1 the modifier, arg2 the Drug); the category is n2c2's ("ADE-Drug", ...).
 * Categories without a cTAKES counterpart are left as our types only.
 */
public final class CtakesTypeWriter {
    /** cTAKES' own argument roles for binary relations: arg1's and arg2's. */
    static final String ARG1_ROLE = "Argument";
    static final String ARG2_ROLE = "Related_to";

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
        // ids continue after those of annotations already in the CAS (cTAKES' drug NER numbers its own)
        int nextId = 1 + Math.max(0, jcas.select(IdentifiedAnnotation.class).mapToInt(IdentifiedAnnotation::getId)
                .max().orElse(0));
        Map<Entity, IdentifiedAnnotation> mirrored = new HashMap<>();
        List<Entity> inTextOrder = entities.stream()
                .sorted(Comparator.comparingInt(Entity::getBegin).thenComparingInt(Entity::getEnd)).toList();
        for (Entity entity : inTextOrder) {
            IdentifiedAnnotation mention = categories.create(jcas, entity);
            if (mention != null) {
                mention.setId(nextId++);
                mention.setConfidence((float) entity.getConfidence());
                mention.setDiscoveryTechnique(CONST.NE_DISCOVERY_TECH_EXPLICIT_AE);
                mention.setPolarity(CONST.NE_POLARITY_NEGATION_ABSENT);
                mention.setOriginalText(originalText(jcas, entity));
                if (mention instanceof Modifier modifier) {
                    MedicationAttributes.describe(jcas, modifier, surface(entity));
                }
                mention.addToIndexes();
                mirrored.put(entity, mention);
            }
        }
        int added = mirrored.size();
        int nextRelationId = 1 + Math.max(0, jcas.select(Relation.class).mapToInt(Relation::getId).max().orElse(0));
        // Highest confidence first, so a Drug's single-valued modifier feature gets the most likely modifier; ties
        // in the CAS's annotation order (begin, longer first), whichever order the caller lists them in.
        List<EntityRelation> byConfidence = relations.stream()
                .sorted(Comparator.comparingDouble(EntityRelation::getConfidence).reversed()
                        .thenComparingInt(EntityRelation::getBegin)
                        .thenComparing(Comparator.comparingInt(EntityRelation::getEnd).reversed()))
                .toList();
        for (EntityRelation relation : byConfidence) {
            IdentifiedAnnotation modifier = mirrored.get(relation.getArg1());
            IdentifiedAnnotation anchor = mirrored.get(relation.getArg2());
            if (modifier == null || anchor == null) {
                continue;
            }
            addBinaryTextRelation(jcas, relation, anchor, modifier, nextRelationId++);
            added++;
            if (anchor instanceof MedicationMention medication) {
                CtakesCategoryMap.attachModifier(medication, modifier);
            }
        }
        return added;
    }

    /** The annotations whose covered text the mention was made from: its fragments, or the entity itself. */
    private static FSArray<TOP> originalText(JCas jcas, Entity entity) {
        FSArray<EntityFragment> fragments = entity.getFragments();
        List<Annotation> pieces = fragments == null || fragments.size() == 0 ? List.of(entity)
                : fragments.stream().map(Annotation.class::cast).toList();
        FSArray<TOP> array = new FSArray<>(jcas, pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            array.set(i, pieces.get(i));
        }
        return array;
    }

    /** The entity's words: the covered text, or its fragments' texts joined by a space when discontinuous. */
    private static String surface(Entity entity) {
        FSArray<EntityFragment> fragments = entity.getFragments();
        if (fragments == null || fragments.size() == 0) {
            return entity.getCoveredText();
        }
        return fragments.stream().map(Annotation::getCoveredText).collect(Collectors.joining(" "));
    }

    private static void addBinaryTextRelation(JCas jcas, EntityRelation relation, IdentifiedAnnotation first,
                                              IdentifiedAnnotation second, int id) {
        RelationArgument arg1 = new RelationArgument(jcas);
        arg1.setArgument(first);
        arg1.setRole(ARG1_ROLE);
        arg1.addToIndexes();
        RelationArgument arg2 = new RelationArgument(jcas);
        arg2.setArgument(second);
        arg2.setRole(ARG2_ROLE);
        arg2.addToIndexes();
        BinaryTextRelation binary = new BinaryTextRelation(jcas);
        binary.setId(id);
        binary.setArg1(arg1);
        binary.setArg2(arg2);
        binary.setCategory(relation.getCategory());
        binary.setConfidence(relation.getConfidence());
        binary.addToIndexes();
    }
}
