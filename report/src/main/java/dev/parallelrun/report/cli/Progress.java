package dev.parallelrun.report.cli;

import dev.parallelrun.report.ReadListener;
import dev.parallelrun.report.ReadProblem;
import dev.parallelrun.report.TerminalReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Prints read problems to standard error as they come, their control characters shown as {@code \\u} escapes
 * (a file name or a line's text must not drive the terminal), and, when standard error is a terminal and the reading
 * takes longer than {@link #DELAY_MILLIS}, a one-line progress indicator that it redraws in place and clears at
 * the end. Never a progress line otherwise: a pipe or a log gets only the problems.
 */
final class Progress implements ReadListener, AutoCloseable {

    static final long DELAY_MILLIS = 1_500;
    private static final long TICK_MILLIS = 250;
    private static final int MAX_PRINTED_PROBLEMS = 50;

    private final PrintWriter err;
    private final boolean strict;
    private final Object lock = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long started = System.nanoTime();
    private final @Nullable Thread painter;
    private volatile ReadProgress progress = new ReadProgress(0, 0, 0, 0, 0);
    private int printedProblems;
    private int drawnWidth;

    Progress(PrintWriter err, boolean strict, boolean indicator) {
        this.err = err;
        this.strict = strict;
        this.painter =
                indicator ? Thread.ofPlatform().daemon().name("report-progress").unstarted(this::paint) : null;
        if (painter != null) {
            painter.start();
        }
    }

    @Override
    public void problem(ReadProblem problem) {
        synchronized (lock) {
            clear();
            if (printedProblems < MAX_PRINTED_PROBLEMS) {
                err.println((strict ? "error: " : "warning: ")
                        + TerminalReport.escapeControls(problem.toString())
                        + (strict ? "" : " (skipped)"));
            } else if (printedProblems == MAX_PRINTED_PROBLEMS) {
                err.println("warning: further bad lines are counted in the summary, not printed");
            }
            printedProblems++;
            err.flush();
        }
    }

    @Override
    public void progress(ReadProgress progress) {
        this.progress = progress;
    }

    private void paint() {
        try {
            if (finished.await(DELAY_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
            do {
                draw();
            } while (!finished.await(TICK_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        ReadProgress now = progress;
        double seconds = (System.nanoTime() - started) / 1e9;
        String line = String.format(
                Locale.ROOT,
                "reading: %3.0f%%, file %d of %d, %,d lines, %.1f MB, %.0f s",
                now.fraction() * 100,
                Math.min(now.files(), now.filesRead() + 1),
                now.files(),
                now.lines(),
                now.bytesRead() / 1e6,
                seconds);
        synchronized (lock) {
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
            err.flush();
        }
    }

    /** Erases the progress line, if one is drawn. Called under the lock. */
    private void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
    }

    @Override
    public void close() {
        finished.countDown();
        if (painter != null) {
            try {
                painter.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            clear();
            err.flush();
        }
    }
}
