package dev.parallelrun.benchmarks.overhead;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.openjdk.jmh.infra.BenchmarkParams;

/** What the scenarios' set-ups and tear-downs share. Nothing here runs inside a measured method. */
final class Scenarios {

    private static final long PATIENCE = TimeUnit.SECONDS.toNanos(10);

    private Scenarios() {}

    /** The name of the benchmark method the trial runs: it picks what a scenario builds, and labels what it prints. */
    static String method(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * Waits until {@code finished} counts {@code calls} candidates: spins first, as a candidate usually ends within
     * microseconds, then parks between looks, and fails after 10 s.
     */
    static void awaitCandidates(LongSupplier finished, long calls) {
        long deadline = 0;
        int spins = 0;
        while (finished.getAsLong() < calls) {
            if (++spins < 1_000) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + PATIENCE;
            } else if (now - deadline > 0) {
                throw new IllegalStateException("the candidate of call " + calls + " did not finish in 10 s");
            }
            LockSupport.parkNanos(10_000);
        }
    }
}
