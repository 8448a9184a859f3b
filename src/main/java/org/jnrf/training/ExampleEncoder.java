package org.jnrf.training;

import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.EntityTokenRanges;
import org.jnrf.document.EntityMention;
import org.jnrf.document.RelationMention;
import org.jnrf.network.BioScheme;
import org.jnrf.network.EntitySpan;
import org.jnrf.network.LabelSpace;
import org.jnrf.network.RelationPair;
import org.jnrf.network.TokenRange;
import org.jnrf.network.TrainingExample;
import org.jnrf.text.EncodedText;
import org.jnrf.text.TextEncoder;
import org.jnrf.text.TokenOffsets;
import org.jnrf.text.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aligns a document's gold annotation to its WordPiece tokens.
 * <ul>
 *   <li>A token belongs to a fragment when they share at least one character.</li>
 *   <li>Discontinuous entities: every fragment is tagged B, I, I...; the tagger thus learns each fragment as an
 *       entity of its own, and decoding yields contiguous entities (the n2c2 lenient scorer matches them by
 *       overlap). For relation training the entity stays one span whose pooled vector covers all fragments.</li>
 *   <li>Overlapping entities: BIO cannot hold both. Entities are visited by begin, longer first; an entity that
 *       shares a token with an already tagged one is not tagged (first and longest wins) but is still a gold span
 *       for relation training.</li>
 *   <li>Relations whose anchor is not of the anchor type, or whose modifier is, are not learnable by the
 *       modifier x anchor scorer and are left out (counted).</li>
 * </ul>
 */
public final class ExampleEncoder {
    private final TextEncoder encoder;
    private final LabelSpace labels;

    public ExampleEncoder(WordPieceTokenizer tokenizer, LabelSpace labels) {
        this(tokenizer, labels, false);
    }

    /** sentenceBreaks: sentence ends inside a line count as line breaks in the relation feature. */
    public ExampleEncoder(WordPieceTokenizer tokenizer, LabelSpace labels, boolean sentenceBreaks) {
        this(new TextEncoder(tokenizer, sentenceBreaks), labels);
    }

    /** @param encoder the model's path from text to network input ({@code ModelConfig.textEncoder}) */
    public ExampleEncoder(TextEncoder encoder, LabelSpace labels) {
        this.encoder = encoder;
        this.labels = labels;
    }

    /**
     * Result of encoding one document; {@code example} is null when the text has no token. {@code input} is the
     * text as the networks read it, the same as in prediction.
     */
    public record Encoded(TrainingExample example, EncodedText input, int untaggedOverlapping,
                          int skippedRelations, int emptyEntities) {
    }

    public Encoded encode(AnnotatedDocument doc) {
        EncodedText input = encoder.encode(doc.text());
        if (input.isEmpty()) {
            return new Encoded(null, input, 0, 0, 0);
        }
        TokenOffsets offsets = new TokenOffsets(input.tokens());
        int[] ids = input.ids();
        int[] tags = new int[ids.length];
        boolean[] tagged = new boolean[ids.length];
        List<EntitySpan> spans = new ArrayList<>();
        Map<String, Integer> spanIndex = new HashMap<>();
        int empty = 0;
        for (EntityMention e : doc.entities()) {
            int type = labels.entityTypes().indexOf(e.type());
            if (type < 0) {
                throw new IllegalArgumentException("document " + doc.documentId() + ": entity " + e.id()
                        + " has type " + e.type() + ", unknown to the model (types " + labels.entityTypes() + ")");
            }
            if (e.end() > doc.text().length()) {
                throw new IllegalArgumentException("document " + doc.documentId() + ": entity " + e.id()
                        + " ends at " + e.end() + " beyond the text length " + doc.text().length());
            }
            List<TokenRange> ranges = EntityTokenRanges.of(offsets, e.fragments());
            if (ranges.isEmpty()) {
                empty++;
                continue;
            }
            spanIndex.put(e.id(), spans.size());
            spans.add(new EntitySpan(type, ranges, 1.0));
        }
        List<EntitySpan> order = new ArrayList<>(spans);
        order.sort(Comparator.comparingInt(EntitySpan::firstToken)
                .thenComparing(Comparator.comparingInt(EntitySpan::tokenCount).reversed()));
        int untagged = 0;
        for (EntitySpan s : order) {
            boolean free = s.ranges().stream().allMatch(r -> {
                for (int i = r.begin(); i < r.end(); i++) {
                    if (tagged[i]) {
                        return false;
                    }
                }
                return true;
            });
            if (!free) {
                untagged++;
                continue;
            }
            for (TokenRange r : s.ranges()) {
                for (int i = r.begin(); i < r.end(); i++) {
                    tags[i] = i == r.begin() ? BioScheme.begin(s.type()) : BioScheme.inside(s.type());
                    tagged[i] = true;
                }
            }
        }
        List<RelationPair> relations = new ArrayList<>();
        int skipped = 0;
        int anchor = labels.anchorTypeIndex();
        Map<String, EntityMention> byId = doc.entitiesById();
        for (RelationMention r : doc.relations()) {
            Integer mod = spanIndex.get(r.modifierId());
            Integer anc = spanIndex.get(r.anchorId());
            if (!byId.containsKey(r.modifierId()) || !byId.containsKey(r.anchorId())) {
                throw new IllegalArgumentException("document " + doc.documentId() + ": relation " + r.id()
                        + " refers to a missing entity");
            }
            int rel = labels.relationTypes().indexOf(r.type());
            if (rel < 0) {
                throw new IllegalArgumentException("document " + doc.documentId() + ": relation " + r.id()
                        + " has type " + r.type() + ", unknown to the model (types " + labels.relationTypes() + ")");
            }
            if (mod == null || anc == null || spans.get(anc).type() != anchor || spans.get(mod).type() == anchor
                    || !labels.allowed(rel, spans.get(mod).type())) {
                skipped++;
                continue;
            }
            relations.add(new RelationPair(mod, anc, rel));
        }
        TrainingExample ex = new TrainingExample(doc.documentId(), ids, tags, spans, relations, input.continuation(),
                input.lines());
        return new Encoded(ex, input, untagged, skipped, empty);
    }
}
