package dev.parallelrun.report;

import java.nio.file.Path;
import java.time.Clock;

/** Lets tests of other packages use the {@link SampleReport} files. */
public final class SampleReportAccess {

    private SampleReportAccess() {}

    public static Path write(Path dir) {
        return SampleReport.write(dir);
    }

    public static Clock clock() {
        return SampleReport.CLOCK;
    }
}
