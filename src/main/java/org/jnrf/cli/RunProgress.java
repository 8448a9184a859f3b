package org.jnrf.cli;

import me.tongfei.progressbar.ProgressBar;
import org.jnrf.uima.ProgressBars;

/**
 * Progress of a run on stderr (see {@link ProgressBars}: a bar on a terminal, plain lines otherwise), or nothing;
 * safe to step from several processing threads.
 */
final class RunProgress implements AutoCloseable {
    private final ProgressBar bar;

    /** Progress over {@code total} notes; {@code show} false (the --no-progress option) prints nothing at all. */
    RunProgress(String task, long total, boolean show) {
        bar = show ? ProgressBars.onStderr(task, total, " notes") : null;
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
