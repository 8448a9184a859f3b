package org.jnrf.uima;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev documents as the trainer's dev loss can use them: entity and relation types that never occur in the training
 * documents have no output in the network, so they are left out there (and logged). The n2c2 dev scores still
 * count them, as misses.
 */
final class DevDocuments {
    private static final Logger LOG = LoggerFactory.getLogger(DevDocuments.class);

    private DevDocuments() {
    }

    static List<AnnotatedDocument> restrictToTrainingTypes(List<AnnotatedDocument> dev,
                                                           List<AnnotatedDocument> training) {
        Set<String> entityTypes = new HashSet<>();
        Set<String> relationTypes = new HashSet<>();
        for (AnnotatedDocument doc : training) {
            doc.entities().forEach(e -> entityTypes.add(e.type()));
            doc.relations().forEach(r -> relationTypes.add(r.type()));
        }
        List<AnnotatedDocument> restricted = new ArrayList<>(dev.size());
        int droppedEntities = 0;
        int droppedRelations = 0;
        for (AnnotatedDocument doc : dev) {
            List<EntityMention> entities = doc.entities().stream().filter(e -> entityTypes.contains(e.type()))
                    .toList();
            Map<String, EntityMention> kept = new AnnotatedDocument(doc.documentId(), doc.text(), entities, List.of())
                    .entitiesById();
            List<RelationMention> relations = doc.relations().stream().filter(r -> relationTypes.contains(r.type())
                    && kept.containsKey(r.modifierId()) && kept.containsKey(r.anchorId())).toList();
            droppedEntities += doc.entities().size() - entities.size();
            droppedRelations += doc.relations().size() - relations.size();
            restricted.add(new AnnotatedDocument(doc.documentId(), doc.text(), entities, relations));
        }
        if (droppedEntities + droppedRelations > 0) {
            LOG.warn("dev loss leaves out {} entities and {} relations of types absent from the training documents",
                    droppedEntities, droppedRelations);
        }
        return restricted;
    }
}
