package dev.parallelrun.benchmarks.overhead;

import java.lang.management.ManagementFactory;

/**
 * Platform threads alive and heap in use after a full collection: what a slow candidate must not grow.
 * Virtual threads are not platform threads; {@link InFlight} counts those.
 *
 * @param platformThreads live platform threads of the JVM
 * @param heapUsedBytes heap in use after {@link System#gc()}
 */
record Footprint(int platformThreads, long heapUsedBytes) {

    /** Collects the heap, then measures. Only for set-up and tear-down: a full collection is slow. */
    static Footprint afterGc() {
        System.gc();
        return new Footprint(
                ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    @Override
    public String toString() {
        return platformThreads + " platform threads, " + (heapUsedBytes >> 20) + " MiB heap after GC";
    }
}
