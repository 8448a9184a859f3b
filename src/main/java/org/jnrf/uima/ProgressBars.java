package org.jnrf.uima;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr for long runs. On a terminal: a bar redrawn in place. Otherwise (stderr redirected to a file or
 * a pipe, as in batch jobs): a plain line now and then and one at the end, because a redrawn bar writes a
 * carriage-return frame every fraction of a second and fills the log with them.
 */
public final class ProgressBars {
    /** How often a redirected stderr gets a progress line. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(30);
    private static final int BAR_INTERVAL_MILLIS = 250;
    private static final int LINE_LENGTH = 120;

    private ProgressBars() {
    }

    /** A bar or periodic lines on {@link System#err}, whichever suits where stderr goes. */
    public static ProgressBar onStderr(String task, long total, String unit) {
        return create(task, total, unit, System.err, stderrIsTerminal(), LINE_INTERVAL);
    }

    /**
     * A progress display on {@code err}: a bar when {@code terminal}, else a line every {@code lineInterval} and at
     * the end.
     */
    static ProgressBar create(String task, long total, String unit, PrintStream err, boolean terminal,
                              Duration lineInterval) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).showSpeed();
        if (terminal) {
            return builder.setUpdateIntervalMillis(BAR_INTERVAL_MILLIS).build();
        }
        AtomicReference<String> last = new AtomicReference<>("");
        return builder.setUpdateIntervalMillis((int) Math.min(Integer.MAX_VALUE, lineInterval.toMillis()))
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    // closing the bar renders its final state twice
                    if (!last.getAndSet(line.strip()).equals(line.strip())) {
                        err.println(line.strip());
                        err.flush();
                    }
                }, LINE_LENGTH))
                .build();
    }

    /**
     * Whether stderr is a terminal. Java cannot ask about stderr alone ({@link System#console()} needs stdin and
     * stdout to be terminals too), so on Linux this reads where file descriptor 2 points.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException e) {
            // not Linux, or not allowed to look: fall back to Java's own test
        }
        return System.console() != null;
    }
}
