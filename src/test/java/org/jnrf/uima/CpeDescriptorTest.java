package org.jnrf.uima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.uima.UIMAFramework;
import org.apache.uima.cas.CAS;
import org.apache.uima.collection.CollectionProcessingEngine;
import org.apache.uima.collection.EntityProcessStatus;
import org.apache.uima.collection.StatusCallbackListener;
import org.apache.uima.collection.impl.metadata.cpe.CpeDescriptorFactory;
import org.apache.uima.collection.metadata.CasProcessorConfigurationParameterSettings;
import org.apache.uima.collection.metadata.CpeCasProcessor;
import org.apache.uima.collection.metadata.CpeCollectionReader;
import org.apache.uima.collection.metadata.CpeDescription;
import org.apache.uima.util.XMLInputSource;
import org.jnrf.corpus.CorpusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generated CPE descriptor in desc/ itself, as a batch user would, with its 2 processing threads. */
class CpeDescriptorTest {
    private static final Path CPE = Path.of("desc", DescriptorGenerator.CPE_FILE);

    @TempDir
    Path dir;

    @Test
    void theCpeDescriptorAnnotatesAFolderOfNotesWithTwoThreads() throws Exception {
        Path notes = TestModels.copyDevNotes(dir.resolve("notes"), 10);
        Files.write(notes.resolve("broken.txt"), new byte[] {'x', (byte) 0xFE});
        Path out = dir.resolve("out");

        CpeDescription cpe = UIMAFramework.getXMLParser().parseCpeDescription(new XMLInputSource(CPE.toFile()));
        assertEquals(2, cpe.getCpeCasProcessors().getConcurrentPUCount(), "the descriptor asks for 2 threads");
        CpeCollectionReader reader = cpe.getAllCollectionCollectionReaders()[0];
        reader.setConfigurationParameterSettings(settings("sourceLocations", new String[] {notes.toString()}));
        CpeCasProcessor aggregate = cpe.getCpeCasProcessors().getCpeCasProcessor(0);
        CasProcessorConfigurationParameterSettings overrides = settings(DescriptorGenerator.PARAM_OUTPUT_FOLDER,
                out.toString());
        overrides.setParameterValue(DescriptorGenerator.PARAM_MODEL_LOCATION, TestModels.trainedModel().toString());
        aggregate.setConfigurationParameterSettings(overrides);

        CollectionProcessingEngine engine = UIMAFramework.produceCollectionProcessingEngine(cpe);
        Completion completion = new Completion();
        engine.addStatusCallbackListener(completion);
        engine.process();
        assertTrue(completion.done.await(5, TimeUnit.MINUTES), "the CPE finished");

        assertEquals(11, completion.documents.get(), "every note went through");
        assertEquals(0, completion.failures.get());
        assertEquals(10, CorpusFiles.listBySuffix(out, ".ann").size());
        assertEquals(10, CorpusFiles.listBySuffix(out, ".xmi").size());
        assertEquals(10, CorpusFiles.listBySuffix(out, ".json").size());
        String report = Files.readString(out.resolve("errors.tsv"));
        assertTrue(report.contains("broken\t"), report);
    }

    private static CasProcessorConfigurationParameterSettings settings(String name, Object value) {
        CasProcessorConfigurationParameterSettings settings =
                CpeDescriptorFactory.produceCasProcessorConfigurationParameterSettings();
        settings.setParameterValue(name, value);
        return settings;
    }

    private static final class Completion implements StatusCallbackListener {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger documents = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void entityProcessComplete(CAS cas, EntityProcessStatus status) {
            documents.incrementAndGet();
            if (status.isException()) {
                failures.incrementAndGet();
            }
        }

        @Override
        public void collectionProcessComplete() {
            done.countDown();
        }

        @Override
        public void aborted() {
            done.countDown();
        }

        @Override
        public void initializationComplete() {
        }

        @Override
        public void batchProcessComplete() {
        }

        @Override
        public void paused() {
        }

        @Override
        public void resumed() {
        }
    }
}
