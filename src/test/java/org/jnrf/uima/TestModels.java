package org.jnrf.uima;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jnrf.corpus.BratCorpus;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.document.AnnotatedDocument;
import org.jnrf.model.JnrfModel;
import org.jnrf.testing.TestCorpora;
import org.jnrf.training.Trainer;
import org.jnrf.training.TrainingConfig;
import org.jnrf.training.TrainingListener;

/**
 * A small JNRF model really trained on real PHEE documents, once per test JVM: the UIMA, cTAKES and command-line
 * tests run it instead of a random network, so what they see is what a user sees (only smaller).
 */
public final class TestModels {
    public static final Path PHEE_TRAIN = TestCorpora.PHEE_TRAIN;
    public static final Path PHEE_DEV = TestCorpora.PHEE_DEV;
    private static final int TRAINING_DOCUMENTS = 40;

    private static Path model;
    private static List<AnnotatedDocument> training;

    private TestModels() {
    }

    /** The trained model's zip file (trained on the first call, then reused). */
    public static synchronized Path trainedModel() {
        if (model == null) {
            try {
                TrainingConfig config = TrainingConfig.builder().width(32).layers(2).expansion(2).epochs(16)
                        .learningRate(6e-3).vocabularySize(3000).patience(0).seed(7).build();
                JnrfModel trained = new Trainer(config).train(trainingDocuments(), List.of(),
                        TrainingListener.devLoss());
                Path file = Files.createTempFile("jnrf-test-model", ".zip");
                file.toFile().deleteOnExit();
                trained.save(file);
                model = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    /** A text the model was trained on, so it finds entities in it. */
    public static String someTrainingText() {
        return trainingDocuments().stream().filter(d -> d.entities().size() >= 3).findFirst().orElseThrow().text();
    }

    /** Copies the first {@code count} PHEE dev notes (text only) into {@code target}. */
    public static Path copyDevNotes(Path target, int count) throws IOException {
        Files.createDirectories(target);
        for (Path txt : CorpusFiles.listBySuffix(PHEE_DEV, ".txt").subList(0, count)) {
            Files.copy(txt, target.resolve(txt.getFileName()));
        }
        return target;
    }

    /** Copies the first {@code count} documents (.txt and .ann) of a BRAT corpus folder into {@code target}. */
    public static Path copyCorpus(Path from, Path target, int count) throws IOException {
        Files.createDirectories(target);
        for (Path ann : CorpusFiles.listBySuffix(from, ".ann").subList(0, count)) {
            Files.copy(ann, target.resolve(ann.getFileName()));
            Path txt = CorpusFiles.sibling(ann, ".txt");
            Files.copy(txt, target.resolve(txt.getFileName()));
        }
        return target;
    }

    private static synchronized List<AnnotatedDocument> trainingDocuments() {
        if (training == null) {
            try {
                training = BratCorpus.readAll(PHEE_TRAIN).subList(0, TRAINING_DOCUMENTS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + PHEE_TRAIN, e);
            }
        }
        return training;
    }
}
