package org.jnrf.corpus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * Writes a document's entities and relations as an n2c2 2018 BRAT {@code .ann} file: one {@code T} line per entity
 * ({@code Tn<TAB>Type start end[;start end...]<TAB>surface}) in the document's entity order, then one {@code R} line
 * per relation ({@code Rn<TAB>Type Arg1:Tmodifier Arg2:Tanchor}). Offsets are written as BRAT code point offsets,
 * fragments in text order; the surface is the fragments' text joined by one space, with tabs, carriage returns and
 * newlines replaced by spaces so each annotation stays on one line (the n2c2 convention; {@link BratAnnParser}
 * accepts it). Confidences are not part of the format and are dropped.
 *
 * <p>Ids: the document's ids are kept when every entity id has the form {@code T<number>} and every relation id
 * {@code R<number>} (all unique), so gold files keep their ids; otherwise entities and relations are numbered T1..,
 * R1.. in order, because the n2c2 scorer and BRAT expect such ids.
 */
public final class BratAnnFormatter {
    private static final Pattern ENTITY_ID = Pattern.compile("T[0-9]+");
    private static final Pattern RELATION_ID = Pattern.compile("R[0-9]+");

    private BratAnnFormatter() {
    }

    /** The {@code .ann} content for {@code document}; entity spans must lie inside its text. */
    public static String format(AnnotatedDocument document) {
        String text = document.text();
        CodePointOffsets offsets = CodePointOffsets.of(text);
        Map<String, String> entityIds = bratIds(document.entities().stream().map(EntityMention::id).toList(),
                ENTITY_ID, "T");
        Set<String> seenRelationIds = new HashSet<>();
        boolean keepRelationIds = document.relations().stream().map(RelationMention::id)
                .allMatch(id -> id != null && RELATION_ID.matcher(id).matches() && seenRelationIds.add(id));

        StringBuilder out = new StringBuilder(64 * (document.entities().size() + document.relations().size()));
        for (EntityMention entity : document.entities()) {
            List<TextSpan> fragments = entity.fragments().stream().sorted().toList();
            out.append(entityIds.get(entity.id())).append('\t').append(entity.type()).append(' ');
            for (int i = 0; i < fragments.size(); i++) {
                TextSpan f = fragments.get(i);
                if (f.end() > text.length()) {
                    throw new IllegalArgumentException("document " + document.documentId() + ": entity "
                            + entity.id() + " ends at " + f.end() + ", after the text (" + text.length() + ")");
                }
                if (i > 0) {
                    out.append(';');
                }
                out.append(offsets.toCodePointOffset(f.begin())).append(' ').append(offsets.toCodePointOffset(f.end()));
            }
            out.append('\t');
            for (int i = 0; i < fragments.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                appendOnOneLine(out, text, fragments.get(i));
            }
            out.append('\n');
        }
        for (int i = 0; i < document.relations().size(); i++) {
            RelationMention relation = document.relations().get(i);
            String modifier = entityIds.get(relation.modifierId());
            String anchor = entityIds.get(relation.anchorId());
            if (modifier == null || anchor == null) {
                throw new IllegalArgumentException("document " + document.documentId() + ": relation "
                        + relation.id() + " names an entity that is not in the document");
            }
            out.append(keepRelationIds ? relation.id() : "R" + (i + 1)).append('\t').append(relation.type())
                    .append(" Arg1:").append(modifier).append(" Arg2:").append(anchor).append('\n');
        }
        return out.toString();
    }

    private static void appendOnOneLine(StringBuilder out, String text, TextSpan span) {
        for (int i = span.begin(); i < span.end(); i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
    }

    /** Entity ids as they are when all are well-formed, otherwise prefix1, prefix2, ... in order; unique either way. */
    private static Map<String, String> bratIds(List<String> ids, Pattern wellFormed, String prefix) {
        Map<String, String> mapping = new HashMap<>();
        Set<String> seen = new HashSet<>();
        boolean keep = ids.stream().allMatch(id -> id != null && wellFormed.matcher(id).matches() && seen.add(id));
        for (int i = 0; i < ids.size(); i++) {
            if (mapping.putIfAbsent(ids.get(i), keep ? ids.get(i) : prefix + (i + 1)) != null) {
                // duplicate ids cannot be told apart by relations: the caller's document is inconsistent
                throw new IllegalArgumentException("duplicate annotation id " + ids.get(i));
            }
        }
        return mapping;
    }
}
