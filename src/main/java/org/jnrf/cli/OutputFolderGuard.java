package org.jnrf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jnrf.corpus.BratCorpus;
import org.jnrf.corpus.CorpusFiles;
import org.jnrf.corpus.ErrorReportWriter;

/**
 * Tells whether an output folder would mix a run's outputs with files it must not overwrite: the input notes
 * themselves, or a BRAT corpus (its gold {@code .ann} files have the names annotate writes). A folder of an earlier
 * run is fine: runs always leave {@code errors.tsv} at its top, a corpus does not have one.
 */
final class OutputFolderGuard {
    private OutputFolderGuard() {
    }

    /** Why {@code out} must not receive the outputs of {@code notes}, or empty when it may. */
    static Optional<String> problem(Path out, Collection<Path> notes) throws IOException {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        Path outReal = out.toRealPath();
        for (Path note : notes) {
            if (Files.exists(note) && note.toRealPath().startsWith(outReal)) {
                return Optional.of(out + " holds the input note " + note
                        + ": outputs would be mixed with the notes, and a gold .ann beside a note overwritten");
            }
        }
        if (!Files.exists(out.resolve(ErrorReportWriter.REPORT_FILE_NAME))) {
            List<Path> annFiles = CorpusFiles.listBySuffix(out, BratCorpus.ANN_EXTENSION);
            if (!annFiles.isEmpty()) {
                return Optional.of(out + " holds " + annFiles.size() + " .ann file(s) that are not the outputs of "
                        + "an earlier run (there is no " + ErrorReportWriter.REPORT_FILE_NAME + "), e.g. "
                        + annFiles.get(0) + ": a BRAT corpus? Its annotations would be overwritten");
            }
        }
        return Optional.empty();
    }
}
