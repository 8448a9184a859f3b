package org.jnrf.spark;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.CasAnnotations;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.corpus.FailureReasons;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.network.compute.ComputeThreads;
import org.jnrf.type.DocumentError;
import org.jnrf.uima.JnrfAnnotator;

/**
 * Analyses notes on an executor the way {@code ./jnrf annotate} does: each note goes into a CAS, through
 * {@link JnrfAnnotator} (whose model is loaded once per JVM and location, and shared by every task) and is read back
 * with {@link CasAnnotations#read}, so entities, relations, their ids and their order are those annotate writes.
 * One per task thread (a CAS and an engine are not thread-safe), reused by the thread's later tasks.
 */
final class NoteAnalyser {
    private static final ThreadLocal<NoteAnalyser> PER_THREAD = new ThreadLocal<>();
    private static int computeThreadsSet;

    /** What analysing a note gave: the document (empty when it failed before the model) and an error or null. */
    record Analysis(AnnotatedDocument document, String error) {
    }

    private final AnnotationSettings settings;
    private final AnalysisEngine engine;
    private final JCas jcas;

    private NoteAnalyser(AnnotationSettings settings) throws ResourceInitializationException {
        this.settings = settings;
        configureComputeThreads(settings.computeThreads());
        engine = AnalysisEngineFactory.createEngine(JnrfAnnotator.class,
                JnrfAnnotator.PARAM_MODEL_LOCATION, settings.resolveModel().location(),
                JnrfAnnotator.PARAM_MAX_WORD_PIECES, settings.maxWordPieces());
        jcas = engine.newJCas();
    }

    /**
     * This thread's analyser for {@code settings}; the model is loaded on the first call in the JVM.
     *
     * @throws ResourceInitializationException when the model cannot be loaded: the task fails, since no note could
     *                                         be analysed without it
     */
    static NoteAnalyser forThread(AnnotationSettings settings) throws ResourceInitializationException {
        NoteAnalyser analyser = PER_THREAD.get();
        if (analyser == null || !analyser.settings.equals(settings)) {
            analyser = new NoteAnalyser(settings);
            PER_THREAD.set(analyser);
        }
        return analyser;
    }

    /** Threads per product are a JVM-wide setting: set when a task asks for another count than the last one. */
    private static synchronized void configureComputeThreads(int threads) {
        if (computeThreadsSet != threads) {
            ComputeThreads.set(threads);
            computeThreadsSet = threads;
        }
    }

    /** Analyses one note; any failure is an error of this note, never of the task. */
    Analysis analyse(String documentId, String text) {
        jcas.reset();
        jcas.setDocumentLanguage("en");
        jcas.setDocumentText(text);
        SourceDocuments.set(jcas, documentId, null, documentId);
        try {
            engine.process(jcas);
        } catch (Exception e) { // exception types only: messages can quote the note
            return new Analysis(AnnotatedDocument.unannotated(documentId, text),
                    "analysis failed (" + FailureReasons.of(e) + ")");
        }
        List<DocumentError> errors = DocumentErrors.list(jcas);
        String error = errors.isEmpty() ? null
                : errors.stream().map(DocumentError::getMessage).collect(Collectors.joining("; "));
        return new Analysis(CasAnnotations.read(jcas), error);
    }
}
