package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BratConfigurationTest {
    @TempDir
    Path dir;

    private static EntityMention entity(String id, String type) {
        return new EntityMention(id, type, List.of(new TextSpan(0, 1)), 1.0);
    }

    @Test
    void declaresEveryTypeAndTheArgumentTypesOfEachRelation() throws Exception {
        BratConfiguration configuration = new BratConfiguration();
        configuration.add(new AnnotatedDocument("a", "x", List.of(entity("T1", "Drug"), entity("T2", "ADE")),
                List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1", 1.0))));
        configuration.add(new AnnotatedDocument("b", "x", List.of(entity("T1", "Drug"), entity("T2", "Reason"),
                entity("T3", "Dosage")), List.of(new RelationMention("R1", "ADE-Drug", "T2", "T1", 1.0))));

        assertEquals("""
                # brat annotation configuration written by jnrf-uima: the types of the annotations in this folder
                [entities]
                ADE
                Dosage
                Drug
                Reason

                [relations]
                ADE-Drug\tArg1:ADE|Reason, Arg2:Drug
                # mentions may overlap and cross, as in n2c2 2018
                <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

                [events]

                [attributes]
                """, configuration.annotationConf());
        configuration.writeTo(dir);
        assertEquals(configuration.annotationConf(), Files.readString(dir.resolve("annotation.conf")));
        List<String> visual = Files.readAllLines(dir.resolve("visual.conf"));
        for (String type : List.of("ADE", "Dosage", "Drug", "Reason")) {
            assertTrue(visual.stream().anyMatch(l -> l.startsWith(type + "\tbgColor:#")), visual.toString());
        }
    }
}
