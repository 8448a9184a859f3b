package org.jnrf.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jnrf.corpus.CorpusFormatException;
import org.jnrf.corpus.StrictUtf8;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.AnnotationIds;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * Reads the annotations of a BRAT {@code .ann} file as the official n2c2 script does: text-bound lines ({@code T})
 * and relation lines ({@code R}), the other BRAT lines (attributes, events, notes, normalisations, equivalences:
 * {@code A E N M # *}) ignored; relation arguments are taken in order (first = modifier, second = anchor) whatever
 * their role names; a relation may refer to an entity defined on a later line. Fragments are kept in file order. The
 * text of the document is only read, when a {@code NAME.txt} lies beside the file, to check that every fragment ends
 * inside it. A line that is none of these (the official script would skip it silently) is an
 * error, so that a damaged file is not scored as if it were whole.
 *
 * <p>Error messages name the file, the line and the problem (field, fragment and argument positions, offsets, ids
 * of the usual form), never what the line says otherwise: annotation surfaces are note text.
 */
public final class AnnFileParser {
    private AnnFileParser() {
    }

    /** Parses {@code file} into a document named by the file name without {@code .ann}, with empty text. */
    public static AnnotatedDocument parse(Path file) throws IOException {
        String documentId = documentId(file);
        String content;
        try {
            content = StrictUtf8.read(file);
        } catch (CorpusFormatException e) {
            throw new AnnFormatException(file, e.problem());
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1); // a byte order mark, as the official script's UTF-8-sig reading drops it
        }
        return parse(file, documentId, content.lines().toList(), textLength(file, documentId));
    }

    /** The length in code points (BRAT's offsets) of the document's {@code .txt} beside the file; -1 without one. */
    private static int textLength(Path annFile, String documentId) throws IOException {
        Path textFile = annFile.resolveSibling(documentId + ".txt");
        if (!Files.isRegularFile(textFile)) {
            return -1;
        }
        try {
            String text = StrictUtf8.read(textFile);
            return text.codePointCount(0, text.length());
        } catch (CorpusFormatException e) {
            throw new AnnFormatException(annFile, "its text file " + textFile.getFileName() + " is "
                    + e.problem() + " (offsets cannot be checked)");
        }
    }

    /** The document a file holds: its name without {@code .ann}. */
    static String documentId(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".ann") ? name.substring(0, name.length() - ".ann".length()) : name;
    }

    static AnnotatedDocument parse(Path file, String documentId, List<String> lines, int textLength)
            throws AnnFormatException {
        Map<String, EntityMention> entities = new LinkedHashMap<>();
        List<String[]> relationLines = new ArrayList<>();
        List<Integer> relationLineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNumber = i + 1;
            if (line.startsWith("T")) {
                EntityMention entity = parseEntity(file, lineNumber, line, textLength);
                if (entities.put(entity.id(), entity) != null) {
                    throw new AnnFormatException(file, lineNumber, "duplicate entity id "
                            + AnnotationIds.forMessage(entity.id()));
                }
            } else if (line.startsWith("R")) {
                relationLines.add(fields(file, lineNumber, line, "relation"));
                relationLineNumbers.add(lineNumber);
            } else if (!line.isEmpty() && "AENM#*".indexOf(line.charAt(0)) < 0) {
                throw new AnnFormatException(file, lineNumber,
                        "not a BRAT annotation line: expected an id starting with T, R, A, E, N, M, # or *");
            }
        }
        List<RelationMention> relations = new ArrayList<>();
        Set<String> relationIds = new HashSet<>();
        for (int i = 0; i < relationLines.size(); i++) {
            RelationMention relation = parseRelation(file, relationLineNumbers.get(i), relationLines.get(i), entities);
            if (!relationIds.add(relation.id())) {
                throw new AnnFormatException(file, relationLineNumbers.get(i), "duplicate relation id "
                        + AnnotationIds.forMessage(relation.id()));
            }
            relations.add(relation);
        }
        return new AnnotatedDocument(documentId, "", List.copyOf(entities.values()), relations);
    }

    /**
     * {@code T1<TAB>Type 0 5;9 12<TAB>surface}; the surface is optional as it is not scored. With the text's length
     * known ({@code textLength >= 0}), a fragment ending after it is an error.
     */
    private static EntityMention parseEntity(Path file, int lineNumber, String line, int textLength)
            throws AnnFormatException {
        String[] fields = fields(file, lineNumber, line, "entity");
        String id = fields[0];
        String named = "entity " + AnnotationIds.forMessage(id);
        String body = fields[1];
        int space = body.indexOf(' ');
        if (space <= 0) {
            throw new AnnFormatException(file, lineNumber, named
                    + ": the second field is not 'Type start end[;start end...]'");
        }
        String type = body.substring(0, space);
        List<TextSpan> fragments = new ArrayList<>();
        String[] written = body.substring(space + 1).split(";", -1);
        for (int f = 0; f < written.length; f++) {
            String[] offsets = written[f].strip().split(" ", -1);
            if (offsets.length != 2) {
                throw new AnnFormatException(file, lineNumber, named + ": fragment " + (f + 1) + " of "
                        + written.length + " is not 'start end' (" + offsets.length + " space-separated fields)");
            }
            int begin = offset(file, lineNumber, named, f, "start", offsets[0]);
            int end = offset(file, lineNumber, named, f, "end", offsets[1]);
            if (end < begin) {
                throw new AnnFormatException(file, lineNumber, named + ": fragment ends (" + end
                        + ") before it begins (" + begin + ")");
            }
            if (textLength >= 0 && end > textLength) {
                throw new AnnFormatException(file, lineNumber, named + ": fragment " + (f + 1) + " ends at " + end
                        + ", after the text of " + documentId(file) + ".txt (" + textLength + " characters)");
            }
            fragments.add(new TextSpan(begin, end));
        }
        return new EntityMention(id, type, fragments, 1.0);
    }

    /** {@code R1<TAB>Type Arg1:T1 Arg2:T2}. */
    private static RelationMention parseRelation(Path file, int lineNumber, String[] fields,
                                                 Map<String, EntityMention> entities) throws AnnFormatException {
        String id = fields[0];
        String named = "relation " + AnnotationIds.forMessage(id);
        String[] parts = fields[1].strip().split(" ", -1);
        if (parts.length != 3) {
            throw new AnnFormatException(file, lineNumber, named + ": the second field is not 'Type Arg1:T1 Arg2:T2' ("
                    + parts.length + " space-separated fields)");
        }
        String modifier = argument(file, lineNumber, named, 1, parts[1], entities);
        String anchor = argument(file, lineNumber, named, 2, parts[2], entities);
        return new RelationMention(id, parts[0], modifier, anchor, 1.0);
    }

    private static String argument(Path file, int lineNumber, String relation, int position, String argument,
                                   Map<String, EntityMention> entities) throws AnnFormatException {
        int colon = argument.indexOf(':');
        if (colon < 0) {
            throw new AnnFormatException(file, lineNumber, relation + ": argument " + position
                    + " is not 'Role:EntityId'");
        }
        String entityId = argument.substring(colon + 1);
        if (!entities.containsKey(entityId)) {
            throw new AnnFormatException(file, lineNumber, relation + " refers to unknown entity '"
                    + AnnotationIds.forMessage(entityId) + "' (argument " + position + ")");
        }
        return entityId;
    }

    private static String[] fields(Path file, int lineNumber, String line, String kind) throws AnnFormatException {
        String[] fields = line.split("\t", 3);
        if (fields.length < 2 || fields[1].isBlank()) {
            throw new AnnFormatException(file, lineNumber, kind
                    + " line has no tab-separated second field ('Type ...' after the id and a tab)");
        }
        return fields;
    }

    private static int offset(Path file, int lineNumber, String entity, int fragment, String bound, String value)
            throws AnnFormatException {
        try {
            int offset = Integer.parseInt(value);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new AnnFormatException(file, lineNumber, entity + ": the " + bound + " offset of fragment "
                    + (fragment + 1) + " is not a non-negative integer");
        }
    }
}
