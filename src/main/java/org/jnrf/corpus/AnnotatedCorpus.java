package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.uima.fit.pipeline.JCasIterable;
import org.apache.uima.jcas.JCas;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.document.AnnotatedDocument;

/** Reads a whole annotated corpus folder (BRAT or XMI, detected) into memory, through the same readers as pipelines. */
public final class AnnotatedCorpus {
    private AnnotatedCorpus() {
    }

    /**
     * The documents of a folder that could be read, in the readers' order, and one line per problem of the others
     * ({@code documentId: file, line N: problem}).
     */
    public record Contents(List<AnnotatedDocument> documents, List<String> problems) {
        public Contents {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
        }
    }

    /**
     * All documents of the folder, in the readers' order.
     *
     * @throws IOException when the folder holds no corpus or a document could not be read (named in the message)
     */
    public static List<AnnotatedDocument> read(Path folder) throws IOException {
        Contents contents = readReadable(folder);
        List<String> problems = contents.problems();
        if (!problems.isEmpty()) {
            throw new IOException("corpus " + folder + " has " + problems.size() + " broken document(s): "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; ..." : ""));
        }
        return contents.documents();
    }

    /**
     * The documents of the folder that can be read, and the problems of those that cannot.
     *
     * @throws IOException when the folder holds no corpus or cannot be read
     */
    public static Contents readReadable(Path folder) throws IOException {
        CorpusFormat format = CorpusFormat.detect(folder);
        List<AnnotatedDocument> documents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (JCas jcas : new JCasIterable(format.reader(folder))) {
                String id = SourceDocuments.describe(jcas);
                if (DocumentErrors.hasAny(jcas)) {
                    DocumentErrors.list(jcas).forEach(e -> problems.add(id + ": " + e.getMessage()));
                    continue;
                }
                AnnotatedDocument doc = CasAnnotations.read(jcas);
                documents.add(new AnnotatedDocument(id, doc.text(), doc.entities(), doc.relations()));
            }
        } catch (RuntimeException | org.apache.uima.resource.ResourceInitializationException e) {
            throw new IOException("cannot read corpus " + folder + ": " + e.getMessage(), e);
        }
        return new Contents(documents, problems);
    }
}
