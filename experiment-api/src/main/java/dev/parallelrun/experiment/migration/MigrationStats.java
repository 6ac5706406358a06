package dev.parallelrun.experiment.migration;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.ExperimentStats;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a migration's counts. Calls are counted on the caller's path; what the sampled comparisons found is in
 * {@link #shadowReads()} and {@link #liveReads()}, the statistics of the two experiments that compare reads.
 *
 * @param migration the migration's name
 * @param stage the stage in effect
 * @param sourceStage what the stage source last said successfully, or {@code null} when it never has
 * @param rollback the automatic rollback awaiting acknowledgement, or {@code null}
 * @param stageSince when the stage in effect began
 * @param reads read calls
 * @param fallbacks reads the new side failed (threw or timed out) that the old side answered
 * @param writes write calls
 * @param writeFailures writes of the other side that failed after the authoritative one succeeded: each is a
 *     {@link WriteFailure}
 * @param stageChanges entries of the timeline, the first one included
 * @param stageSourceFaults calls on which the stage source threw or returned {@code null} (the last stage was kept)
 * @param unpublished stage changes and write failures the publishing queue had no room for
 * @param oldSide what the old side did on the callers' path
 * @param newSide what the new side did on the callers' path
 * @param shadowReads the statistics of the SHADOW comparisons (control: old, candidate: new)
 * @param liveReads the statistics of the LIVE comparisons (control: new, candidate: old)
 */
public record MigrationStats(
        String migration,
        Stage stage,
        @Nullable Stage sourceStage,
        @Nullable StageChange rollback,
        Instant stageSince,
        long reads,
        long fallbacks,
        long writes,
        long writeFailures,
        long stageChanges,
        long stageSourceFaults,
        long unpublished,
        SideStats oldSide,
        SideStats newSide,
        ExperimentStats shadowReads,
        ExperimentStats liveReads) {

    /** Checks the parts. */
    public MigrationStats {
        requireNonNull(migration, "migration");
        requireNonNull(stage, "stage");
        requireNonNull(stageSince, "stageSince");
        requireNonNull(oldSide, "oldSide");
        requireNonNull(newSide, "newSide");
        requireNonNull(shadowReads, "shadowReads");
        requireNonNull(liveReads, "liveReads");
    }

    /**
     * What one side did on the callers' path: reads it served or answered as a fallback, and writes it made, first
     * or second. Reads made only to be compared are not here: they are the experiments' candidate runs.
     *
     * @param reads reads run on the callers' path
     * @param readErrors those that threw (or, for the new side, timed out)
     * @param writes writes run, authoritative or other
     * @param writeErrors those that threw
     */
    public record SideStats(long reads, long readErrors, long writes, long writeErrors) {}

    /** {@link #oldSide()} or {@link #newSide()}. */
    public SideStats side(Side side) {
        return side == Side.OLD ? oldSide : newSide;
    }

    /** True while an automatic rollback awaits acknowledgement. */
    public boolean rolledBack() {
        return rollback != null;
    }

    /** The counts as a person reads them, over a few lines. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("migration '")
                .append(migration)
                .append("': ")
                .append(stage)
                .append(" since ")
                .append(stageSince);
        if (rollback != null) {
            text.append(" (ROLLED BACK, awaiting acknowledgement: ")
                    .append(rollback.reason())
                    .append(')');
        } else if (sourceStage != null && sourceStage != stage) {
            text.append(" (source says ").append(sourceStage).append(')');
        }
        text.append("\n  reads ")
                .append(reads)
                .append(", fallbacks to old ")
                .append(fallbacks)
                .append("; writes ")
                .append(writes)
                .append(", failed other writes ")
                .append(writeFailures);
        text.append("\n  old side: ")
                .append(describe(oldSide))
                .append("\n  new side: ")
                .append(describe(newSide));
        if (stageSourceFaults > 0) {
            text.append("\n  stage source faults ").append(stageSourceFaults);
        }
        if (unpublished > 0) {
            text.append("\n  not published (queue full) ").append(unpublished);
        }
        return text.toString();
    }

    private static String describe(SideStats side) {
        return side.reads() + " reads (" + side.readErrors() + " failed), " + side.writes() + " writes ("
                + side.writeErrors() + " failed)";
    }
}
