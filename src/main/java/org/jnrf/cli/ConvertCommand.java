package org.jnrf.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.uima.fit.pipeline.SimplePipeline;
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
                "Documents that cannot be read are listed in OUT/errors.tsv; the others are still converted."},
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
        SimplePipeline.runPipeline(from.reader(input), to.writer(output), ErrorReportWriter.description(output));
        ErrorReportSummary errors = ErrorReportSummary.read(output);
        errors.print(err);
        err.flush();
        return errors.errorCount() == 0 ? 0 : 3;
    }

    /** Lets picocli accept lower-case format names. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<CorpusFormat> {
        @Override
        public CorpusFormat convert(String value) {
            return CorpusFormat.parse(value);
        }
    }
}
