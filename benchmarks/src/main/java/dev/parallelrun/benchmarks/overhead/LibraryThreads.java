package dev.parallelrun.benchmarks.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time the laboratory's own platform threads (those named {@code parallel-run-...}: the dispatcher and
 * the publishing thread) use while no call arrives: what an idle laboratory costs the machine.
 */
final class LibraryThreads {

    private static final String PREFIX = "parallel-run-";

    private LibraryThreads() {}

    /**
     * Waits {@code settleMillis} (for the threads to notice that no call arrives), then measures each library
     * thread's CPU time over {@code measureMillis}, as CPU microseconds per second, by thread name.
     */
    static String idleCpu(long settleMillis, long measureMillis) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return "thread CPU time not supported by this JVM";
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        TimeUnit.MILLISECONDS.sleep(settleMillis);
        List<Thread> library = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) { // platform threads only
            if (thread.getName().startsWith(PREFIX)) {
                library.add(thread);
            }
        }
        long[] before = new long[library.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = threads.getThreadCpuTime(library.get(i).threadId());
        }
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(measureMillis);
        long elapsed = System.nanoTime() - start;
        Map<String, Double> perSecond = new LinkedHashMap<>();
        for (int i = 0; i < before.length; i++) {
            long after = threads.getThreadCpuTime(library.get(i).threadId());
            if (before[i] >= 0 && after >= 0) { // -1: the thread ended meanwhile
                perSecond.merge(library.get(i).getName(), (after - before[i]) / 1e3 / (elapsed / 1e9), Double::sum);
            }
        }
        if (perSecond.isEmpty()) {
            return "no " + PREFIX + "* thread";
        }
        StringBuilder text = new StringBuilder();
        perSecond.forEach((name, micros) -> text.append(text.isEmpty() ? "" : ", ")
                .append(name)
                .append(String.format(
                        Locale.ROOT, " %.0f µs CPU per second (%.3f%% of a core)", micros, micros / 1e4)));
        return text.toString();
    }
}
