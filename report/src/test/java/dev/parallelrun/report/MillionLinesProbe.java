package dev.parallelrun.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM with a small heap by {@link MillionLinesTest}: reads the file named by its argument and
 * prints {@code key=value} lines: counts from the summary, the time taken and the heap used.
 */
public final class MillionLinesProbe {

    private MillionLinesProbe() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Summary summary = ReportReader.builder().build().read(List.of(Path.of(args[0])));
        long elapsed = System.nanoTime() - started;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ReadStats read = summary.read();
        System.out.println("lines=" + read.lines());
        System.out.println("resultLines=" + read.resultLines());
        System.out.println("summaryLines=" + read.summaryLines());
        System.out.println("badLines=" + read.badLines());
        System.out.println("experiments=" + summary.experiments().size());
        for (ExperimentSummary experiment : summary.experiments()) {
            String name = experiment.experiment();
            System.out.println(name + ".sampled=" + experiment.totals().sampled());
            System.out.println(name + ".mismatches="
                    + experiment.totals().all().count(dev.parallelrun.experiment.Outcome.MISMATCH));
            System.out.println(name + ".groups=" + experiment.groups().size());
            System.out.println(name + ".grouped=" + experiment.groupedResults());
            System.out.println(name + ".examples="
                    + experiment.groups().stream()
                            .mapToInt(g -> g.examples().size())
                            .sum());
            System.out.println(name + ".noisy="
                    + String.join(
                            ",",
                            experiment.noisyPaths().stream()
                                    .map(NoisyPath::path)
                                    .toList()));
            System.out.println(name + ".jvms=" + experiment.jvms());
        }
        System.out.println("elapsedMillis=" + elapsed / 1_000_000);
        System.out.println("peakHeapBytes=" + peak);
        System.out.println("retainedHeapBytes=" + retained);
        System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
        System.out.println(TerminalReport.class.getSimpleName() + ".chars="
                + new TerminalReport(TerminalReport.Style.plain())
                        .render(summary)
                        .length());
        System.out.println("htmlChars=" + HtmlReport.render(summary).length());
    }
}
