package org.jnrf.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * Reads the annotations of a BRAT {@code .ann} file as the official n2c2 script does: text-bound lines ({@code T})
 * and relation lines ({@code R}), everything else (attributes, events, notes, equivalences) ignored; relation
 * arguments are taken in order (first = modifier, second = anchor) whatever their role names; a relation may refer
 * to an entity defined on a later line. Fragments are kept in file order. The text of the document is not read.
 */
public final class AnnFileParser {
    private AnnFileParser() {
    }

    /** Parses {@code file} into a document named by the file name without {@code .ann}, with empty text. */
    public static AnnotatedDocument parse(Path file) throws IOException {
        String name = file.getFileName().toString();
        String documentId = name.endsWith(".ann") ? name.substring(0, name.length() - ".ann".length()) : name;
        return parse(file, documentId, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static AnnotatedDocument parse(Path file, String documentId, List<String> lines) throws AnnFormatException {
        Map<String, EntityMention> entities = new LinkedHashMap<>();
        List<String[]> relationLines = new ArrayList<>();
        List<Integer> relationLineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNumber = i + 1;
            if (line.startsWith("T")) {
                EntityMention entity = parseEntity(file, lineNumber, line);
                if (entities.put(entity.id(), entity) != null) {
                    throw new AnnFormatException(file, lineNumber, "duplicate entity id " + entity.id());
                }
            } else if (line.startsWith("R")) {
                relationLines.add(fields(file, lineNumber, line, "relation"));
                relationLineNumbers.add(lineNumber);
            }
        }
        List<RelationMention> relations = new ArrayList<>();
        Set<String> relationIds = new HashSet<>();
        for (int i = 0; i < relationLines.size(); i++) {
            RelationMention relation = parseRelation(file, relationLineNumbers.get(i), relationLines.get(i), entities);
            if (!relationIds.add(relation.id())) {
                throw new AnnFormatException(file, relationLineNumbers.get(i), "duplicate relation id " + relation.id());
            }
            relations.add(relation);
        }
        return new AnnotatedDocument(documentId, "", List.copyOf(entities.values()), relations);
    }

    /** {@code T1<TAB>Type 0 5;9 12<TAB>surface}; the surface is optional as it is not scored. */
    private static EntityMention parseEntity(Path file, int lineNumber, String line) throws AnnFormatException {
        String[] fields = fields(file, lineNumber, line, "entity");
        String id = fields[0];
        String body = fields[1];
        int space = body.indexOf(' ');
        if (space <= 0) {
            throw new AnnFormatException(file, lineNumber, "entity " + id + ": expected 'Type start end', got '"
                    + body + "'");
        }
        String type = body.substring(0, space);
        List<TextSpan> fragments = new ArrayList<>();
        for (String fragment : body.substring(space + 1).split(";", -1)) {
            String[] offsets = fragment.strip().split(" ", -1);
            if (offsets.length != 2) {
                throw new AnnFormatException(file, lineNumber, "entity " + id + ": fragment '" + fragment
                        + "' is not 'start end'");
            }
            int begin = offset(file, lineNumber, id, offsets[0]);
            int end = offset(file, lineNumber, id, offsets[1]);
            if (end < begin) {
                throw new AnnFormatException(file, lineNumber, "entity " + id + ": fragment ends (" + end
                        + ") before it begins (" + begin + ")");
            }
            fragments.add(new TextSpan(begin, end));
        }
        return new EntityMention(id, type, fragments, 1.0);
    }

    /** {@code R1<TAB>Type Arg1:T1 Arg2:T2}. */
    private static RelationMention parseRelation(Path file, int lineNumber, String[] fields,
                                                 Map<String, EntityMention> entities) throws AnnFormatException {
        String id = fields[0];
        String[] parts = fields[1].strip().split(" ", -1);
        if (parts.length != 3) {
            throw new AnnFormatException(file, lineNumber, "relation " + id + ": expected 'Type Arg1:T1 Arg2:T2', got '"
                    + fields[1] + "'");
        }
        String modifier = argument(file, lineNumber, id, parts[1], entities);
        String anchor = argument(file, lineNumber, id, parts[2], entities);
        return new RelationMention(id, parts[0], modifier, anchor, 1.0);
    }

    private static String argument(Path file, int lineNumber, String relationId, String argument,
                                   Map<String, EntityMention> entities) throws AnnFormatException {
        int colon = argument.indexOf(':');
        if (colon < 0) {
            throw new AnnFormatException(file, lineNumber, "relation " + relationId + ": argument '" + argument
                    + "' is not 'Role:EntityId'");
        }
        String entityId = argument.substring(colon + 1);
        if (!entities.containsKey(entityId)) {
            throw new AnnFormatException(file, lineNumber, "relation " + relationId + " refers to unknown entity '"
                    + entityId + "'");
        }
        return entityId;
    }

    private static String[] fields(Path file, int lineNumber, String line, String kind) throws AnnFormatException {
        String[] fields = line.split("\t", 3);
        if (fields.length < 2 || fields[1].isBlank()) {
            throw new AnnFormatException(file, lineNumber, kind + " line has no tab-separated annotation: '"
                    + abbreviate(line) + "'");
        }
        return fields;
    }

    private static int offset(Path file, int lineNumber, String id, String value) throws AnnFormatException {
        try {
            int offset = Integer.parseInt(value);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new AnnFormatException(file, lineNumber, "entity " + id + ": offset '" + value
                    + "' is not a non-negative integer");
        }
    }

    /** Error messages quote at most the start of a line: annotation surfaces are clinical text. */
    private static String abbreviate(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
    }
}
