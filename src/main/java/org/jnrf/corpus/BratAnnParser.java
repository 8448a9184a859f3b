package org.jnrf.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.document.AnnotationIds;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.document.TextSpan;

/**
 * Parses BRAT standoff {@code .ann} files in the n2c2 2018 form:
 * <pre>
 * T1&lt;TAB&gt;Drug 79 91&lt;TAB&gt;methotrexate
 * T5&lt;TAB&gt;ADE 110 169;271 282&lt;TAB&gt;surface of a discontinuous mention
 * R1&lt;TAB&gt;ADE-Drug Arg1:T5 Arg2:T1
 * </pre>
 * {@code A}, {@code #}, {@code E}, {@code N}, {@code M}, {@code *} lines and blank lines are skipped: the model has
 * no use for attributes, notes, events, normalisations or equivalences. Offsets are BRAT's code point offsets and
 * are returned as Java (UTF-16) offsets. Fragments are returned in text order (a few PHEE mentions list them out of
 * order); a mention's fragments may touch but not overlap.
 *
 * <p>Surface text: by default the text after the second tab must equal the text at the offsets (fragments in the
 * order written, joined by a space) up to whitespace: runs of spaces, tabs and newlines compare equal to one space,
 * because n2c2 and our corpora write a newline inside a span as a space and join fragments with one space. Any other
 * difference means the offsets point elsewhere than the annotator meant (the corpus builders dropped such mentions),
 * so it is an error. {@link #withoutSurfaceCheck()} turns the check off for files whose surfaces are known to be
 * unreliable.
 *
 * <p>Some BRAT files (e.g. Chia, some n2c2 releases) write the surface of a mention that crosses a line break with
 * the line break itself, so the surface goes on over the next lines. Such continuation lines are accepted right
 * after an entity line, as many as the mention's text has line breaks, and only when they do not look like an
 * annotation line ({@code id<TAB>}); anything else is a malformed line.
 *
 * <p>Every problem is a {@link CorpusFormatException} naming the file, the 1-based line and the problem, never the
 * note text. The parser is stateless and thread-safe.
 */
public final class BratAnnParser {
    /** The start of an annotation line: an id (letter, '#' or '*', then anything but spaces) and a tab. */
    private static final Pattern ANNOTATION_LINE = Pattern.compile("[A-Za-z#*][^\\s]*\t");
    private final boolean checkSurfaceText;

    private BratAnnParser(boolean checkSurfaceText) {
        this.checkSurfaceText = checkSurfaceText;
    }

    /** A parser that checks each entity's surface text against the document text (whitespace-insensitively). */
    public static BratAnnParser checkingSurfaceText() {
        return new BratAnnParser(true);
    }

    /** A parser that trusts the offsets and ignores the surface text. */
    public static BratAnnParser withoutSurfaceCheck() {
        return new BratAnnParser(false);
    }

    /**
     * Parses one {@code .ann} file's content against its document text.
     *
     * @param documentId id given to the returned document
     * @param text       the document text (the {@code .txt} content)
     * @param annContent the {@code .ann} content
     * @param annName    how to name the {@code .ann} file in errors, e.g. its path
     * @return the document with its entities (file order) and relations (file order), confidence 1.0
     */
    public AnnotatedDocument parse(String documentId, String text, String annContent, String annName)
            throws CorpusFormatException {
        CodePointOffsets offsets = CodePointOffsets.of(text);
        List<EntityMention> entities = new ArrayList<>();
        Set<String> entityIds = new HashSet<>();
        List<RelationMention> relations = new ArrayList<>();
        Map<String, Integer> relationLines = new HashMap<>();

        PendingEntity pending = null;
        int lineNumber = 0;
        int start = 0;
        while (start < annContent.length()) {
            int newline = annContent.indexOf('\n', start);
            int stop = newline < 0 ? annContent.length() : newline;
            String line = annContent.substring(start, stop);
            start = stop + 1;
            lineNumber++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (pending != null && pending.continuationsLeft > 0 && !ANNOTATION_LINE.matcher(line).lookingAt()) {
                // the surface of a mention crossing a line break, written with the line break
                pending.surface.append('\n').append(line);
                pending.continuationsLeft--;
                continue;
            }
            if (pending != null) {
                addEntity(pending, text, entityIds, entities, annName);
                pending = null;
            }
            if (line.isBlank()) {
                continue;
            }
            switch (line.charAt(0)) {
                case 'T' -> pending = parseEntity(line, text, offsets, annName, lineNumber);
                case 'R' -> {
                    RelationMention relation = parseRelation(line, annName, lineNumber);
                    if (relationLines.putIfAbsent(relation.id(), lineNumber) != null) {
                        throw CorpusFormatException.atLine(annName, lineNumber,
                                "duplicate relation id " + AnnotationIds.forMessage(relation.id()));
                    }
                    relations.add(relation);
                }
                case 'A', '#', 'E', 'N', 'M', '*' -> {
                    // attributes, notes, events, normalisations, equivalences: not part of the model's schema
                }
                default -> throw CorpusFormatException.atLine(annName, lineNumber,
                        "malformed line: expected an annotation id starting with T, R, A, E, N, M, # or *");
            }
        }
        if (pending != null) {
            addEntity(pending, text, entityIds, entities, annName);
        }
        // BRAT allows a relation before the entities it names, so arguments are resolved at the end
        for (RelationMention r : relations) {
            for (String argument : List.of(r.modifierId(), r.anchorId())) {
                if (!entityIds.contains(argument)) {
                    throw CorpusFormatException.atLine(annName, relationLines.get(r.id()),
                            "relation " + AnnotationIds.forMessage(r.id()) + " names entity "
                                    + AnnotationIds.forMessage(argument) + ", which is not defined");
                }
            }
        }
        return new AnnotatedDocument(documentId, text, entities, relations);
    }

    /** An entity line whose surface may continue on the following lines. */
    private static final class PendingEntity {
        private final EntityMention entity;
        private final List<TextSpan> fragmentsAsWritten;
        private final StringBuilder surface;
        private final int line;
        private int continuationsLeft;

        private PendingEntity(EntityMention entity, List<TextSpan> fragmentsAsWritten, String surface, int line,
                              int continuationsLeft) {
            this.entity = entity;
            this.fragmentsAsWritten = fragmentsAsWritten;
            this.surface = new StringBuilder(surface);
            this.line = line;
            this.continuationsLeft = continuationsLeft;
        }
    }

    private void addEntity(PendingEntity pending, String text, Set<String> entityIds, List<EntityMention> entities,
                           String annName) throws CorpusFormatException {
        String id = AnnotationIds.forMessage(pending.entity.id());
        if (checkSurfaceText
                && !sameUpToWhitespace(joined(text, pending.fragmentsAsWritten), pending.surface.toString())) {
            throw CorpusFormatException.atLine(annName, pending.line, "surface text of entity " + id
                    + " does not match the document text at its offsets");
        }
        if (!entityIds.add(pending.entity.id())) {
            throw CorpusFormatException.atLine(annName, pending.line, "duplicate entity id " + id);
        }
        entities.add(pending.entity);
    }

    private PendingEntity parseEntity(String line, String text, CodePointOffsets offsets, String annName,
                                      int lineNumber) throws CorpusFormatException {
        String[] fields = line.split("\t", 3);
        if (fields.length < 3) {
            throw CorpusFormatException.atLine(annName, lineNumber,
                    "malformed entity line: expected 'Tn<TAB>Type start end[;start end...]<TAB>surface'");
        }
        String id = fields[0].strip();
        checkId(id, annName, lineNumber);
        String named = AnnotationIds.forMessage(id);
        String typeAndSpans = fields[1].strip();
        int space = typeAndSpans.indexOf(' ');
        if (space <= 0) {
            throw CorpusFormatException.atLine(annName, lineNumber,
                    "malformed entity " + named + ": expected 'Type start end' after the id");
        }
        String type = typeAndSpans.substring(0, space);
        String[] spanTexts = typeAndSpans.substring(space + 1).split(";", -1);
        List<TextSpan> fragmentsAsWritten = new ArrayList<>(spanTexts.length);
        for (int f = 0; f < spanTexts.length; f++) {
            String[] bounds = spanTexts[f].strip().split("\\s+");
            if (bounds.length != 2) {
                throw CorpusFormatException.atLine(annName, lineNumber, "malformed span " + (f + 1) + " of "
                        + spanTexts.length + " of entity " + named + ": expected 'start end'");
            }
            int begin = parseOffset(bounds[0], "start", f, named, annName, lineNumber);
            int end = parseOffset(bounds[1], "end", f, named, annName, lineNumber);
            if (end < begin) {
                throw CorpusFormatException.atLine(annName, lineNumber,
                        "span of entity " + named + " ends (" + end + ") before it begins (" + begin + ")");
            }
            if (end > offsets.codePointLength()) {
                throw CorpusFormatException.atLine(annName, lineNumber, "span " + begin + "-" + end + " of entity "
                        + named + " lies outside the text (" + offsets.codePointLength() + " characters)");
            }
            fragmentsAsWritten.add(new TextSpan(offsets.toCharOffset(begin), offsets.toCharOffset(end)));
        }
        List<TextSpan> fragments = new ArrayList<>(fragmentsAsWritten);
        fragments.sort(null);
        for (int i = 1; i < fragments.size(); i++) {
            if (fragments.get(i).begin() < fragments.get(i - 1).end()) {
                throw CorpusFormatException.atLine(annName, lineNumber, "fragments of entity " + named + " overlap");
            }
        }
        return new PendingEntity(new EntityMention(id, type, fragments, 1.0), fragmentsAsWritten, fields[2],
                lineNumber, lineBreaks(text, fragmentsAsWritten));
    }

    private static RelationMention parseRelation(String line, String annName, int lineNumber)
            throws CorpusFormatException {
        String[] fields = line.split("\t");
        if (fields.length < 2) {
            throw CorpusFormatException.atLine(annName, lineNumber,
                    "malformed relation line: expected 'Rn<TAB>Type Arg1:Tm Arg2:Tn'");
        }
        String id = fields[0].strip();
        checkId(id, annName, lineNumber);
        String named = AnnotationIds.forMessage(id);
        String[] tokens = fields[1].strip().split("\\s+");
        String arg1 = null;
        String arg2 = null;
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].startsWith("Arg1:") && arg1 == null) {
                arg1 = tokens[i].substring(5);
            } else if (tokens[i].startsWith("Arg2:") && arg2 == null) {
                arg2 = tokens[i].substring(5);
            } else {
                throw CorpusFormatException.atLine(annName, lineNumber,
                        "malformed relation " + named + ": unexpected field " + (i + 1)
                                + " (expected Arg1:Tm or Arg2:Tn, once each)");
            }
        }
        if (tokens[0].isEmpty() || tokens[0].contains(":") || arg1 == null || arg2 == null
                || arg1.isEmpty() || arg2.isEmpty()) {
            throw CorpusFormatException.atLine(annName, lineNumber,
                    "malformed relation " + named + ": expected 'Type Arg1:Tm Arg2:Tn'");
        }
        return new RelationMention(id, tokens[0], arg1, arg2, 1.0);
    }

    private static void checkId(String id, String annName, int lineNumber) throws CorpusFormatException {
        if (id.length() < 2 || id.chars().anyMatch(Character::isWhitespace)) {
            throw CorpusFormatException.atLine(annName, lineNumber,
                    "malformed annotation id: expected a letter followed by a number, without spaces");
        }
    }

    private static int parseOffset(String value, String bound, int fragment, String entity, String annName,
                                   int lineNumber) throws CorpusFormatException {
        try {
            int offset = Integer.parseInt(value);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw CorpusFormatException.atLine(annName, lineNumber,
                    "the " + bound + " offset of span " + (fragment + 1) + " of entity " + entity
                            + " is not a non-negative integer");
        }
    }

    /** Line breaks (CRLF counted once) inside the fragments: how many lines a raw surface could take up more. */
    private static int lineBreaks(String text, List<TextSpan> fragments) {
        int count = 0;
        for (TextSpan f : fragments) {
            for (int i = f.begin(); i < f.end(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= f.end() || text.charAt(i + 1) != '\n'))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String joined(String text, List<TextSpan> fragments) {
        StringBuilder sb = new StringBuilder();
        for (TextSpan f : fragments) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(text, f.begin(), f.end());
        }
        return sb.toString();
    }

    /** Equal after trimming and collapsing every whitespace run to one space. */
    static boolean sameUpToWhitespace(String a, String b) {
        return collapseWhitespace(a).equals(collapseWhitespace(b));
    }

    private static String collapseWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = !sb.isEmpty();
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
