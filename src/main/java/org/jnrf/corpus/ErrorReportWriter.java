package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.CASException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ResourceMetaData;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.jnrf.cas.DocumentErrors;
import org.jnrf.cas.DocumentName;
import org.jnrf.cas.SourceDocuments;
import org.jnrf.type.DocumentError;

/**
 * Collects the {@code DocumentError}s of every CAS and writes them to {@code <target>/errors.tsv} (columns
 * documentId, component, message; one header line) when the collection is complete. The file is always written,
 * with just its header when no document had an error, so "no errors" can be told apart from "not run". Rows are
 * sorted by the documents' relative paths (then in the order each document's errors were added), so the report
 * is the same however many threads ran.
 *
 * <p>Thread safety: in a multi-threaded CPE every pipeline replica has its own instance. All instances writing to
 * the same folder share one in-memory report ({@link FolderShared}, keyed by the target folder; the report is its
 * own lock), and each writes the whole shared report at {@code collectionProcessComplete}, atomically
 * (temporary file and rename): the CPE calls it after all documents are processed, so every write has the same full
 * content. A report starts
 * empty when its first instance is initialised and is dropped when its last instance is destroyed. This is simpler
 * and cheaper than appending to a locked file, which would also leave a partial file behind a crash and need a rule
 * for who truncates it at the start.
 */
@ResourceMetaData(name = "JNRF error report writer")
@TypeCapability(inputs = {"org.jnrf.type.DocumentError", "org.jnrf.type.SourceDocument"})
public class ErrorReportWriter extends JCasAnnotator_ImplBase {
    /** Folder receiving {@code errors.tsv}. */
    public static final String PARAM_TARGET_LOCATION = CorpusParameters.PARAM_TARGET_LOCATION;
    @ConfigurationParameter(name = PARAM_TARGET_LOCATION, description = "Folder receiving errors.tsv")
    private String targetLocation;

    public static final String REPORT_FILE_NAME = "errors.tsv";
    /** The header line of {@code errors.tsv}. */
    public static final String HEADER = "documentId\tcomponent\tmessage";
    /** The component named in rows added by {@link #addFailure}. */
    public static final String PIPELINE = "pipeline";

    private record Row(String sortKey, long sequence, String documentId, String component, String message) {
    }

    /** The rows of one target folder, shared by its writer instances; guarded by its own lock. */
    private static final class Report {
        private final List<Row> rows = new ArrayList<>();
        private long sequence;
    }

    private static final FolderShared<Report> REPORTS = new FolderShared<>();

    private Path reportFile;
    private Report report;

    /** A writer of {@code errors.tsv} into {@code targetFolder}. */
    public static AnalysisEngineDescription description(Path targetFolder) throws ResourceInitializationException {
        return AnalysisEngineFactory.createEngineDescription(ErrorReportWriter.class,
                PARAM_TARGET_LOCATION, targetFolder.toString());
    }

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        Path target = Path.of(targetLocation).toAbsolutePath().normalize();
        reportFile = target.resolve(REPORT_FILE_NAME);
        try {
            report = REPORTS.acquire(target, folder -> new Report());
        } catch (IOException e) {
            throw new ResourceInitializationException(e); // making a report does no I/O
        }
    }

    @Override
    public void process(JCas jcas) {
        List<DocumentError> errors = DocumentErrors.list(jcas);
        if (errors.isEmpty()) {
            return;
        }
        synchronized (report) {
            for (DocumentError error : errors) {
                addRow(report, jcas, error.getComponent(), error.getMessage());
            }
        }
    }

    /**
     * Adds a row for a document whose processing failed before it reached the writer of {@code targetFolder} (a CPE
     * drops such a document), so the report still lists it. For a CPE status listener: call it while the writer is
     * initialised, i.e. during the run. The message names the exception types only, since exception messages can
     * quote note text.
     *
     * @return false when no writer of {@code targetFolder} is initialised, so the row could not be added
     */
    public static boolean addFailure(Path targetFolder, CAS cas, Throwable failure) {
        JCas jcas;
        try {
            jcas = cas.getJCas();
        } catch (CASException e) {
            return false;
        }
        Report shared = REPORTS.find(targetFolder);
        if (shared == null) {
            return false;
        }
        synchronized (shared) {
            addRow(shared, jcas, PIPELINE, "processing failed (" + FailureReasons.of(failure) + ")");
        }
        return true;
    }

    private static void addRow(Report report, JCas jcas, String component, String message) {
        String documentId = SourceDocuments.describe(jcas);
        String sortKey = SourceDocuments.name(jcas).map(DocumentName::relativePath).orElse(documentId);
        report.rows.add(new Row(sortKey == null ? documentId : sortKey, report.sequence++, documentId, component,
                message));
    }

    @Override
    public void collectionProcessComplete() throws AnalysisEngineProcessException {
        StringBuilder tsv = new StringBuilder(HEADER).append('\n');
        synchronized (report) {
            List<Row> rows = new ArrayList<>(report.rows);
            rows.sort(Comparator.comparing(Row::sortKey).thenComparingLong(Row::sequence));
            for (Row row : rows) {
                tsv.append(line(row.documentId(), row.component(), row.message())).append('\n');
            }
            try {
                Files.createDirectories(reportFile.getParent());
                OutputFiles.writeAtomically(reportFile, tsv.toString());
            } catch (IOException e) {
                throw new AnalysisEngineProcessException(e);
            }
        }
    }

    @Override
    public void destroy() {
        if (report != null) {
            REPORTS.release(Path.of(targetLocation));
            report = null;
        }
        super.destroy();
    }

    /** One row of {@code errors.tsv}, without its line break (for reports gathered elsewhere, e.g. by a Spark job). */
    public static String line(String documentId, String component, String message) {
        return field(documentId) + '\t' + field(component) + '\t' + field(message);
    }

    /** A TSV field: tabs and line breaks would break the row, so they become spaces. */
    private static String field(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
