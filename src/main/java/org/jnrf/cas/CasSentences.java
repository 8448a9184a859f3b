package org.jnrf.cas;

import java.util.List;
import java.util.TreeSet;

import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;

/**
 * The sentences that earlier components of a pipeline annotated: DKPro Core's and cTAKES' {@code Sentence}. Their
 * types are looked up by name in the CAS's type system, so neither framework is a dependency.
 */
public final class CasSentences {
    static final List<String> SENTENCE_TYPES = List.of(
            "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
            "org.apache.ctakes.typesystem.type.textspan.Sentence");

    private CasSentences() {
    }

    /** The begin offsets of the CAS's sentence annotations, ascending and distinct; empty when it has none. */
    public static int[] begins(CAS cas) {
        TreeSet<Integer> begins = new TreeSet<>();
        for (String name : SENTENCE_TYPES) {
            Type type = cas.getTypeSystem().getType(name);
            if (type != null) {
                for (AnnotationFS sentence : cas.<AnnotationFS>getAnnotationIndex(type)) {
                    begins.add(sentence.getBegin());
                }
            }
        }
        return begins.stream().mapToInt(Integer::intValue).toArray();
    }
}
