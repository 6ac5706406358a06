package dev.parallelrun.experiment.migration;

/** One of the two sides of a migration: the store or code path being left, and the one replacing it. */
public enum Side {
    /** The side being migrated from: authoritative until LIVE. */
    OLD,
    /** The side being migrated to: authoritative from LIVE on. */
    NEW;

    /** The other side. */
    public Side other() {
        return this == OLD ? NEW : OLD;
    }
}
