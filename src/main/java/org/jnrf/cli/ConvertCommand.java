package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.collection.CollectionReader;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.CollectionReaderFactory;
import org.apache.uima.util.CasCreationUtils;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.corpus.CorpusFormat;
import org.jnrf.corpus.ErrorReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jnrf convert --from brat --to xmi IN OUT}: converts an annotated corpus between formats. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts an annotated corpus folder between formats (BRAT n2c2 <-> XMI, or to JSON).",
                "Documents that cannot be read or written are listed in OUT/errors.tsv; the others are still "
                        + "converted."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all documents converted", "2:bad arguments", "3:some documents had problems (see errors.tsv)",
                "1:the run failed"})
public final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "Input format: brat, xmi or text.",
            converter = FormatConverter.class)
    CorpusFormat from;

    @Option(names = "--to", required = true, description = "Output format: brat, xmi or json.",
            converter = FormatConverter.class)
    CorpusFormat to;

    @Parameters(index = "0", description = "Input folder.")
    Path input;

    @Parameters(index = "1", description = "Output folder (created if missing).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Inputs.requireFolder(spec, input, "IN");
        Files.createDirectories(output);
        convertEachDocument();
        ErrorReportSummary errors = ErrorReportSummary.read(output);
        errors.print(err);
        err.flush();
        return errors.errorCount() == 0 ? 0 : 3;
    }

    /**
     * Reads and writes one document at a time, so that a document the writer cannot write becomes a row of the error
     * report instead of stopping the batch (uimaFIT's SimplePipeline stops at the first exception).
     */
    private void convertEachDocument() throws Exception {
        CollectionReader reader = CollectionReaderFactory.createReader(from.reader(input));
        AnalysisEngine writer = AnalysisEngineFactory.createEngine(to.writer(output));
        AnalysisEngine report = AnalysisEngineFactory.createEngine(ErrorReportWriter.description(output));
        try {
            CAS cas = CasCreationUtils.createCas(List.of(reader.getProcessingResourceMetaData(),
                    writer.getAnalysisEngineMetaData(), report.getAnalysisEngineMetaData()));
            while (reader.hasNext()) {
                cas.reset();
                reader.getNext(cas);
                try {
                    writer.process(cas);
                } catch (AnalysisEngineProcessException e) {
                    DocumentErrors.add(cas.getJCas(), to + " writer", "not written: " + problem(e));
                }
                report.process(cas);
            }
            writer.collectionProcessComplete();
            report.collectionProcessComplete();
        } finally {
            reader.close();
            reader.destroy();
            writer.destroy();
            report.destroy();
        }
    }

    /**
     * The innermost cause's kind, and its message where that is one of ours or an I/O error (they name files, ids
     * and offsets); other libraries' messages may quote the document.
     */
    private static String problem(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean safeMessage = root instanceof java.io.IOException || (root.getStackTrace().length > 0
                && root.getStackTrace()[0].getClassName().startsWith("org.jnrf."));
        return root.getClass().getSimpleName() + (safeMessage && root.getMessage() != null ? ": " + root.getMessage()
                : "");
    }

    /** Lets picocli accept lower-case format names. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<CorpusFormat> {
        @Override
        public CorpusFormat convert(String value) {
            return CorpusFormat.parse(value);
        }
    }
}
