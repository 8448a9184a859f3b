package org.jnrf.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for long runs; safe to step from several processing threads. */
final class RunProgress implements AutoCloseable {
    private final ProgressBar bar;

    RunProgress(String task, long total) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" notes", 1)
                .showSpeed()
                .build();
    }

    void step() {
        bar.step();
    }

    void extraMessage(String message) {
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
