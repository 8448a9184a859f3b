package org.jnrf.uima;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.apache.uima.UIMAException;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.cas.CAS;
import org.apache.uima.collection.CollectionProcessingEngine;
import org.apache.uima.collection.CollectionReaderDescription;
import org.apache.uima.collection.EntityProcessStatus;
import org.apache.uima.collection.StatusCallbackListener;
import org.apache.uima.collection.impl.metadata.cpe.CpeCasProcessorsImpl;
import org.apache.uima.collection.metadata.CpeCasProcessor;
import org.apache.uima.collection.metadata.CpeDescriptorException;
import org.apache.uima.fit.cpe.CpeBuilder;
import org.apache.uima.fit.factory.AnalysisEngineFactory;

/**
 * Runs a reader and engines as a UIMA Collection Processing Engine with a given number of processing threads, waits
 * for the end, and reports each document to a callback (for progress bars and summaries). Components that do not
 * allow multiple deployment (writers that collect a report) run once, after the parallel part.
 */
public final class CpeRunner {
    /**
     * Called once per document after all engines ran on it; {@code failure} is null when it succeeded. A document
     * whose engine threw is not passed to the engines after that one.
     */
    public interface DocumentListener {
        void documentDone(CAS cas, Throwable failure);
    }

    private final int threads;

    public CpeRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Processes the whole collection.
     *
     * @return failures of whole-pipeline scope (not tied to a document), empty when the run completed normally
     */
    public List<Throwable> run(CollectionReaderDescription reader, DocumentListener listener,
                               AnalysisEngineDescription... engines) throws UIMAException {
        CpeBuilder builder = new CpeBuilder();
        try {
            builder.setReader(reader);
            builder.setAnalysisEngine(AnalysisEngineFactory.createEngineDescription(engines));
        } catch (Exception e) {
            throw new UIMAException(e);
        }
        builder.setMaxProcessingUnitThreadCount(threads);
        continueAfterDocumentFailures(builder);
        Completion completion = new Completion(listener);
        CollectionProcessingEngine cpe;
        try {
            cpe = builder.createCpe(completion);
        } catch (Exception e) {
            throw new UIMAException(e);
        }
        cpe.process();
        completion.await();
        return completion.failures();
    }

    /**
     * uimaFIT's CPE stops at the first exception; a batch over millions of notes must instead record the failing
     * note (the listener sees it) and go on with the rest. The failing CAS is dropped: by default the CPE would
     * retry it, and a document that fails the same way each time (most do) would be retried forever.
     */
    private static void continueAfterDocumentFailures(CpeBuilder builder) throws UIMAException {
        try {
            ((CpeCasProcessorsImpl) builder.getCpeDescription().getCpeCasProcessors()).setDropCasOnException(true);
            for (CpeCasProcessor processor : builder.getCpeDescription().getCpeCasProcessors()
                    .getAllCpeCasProcessors()) {
                processor.setActionOnMaxError("continue");
                processor.setMaxErrorCount(Integer.MAX_VALUE);
            }
        } catch (CpeDescriptorException e) {
            throw new UIMAException(e);
        }
    }

    private static final class Completion implements StatusCallbackListener {
        private final DocumentListener listener;
        private final CountDownLatch done = new CountDownLatch(1);
        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

        Completion(DocumentListener listener) {
            this.listener = listener;
        }

        @Override
        public void entityProcessComplete(CAS cas, EntityProcessStatus status) {
            Throwable failure = null;
            if (status != null && status.isException()) {
                List<Exception> exceptions = status.getExceptions();
                failure = exceptions.isEmpty() ? new IllegalStateException(status.getStatusMessage())
                        : exceptions.get(0);
            }
            if (listener != null) {
                listener.documentDone(cas, failure);
            }
        }

        @Override
        public void initializationComplete() {
        }

        @Override
        public void batchProcessComplete() {
        }

        @Override
        public void collectionProcessComplete() {
            done.countDown();
        }

        @Override
        public void paused() {
        }

        @Override
        public void resumed() {
        }

        @Override
        public void aborted() {
            failures.add(new IllegalStateException("the collection processing engine aborted"));
            done.countDown();
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }

        List<Throwable> failures() {
            return List.copyOf(failures);
        }
    }
}
