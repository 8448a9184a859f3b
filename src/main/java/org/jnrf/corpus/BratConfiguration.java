package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;

/**
 * The brat configuration of a folder of {@code .ann} files: {@code annotation.conf} declares every entity type and
 * every relation type with the entity types of its arguments, as found in the documents added, and
 * {@code visual.conf} gives each entity type a colour. Without them brat flags every annotation as of an undeclared
 * type. Overlapping and crossing mentions are declared allowed, as n2c2 2018 has them. Thread-safe.
 */
public final class BratConfiguration {
    public static final String ANNOTATION_CONF = "annotation.conf";
    public static final String VISUAL_CONF = "visual.conf";
    /** Background colours for entity types, in sorted type order, repeated when there are more types. */
    private static final List<String> PALETTE = List.of("#7fa2ff", "#ffb3a7", "#a4de9d", "#ffe38a", "#d3a4f9",
            "#8fe3e0", "#ffcf8f", "#c9c9c9", "#f7a8d8", "#b8d87a");

    private final SortedSet<String> entityTypes = new TreeSet<>();
    /** Relation type to the entity types seen as its first and its second argument. */
    private final SortedMap<String, List<SortedSet<String>>> relations = new TreeMap<>();

    /** Adds the types of {@code document}'s entities and relations. */
    public synchronized void add(AnnotatedDocument document) {
        Map<String, EntityMention> entities = document.entitiesById();
        for (EntityMention entity : document.entities()) {
            addEntityType(entity.type());
        }
        for (RelationMention relation : document.relations()) {
            EntityMention modifier = entities.get(relation.modifierId());
            EntityMention anchor = entities.get(relation.anchorId());
            if (modifier != null && anchor != null) {
                addRelationType(relation.type(), modifier.type(), anchor.type());
            }
        }
    }

    /** Declares an entity type (for types gathered elsewhere, e.g. over a Spark job's partitions). */
    public synchronized void addEntityType(String type) {
        entityTypes.add(type);
    }

    /** Declares a relation type with the entity types of one of its modifiers (Arg1) and anchors (Arg2). */
    public synchronized void addRelationType(String type, String modifierType, String anchorType) {
        List<SortedSet<String>> arguments = relations.computeIfAbsent(type,
                t -> List.of(new TreeSet<>(), new TreeSet<>()));
        arguments.get(0).add(modifierType);
        arguments.get(1).add(anchorType);
    }

    /** The content of {@code annotation.conf}. */
    public synchronized String annotationConf() {
        StringBuilder conf = new StringBuilder("# brat annotation configuration written by jnrf-uima: the types of "
                + "the annotations in this folder\n[entities]\n");
        entityTypes.forEach(type -> conf.append(type).append('\n'));
        conf.append("\n[relations]\n");
        relations.forEach((type, arguments) -> conf.append(type).append("\tArg1:")
                .append(String.join("|", arguments.get(0))).append(", Arg2:")
                .append(String.join("|", arguments.get(1))).append('\n'));
        conf.append("# mentions may overlap and cross, as in n2c2 2018\n")
                .append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
        return conf.append("\n[events]\n\n[attributes]\n").toString();
    }

    /** The content of {@code visual.conf}. */
    public synchronized String visualConf() {
        StringBuilder conf = new StringBuilder("# brat visual configuration written by jnrf-uima\n[labels]\n\n"
                + "[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n"
                + "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
        int i = 0;
        for (String type : entityTypes) {
            conf.append(type).append("\tbgColor:").append(PALETTE.get(i++ % PALETTE.size())).append('\n');
        }
        return conf.toString();
    }

    /** Writes both files into {@code folder}, each atomically. */
    public void writeTo(Path folder) throws IOException {
        OutputFiles.writeAtomically(folder.resolve(ANNOTATION_CONF), annotationConf());
        OutputFiles.writeAtomically(folder.resolve(VISUAL_CONF), visualConf());
    }
}
