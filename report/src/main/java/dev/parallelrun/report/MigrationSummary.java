package dev.parallelrun.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the files say about one migration: where it stands, how it got there, whether it may advance, and which keys
 * its failed writes left for a backfill.
 *
 * <p>Three line types feed it (see the json-lines publisher's {@code FORMAT.md}): {@code "stage"} lines give the
 * {@link #timeline()} and its {@link #rollbacks()}; {@code "writeFailure"} lines give the {@link #writeFailures()}
 * with their keys; {@code "migration"} summary lines give each JVM's {@link #positions() position}, the
 * {@link #counts()} and the {@link #readiness()} verdict. Its read comparisons are two experiments,
 * {@link #shadowExperiment()} and {@link #liveExperiment()}, reported as any experiment is. Every JVM runs its own
 * copy of a migration (its own stage, rollbacks and verdict), so positions are per JVM.
 *
 * @param migration the migration's name
 * @param firstSeen the earliest line's time in the window, or {@code null} when none
 * @param lastSeen the latest line's time in the window, or {@code null} when none
 * @param positions where it stands in each JVM that wrote about it, by host then JVM
 * @param timeline the stage changes in the window, oldest first (the latest 500)
 * @param timelineOmitted stage changes in the window left out of {@code timeline} (the oldest)
 * @param rollbacks the automatic rollbacks in the window, oldest first (the latest 100), each with whether it was
 *     acknowledged
 * @param readiness whether SHADOW may advance to LIVE, as the latest migration summary line wrote it, or
 *     {@code null} without one
 * @param readinessAt the time of that line, or {@code null}
 * @param readinessHost the host that wrote it, or {@code null}
 * @param counts the counts of each JVM's latest migration summary line, added, or {@code null} without one
 * @param writeFailures the failed writes of the other side in the window
 * @param shadowExperiment the experiment that compares reads in SHADOW (control: old, candidate: new)
 * @param liveExperiment the experiment that compares reads in LIVE (control: new, candidate: old)
 * @param stageLines stage lines counted
 * @param writeFailureLines write-failure lines counted
 * @param summaryLines migration summary lines used
 * @param nextSteps what to do: a rollback to look at and acknowledge, keys to backfill, whether to advance
 * @param notes what could not be computed, or is approximate, and why; for a person
 */
public record MigrationSummary(
        String migration,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        List<Position> positions,
        List<StageEntry> timeline,
        long timelineOmitted,
        List<Rollback> rollbacks,
        @Nullable Verdict readiness,
        @Nullable Instant readinessAt,
        @Nullable String readinessHost,
        @Nullable Counts counts,
        WriteFailures writeFailures,
        String shadowExperiment,
        String liveExperiment,
        long stageLines,
        long writeFailureLines,
        long summaryLines,
        List<NextStep> nextSteps,
        List<String> notes) {

    /** Checks the parts and copies the lists. */
    public MigrationSummary {
        requireNonNull(migration, "migration");
        positions = List.copyOf(positions);
        timeline = List.copyOf(timeline);
        rollbacks = List.copyOf(rollbacks);
        requireNonNull(writeFailures, "writeFailures");
        requireNonNull(shadowExperiment, "shadowExperiment");
        requireNonNull(liveExperiment, "liveExperiment");
        nextSteps = List.copyOf(nextSteps);
        notes = List.copyOf(notes);
    }

    /** The stage in effect when every JVM is in the same one, else {@code null} (none known, or several). */
    public @Nullable String stage() {
        String stage = null;
        for (Position position : positions) {
            if (stage != null && !stage.equals(position.stage())) {
                return null;
            }
            stage = position.stage();
        }
        return stage;
    }

    /** True when an automatic rollback awaits acknowledgement in some JVM. */
    public boolean rollbackPending() {
        return positions.stream().anyMatch(Position::rollbackPending);
    }

    /**
     * The stage badge: the stage when every JVM is in it, {@code MIXED} when JVMs differ, {@code UNKNOWN} without
     * stage or migration lines.
     */
    public String badge() {
        String stage = stage();
        return stage != null ? stage : positions.isEmpty() ? "UNKNOWN" : "MIXED";
    }

    /**
     * Where a migration stands in one JVM, from its latest stage or migration summary line.
     *
     * @param host the JVM's host
     * @param jvm the JVM (the publisher instance)
     * @param stage the stage in effect (SHADOW while a rollback awaits acknowledgement)
     * @param sourceStage what its stage source last said, or {@code null} when no summary line says it
     * @param since when that stage began, or {@code null} when unknown
     * @param rollbackPending an automatic rollback awaits acknowledgement
     * @param asOf the time of the line this comes from
     */
    public record Position(
            String host,
            String jvm,
            String stage,
            @Nullable String sourceStage,
            @Nullable Instant since,
            boolean rollbackPending,
            Instant asOf) {
        /** Checks the parts. */
        public Position {
            requireNonNull(host, "host");
            requireNonNull(jvm, "jvm");
            requireNonNull(stage, "stage");
            requireNonNull(asOf, "asOf");
        }
    }

    /**
     * One entry of a migration's timeline: a stage line.
     *
     * @param time when the stage changed
     * @param host the JVM's host
     * @param jvm the JVM whose migration changed
     * @param from the stage before, or {@code null} for the first entry
     * @param to the stage from then on
     * @param cause {@code STARTED}, {@code SOURCE}, {@code ROLLBACK} or {@code ACKNOWLEDGED} (or a later engine's)
     * @param reason the change in words, as the engine wrote it
     * @param trip what broke the rollback policy, for a rollback; else {@code null}
     */
    public record StageEntry(
            Instant time,
            String host,
            String jvm,
            @Nullable String from,
            String to,
            String cause,
            String reason,
            @Nullable Trip trip) {
        /** Checks the parts. */
        public StageEntry {
            requireNonNull(time, "time");
            requireNonNull(host, "host");
            requireNonNull(jvm, "jvm");
            requireNonNull(to, "to");
            requireNonNull(cause, "cause");
            requireNonNull(reason, "reason");
        }

        /** True for an automatic rollback. */
        public boolean rollback() {
            return cause.equals("ROLLBACK");
        }

        /** {@code OFF}, or {@code LIVE -> SHADOW}. */
        public String move() {
            return from == null ? to : from + " -> " + to;
        }
    }

    /**
     * What made a migration roll back: the window of calls that broke its rollback policy.
     *
     * @param criterion {@code READ_ERROR_RATE}, {@code WRITE_FAILURE_RATE} or {@code P99_RATIO} (or a later
     *     engine's)
     * @param actual the window's figure: a rate in [0, 1], or the p99 ratio; NaN when the line has none
     * @param limit the policy's limit it broke; NaN when the line has none
     * @param calls the window's size
     * @param detail the same in words, as the engine wrote it
     */
    public record Trip(String criterion, double actual, double limit, long calls, String detail) {
        /** Checks the parts. */
        public Trip {
            requireNonNull(criterion, "criterion");
            requireNonNull(detail, "detail");
        }

        /** True when the figures are a latency ratio rather than a rate. */
        public boolean ratio() {
            return criterion.equals("P99_RATIO");
        }
    }

    /**
     * An automatic rollback and what became of it.
     *
     * @param entry its stage line
     * @param acknowledged true when the JVM's migration was acknowledged since (an {@code ACKNOWLEDGED} line, or a
     *     later summary line without the rollback)
     * @param acknowledgedAt when, or {@code null} when not acknowledged or when only a summary line says so
     */
    public record Rollback(
            StageEntry entry,
            boolean acknowledged,
            @Nullable Instant acknowledgedAt) {
        /** Checks the parts. */
        public Rollback {
            requireNonNull(entry, "entry");
        }
    }

    /**
     * A migration's counts: each JVM's latest migration summary line, added. Cumulative since each JVM built it.
     *
     * @param reads read calls
     * @param fallbacks reads the new side failed that the old side answered
     * @param writes write calls
     * @param writeFailures failed writes of the other side
     * @param stageChanges entries of the timelines
     * @param stageSourceFaults calls on which the stage source threw or returned null
     * @param unpublished stage changes and failed writes a full publishing queue dropped (they have no line)
     * @param oldSide what the old side did on the callers' path
     * @param newSide what the new side did on the callers' path
     * @param jvms the JVMs added
     */
    public record Counts(
            long reads,
            long fallbacks,
            long writes,
            long writeFailures,
            long stageChanges,
            long stageSourceFaults,
            long unpublished,
            SideCounts oldSide,
            SideCounts newSide,
            int jvms) {
        /** Checks the parts. */
        public Counts {
            requireNonNull(oldSide, "oldSide");
            requireNonNull(newSide, "newSide");
        }
    }

    /**
     * What one side did on the callers' path.
     *
     * @param reads reads it served or answered as a fallback
     * @param readErrors those that failed
     * @param writes writes it made, authoritative or other
     * @param writeErrors those that failed
     */
    public record SideCounts(long reads, long readErrors, long writes, long writeErrors) {}

    /**
     * The failed writes of the other side: each left a key on which the two sides disagree until a backfill.
     *
     * @param total failed writes in the window
     * @param bySide failed writes per side ({@code OLD}, {@code NEW}), sides with some only
     * @param byStage failed writes per stage the call ran in, stages with some only
     * @param withoutKey failed writes of calls that had no key (they cannot be backfilled by key)
     * @param distinctKeys distinct keys among them, counted up to 10,000
     * @param distinctKeysBounded true when that bound was reached, so {@code distinctKeys} is a lower bound
     * @param first the earliest one's time, or {@code null}
     * @param last the latest one's time, or {@code null}
     * @param latest the latest few, newest first (at most 10)
     */
    public record WriteFailures(
            long total,
            Map<String, Long> bySide,
            Map<String, Long> byStage,
            long withoutKey,
            long distinctKeys,
            boolean distinctKeysBounded,
            @Nullable Instant first,
            @Nullable Instant last,
            List<FailedWrite> latest) {
        /** Copies the maps and the list. */
        public WriteFailures {
            bySide = Collections.unmodifiableMap(new LinkedHashMap<>(bySide));
            byStage = Collections.unmodifiableMap(new LinkedHashMap<>(byStage));
            latest = List.copyOf(latest);
        }

        /** The failed writes of {@code side} ({@code OLD} or {@code NEW}). */
        public long of(String side) {
            return bySide.getOrDefault(side, 0L);
        }
    }

    /**
     * One failed write of the other side.
     *
     * @param time when it was caught
     * @param host the JVM's host
     * @param jvm the JVM
     * @param key the call's key, or {@code null} when it had none
     * @param side the side whose write failed
     * @param stage the stage the call ran in
     * @param exceptionClass the class of what the write threw
     * @param message its message (cut), or {@code null}
     */
    public record FailedWrite(
            Instant time,
            String host,
            String jvm,
            @Nullable String key,
            String side,
            String stage,
            String exceptionClass,
            @Nullable String message) {
        /** Checks the parts. */
        public FailedWrite {
            requireNonNull(time, "time");
            requireNonNull(host, "host");
            requireNonNull(jvm, "jvm");
            requireNonNull(side, "side");
            requireNonNull(stage, "stage");
            requireNonNull(exceptionClass, "exceptionClass");
        }
    }
}
