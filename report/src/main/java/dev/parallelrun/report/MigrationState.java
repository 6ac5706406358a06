package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.spi.MigrationSpec;
import dev.parallelrun.report.MigrationSummary.Counts;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.Position;
import dev.parallelrun.report.MigrationSummary.Rollback;
import dev.parallelrun.report.MigrationSummary.SideCounts;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What has been read about one migration, bounded whatever the number of lines: the latest stage changes and
 * rollbacks of the window, the failed writes counted with their latest few and up to {@value #MAX_KEYS} distinct
 * keys, and per JVM its latest stage and summary lines; then one {@link MigrationSummary}.
 */
final class MigrationState {

    static final int MAX_TIMELINE = 500;
    static final int MAX_ROLLBACKS = 100;
    static final int MAX_KEYS = 10_000;
    static final int MAX_LATEST_FAILURES = 10;
    static final int MAX_JVMS = 1_000;
    private static final int MAX_ACKNOWLEDGEMENTS = 1_000;
    private static final int MAX_SIDES = 8;

    private static final Comparator<StageEntry> ENTRIES_BY_TIME = Comparator.comparing(StageEntry::time);
    // by time, then in the order read: lines of one JVM within a millisecond keep their order
    private static final Comparator<Kept<StageEntry>> KEPT_ENTRIES = Comparator.<Kept<StageEntry>, Instant>comparing(
                    kept -> kept.value().time())
            .thenComparingLong(Kept::order);
    private static final Comparator<Kept<FailedWrite>> KEPT_FAILURES = Comparator.<Kept<FailedWrite>, Instant>comparing(
                    kept -> kept.value().time())
            .thenComparingLong(Kept::order);

    /** A value kept with the order it was read in. */
    private record Kept<T>(T value, long order) {}

    final String name;
    private @Nullable Instant firstSeen;
    private @Nullable Instant lastSeen;
    private long stageLines;
    private long writeFailureLines;
    private long summaryLines;
    private long untrackedJvmLines;
    private final Map<String, JvmState> jvms = new HashMap<>();
    // min-heaps: the oldest is dropped when full, so the latest stay
    private long read;
    private final PriorityQueue<Kept<StageEntry>> timeline = new PriorityQueue<>(KEPT_ENTRIES);
    private long timelineOmitted;
    private final PriorityQueue<Kept<StageEntry>> rollbacks = new PriorityQueue<>(KEPT_ENTRIES);
    private final PriorityQueue<Kept<FailedWrite>> latestFailures = new PriorityQueue<>(KEPT_FAILURES);
    private long failures;
    private final Map<String, Long> failuresBySide = new TreeMap<>(Comparator.reverseOrder()); // NEW before OLD
    private final Map<String, Long> failuresByStage = new TreeMap<>();
    private long failuresWithoutKey;
    private final Set<String> keys = new HashSet<>();
    private boolean keysBounded;
    private @Nullable Instant firstFailure;
    private @Nullable Instant lastFailure;
    private @Nullable JsonNode readiness;
    private @Nullable Instant readinessAt;
    private @Nullable String readinessHost;
    private @Nullable String shadowExperiment;
    private @Nullable String liveExperiment;

    MigrationState(String name) {
        this.name = name;
    }

    /** One JVM's latest word about the migration. */
    private static final class JvmState {
        final String host;
        final String jvm;

        @Nullable
        Instant stageTime;

        @Nullable
        String stageTo;

        @Nullable
        StageEntry latestRollback;

        final TreeSet<Instant> acknowledgements = new TreeSet<>();

        @Nullable
        SummaryLine summary;

        JvmState(String host, String jvm) {
            this.host = host;
            this.jvm = jvm;
        }
    }

    /**
     * The parts of a migration summary line the report uses.
     *
     * @param counts reads, fallbacks, writes, writeFailures, stageChanges, stageSourceFaults, unpublished, then the old
     *     side's reads, readErrors, writes, writeErrors and the new side's
     */
    // never compared or hashed: it only carries one line's counts to the sum, so array identity never shows
    @SuppressWarnings("ArrayRecordComponent")
    record SummaryLine(
            Instant time,
            String stage,
            @Nullable String sourceStage,
            @Nullable Instant since,
            boolean rollbackPending,
            @Nullable Instant rollbackTime,
            long[] counts) {
        static final int SIZE = 15;
    }

    private @Nullable JvmState jvm(String host, String jvm) {
        JvmState state = jvms.get(jvm);
        if (state == null) {
            if (jvms.size() >= MAX_JVMS) {
                untrackedJvmLines++;
                return null;
            }
            state = new JvmState(host, jvm);
            jvms.put(jvm, state);
        }
        return state;
    }

    private void seen(Instant time) {
        if (firstSeen == null || time.isBefore(firstSeen)) {
            firstSeen = time;
        }
        if (lastSeen == null || time.isAfter(lastSeen)) {
            lastSeen = time;
        }
    }

    /** A stage line; one before the window only tells where the JVM stood. */
    void stage(StageEntry entry, boolean inWindow) {
        JvmState jvm = jvm(entry.host(), entry.jvm());
        if (jvm == null) {
            return;
        }
        if (jvm.stageTime == null || !entry.time().isBefore(jvm.stageTime)) {
            jvm.stageTime = entry.time();
            jvm.stageTo = entry.to();
        }
        if (entry.rollback() && (jvm.latestRollback == null || !entry.time().isBefore(jvm.latestRollback.time()))) {
            jvm.latestRollback = entry;
        }
        if (entry.cause().equals("ACKNOWLEDGED") && jvm.acknowledgements.size() < MAX_ACKNOWLEDGEMENTS) {
            jvm.acknowledgements.add(entry.time());
        }
        if (!inWindow) {
            return;
        }
        stageLines++;
        seen(entry.time());
        Kept<StageEntry> kept = new Kept<>(entry, read++);
        timeline.add(kept);
        if (timeline.size() > MAX_TIMELINE) {
            timeline.poll();
            timelineOmitted++;
        }
        if (entry.rollback()) {
            rollbacks.add(kept);
            if (rollbacks.size() > MAX_ROLLBACKS) {
                rollbacks.poll();
            }
        }
    }

    /** A write-failure line of the window. */
    void writeFailure(FailedWrite failure) {
        if (jvm(failure.host(), failure.jvm()) == null) {
            return;
        }
        writeFailureLines++;
        seen(failure.time());
        failures++;
        if (failuresBySide.containsKey(failure.side()) || failuresBySide.size() < MAX_SIDES) {
            failuresBySide.merge(failure.side(), 1L, Long::sum);
        }
        if (failuresByStage.containsKey(failure.stage()) || failuresByStage.size() < MAX_SIDES) {
            failuresByStage.merge(failure.stage(), 1L, Long::sum);
        }
        String key = failure.key();
        if (key == null) {
            failuresWithoutKey++;
        } else if (keys.size() < MAX_KEYS) {
            keys.add(key);
        } else if (!keys.contains(key)) {
            keysBounded = true;
        }
        if (firstFailure == null || failure.time().isBefore(firstFailure)) {
            firstFailure = failure.time();
        }
        if (lastFailure == null || failure.time().isAfter(lastFailure)) {
            lastFailure = failure.time();
        }
        latestFailures.add(new Kept<>(failure, read++));
        if (latestFailures.size() > MAX_LATEST_FAILURES) {
            latestFailures.poll();
        }
    }

    /** A migration summary line; one before the window only tells where the JVM stood and what it judged. */
    void summary(
            String host,
            String jvmName,
            SummaryLine line,
            @Nullable JsonNode verdict,
            @Nullable String shadow,
            @Nullable String live,
            boolean inWindow) {
        JvmState jvm = jvm(host, jvmName);
        if (jvm == null) {
            return;
        }
        if (jvm.summary == null || !line.time().isBefore(jvm.summary.time())) {
            jvm.summary = line;
        }
        if (readinessAt == null || !line.time().isBefore(readinessAt)) {
            readiness = verdict;
            readinessAt = line.time();
            readinessHost = host;
            shadowExperiment = shadow;
            liveExperiment = live;
        }
        if (inWindow) {
            summaryLines++;
            seen(line.time());
        }
    }

    MigrationSummary summarize(ReadFilter filter, List<String> inputs) {
        List<Position> positions = new ArrayList<>();
        long[] counts = new long[SummaryLine.SIZE];
        int counted = 0;
        for (JvmState jvm : jvms.values()) {
            Position position = position(jvm);
            if (position != null) {
                positions.add(position);
            }
            SummaryLine summary = jvm.summary;
            if (summary != null) {
                for (int i = 0; i < SummaryLine.SIZE; i++) {
                    counts[i] += summary.counts()[i];
                }
                counted++;
            }
        }
        positions.sort(Comparator.comparing(Position::host).thenComparing(Position::jvm));
        List<StageEntry> entries = sorted(timeline, KEPT_ENTRIES);
        List<Rollback> rollbackList = new ArrayList<>(rollbacks.size());
        for (StageEntry entry : sorted(rollbacks, KEPT_ENTRIES)) {
            rollbackList.add(acknowledged(entry));
        }
        List<FailedWrite> latest = sorted(latestFailures, KEPT_FAILURES.reversed());
        MigrationSummary.WriteFailures writeFailures = new MigrationSummary.WriteFailures(
                failures,
                failuresBySide,
                failuresByStage,
                failuresWithoutKey,
                keys.size(),
                keysBounded,
                firstFailure,
                lastFailure,
                latest);
        Counts totals = counted == 0
                ? null
                : new Counts(
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        counts[4],
                        counts[5],
                        counts[6],
                        new SideCounts(counts[7], counts[8], counts[9], counts[10]),
                        new SideCounts(counts[11], counts[12], counts[13], counts[14]),
                        counted);
        Verdict verdict = readiness == null ? null : Verdicts.fromMigrationLine(readiness);
        String shadow = shadowExperiment != null ? shadowExperiment : name + MigrationSpec.SHADOW_SUFFIX;
        String live = liveExperiment != null ? liveExperiment : name + MigrationSpec.LIVE_SUFFIX;
        List<String> notes = notes(filter, positions, totals, writeFailures, verdict);
        List<NextStep> steps =
                MigrationSteps.of(name, positions, pendingRollbacks(), writeFailures, verdict, shadow, inputs);
        return new MigrationSummary(
                name,
                firstSeen,
                lastSeen,
                positions,
                entries,
                timelineOmitted,
                rollbackList,
                verdict,
                verdict == null ? null : readinessAt,
                verdict == null ? null : readinessHost,
                totals,
                writeFailures,
                shadow,
                live,
                stageLines,
                writeFailureLines,
                summaryLines,
                steps,
                notes);
    }

    private static <T> List<T> sorted(PriorityQueue<Kept<T>> kept, Comparator<Kept<T>> order) {
        List<Kept<T>> list = new ArrayList<>(kept);
        list.sort(order);
        return list.stream().map(Kept::value).toList();
    }

    /** Where {@code jvm} stands: its latest summary line, or its latest stage line when that is later. */
    private static @Nullable Position position(JvmState jvm) {
        SummaryLine summary = jvm.summary;
        Instant stageTime = jvm.stageTime;
        String stageTo = jvm.stageTo;
        if (summary != null && (stageTime == null || !summary.time().isBefore(stageTime))) {
            return new Position(
                    jvm.host,
                    jvm.jvm,
                    summary.stage(),
                    summary.sourceStage(),
                    summary.since(),
                    summary.rollbackPending(),
                    summary.time());
        }
        if (stageTime == null || stageTo == null) {
            return null;
        }
        StageEntry rollback = jvm.latestRollback;
        boolean pending = rollback != null && jvm.acknowledgements.ceiling(rollback.time()) == null;
        return new Position(jvm.host, jvm.jvm, stageTo, null, stageTime, pending, stageTime);
    }

    /**
     * Whether {@code entry} was acknowledged: an acknowledgement of the same JVM at or after it, or a later summary
     * line of that JVM that does not hold it as pending.
     */
    private Rollback acknowledged(StageEntry entry) {
        JvmState jvm = jvms.get(entry.jvm());
        if (jvm == null) {
            return new Rollback(entry, false, null);
        }
        Instant acknowledgement = jvm.acknowledgements.ceiling(entry.time());
        if (acknowledgement != null) {
            return new Rollback(entry, true, acknowledgement);
        }
        SummaryLine summary = jvm.summary;
        if (summary != null && summary.time().isAfter(entry.time())) {
            boolean stillPending = summary.rollbackPending() && Objects.equals(summary.rollbackTime(), entry.time());
            return new Rollback(entry, !stillPending, null);
        }
        return new Rollback(entry, false, null);
    }

    /** The rollback each JVM still awaits acknowledgement of, as known from its stage lines, latest first. */
    private List<StageEntry> pendingRollbacks() {
        List<StageEntry> pending = new ArrayList<>();
        for (JvmState jvm : jvms.values()) {
            Position position = position(jvm);
            StageEntry rollback = jvm.latestRollback;
            if (position != null && position.rollbackPending() && rollback != null) {
                pending.add(rollback);
            }
        }
        pending.sort(ENTRIES_BY_TIME.reversed());
        return pending;
    }

    private List<String> notes(
            ReadFilter filter,
            List<Position> positions,
            @Nullable Counts counts,
            MigrationSummary.WriteFailures writeFailures,
            @Nullable Verdict verdict) {
        List<String> notes = new ArrayList<>();
        if (positions.size() > 1) {
            notes.add("Each of the " + positions.size() + " JVMs runs its own copy of the migration: its stage, its "
                    + "rollbacks and its readiness are its own. The readiness shown is the one the latest migration "
                    + "line wrote.");
        }
        if (counts == null) {
            notes.add("No migration summary line: the counts and the readiness to advance are unknown (the "
                    + "json-lines publisher writes one per migration every summaryInterval and on close).");
        } else if (filter.since() != null) {
            notes.add("Counts are cumulative since each JVM built the migration, not limited to the time window.");
        }
        if (counts != null && counts.unpublished() > 0) {
            notes.add(Format.plural(
                            counts.unpublished(),
                            "stage change or failed write was",
                            "stage changes and failed writes were")
                    + " dropped by a full publishing queue before they were "
                    + "written: the timeline and the failed writes below miss them; the counts include them.");
        }
        if (timelineOmitted > 0) {
            notes.add("The " + Format.plural(timelineOmitted, "oldest stage change", "oldest stage changes")
                    + " in the window are not listed: the timeline keeps the latest " + MAX_TIMELINE + ".");
        }
        if (writeFailures.withoutKey() > 0) {
            notes.add(Format.plural(writeFailures.withoutKey(), "failed write", "failed writes")
                    + " had no key: find them by time in the writeFailure lines.");
        }
        if (writeFailures.distinctKeysBounded()) {
            notes.add("More than " + Format.count(MAX_KEYS) + " distinct keys failed: the count of keys is a lower "
                    + "bound.");
        }
        if (untrackedJvmLines > 0) {
            notes.add(Format.plural(untrackedJvmLines, "line", "lines") + " of JVMs past the bound of " + MAX_JVMS
                    + " per migration were not used.");
        }
        if (verdict == null && readiness != null) {
            notes.add("The latest migration summary line carries no usable readiness.");
        }
        return notes;
    }
}
