package dev.parallelrun.benchmarks.workload;

/** The currencies of the workload, with a fixed rate to the euro in millionths (no clock, no feed). */
public enum Currency {
    EUR(1_000_000),
    USD(921_700),
    GBP(1_168_300),
    CHF(1_047_900);

    private final long microEuros;

    Currency(long microEuros) {
        this.microEuros = microEuros;
    }

    /** What one unit of this currency is worth in millionths of a euro. */
    public long microEuros() {
        return microEuros;
    }
}
