package dev.parallelrun.report;

import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.Position;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import dev.parallelrun.report.MigrationSummary.Trip;
import dev.parallelrun.report.MigrationSummary.WriteFailures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What to do next about a migration, most pressing first: a rollback awaiting acknowledgement (look at what tripped
 * it, fix the new side, acknowledge), failed writes of the other side (backfill their keys), then whether SHADOW may
 * advance to LIVE.
 */
final class MigrationSteps {

    private static final int KEYS_SHOWN = 5;

    private MigrationSteps() {}

    static List<NextStep> of(
            String migration,
            List<Position> positions,
            List<StageEntry> pendingRollbacks,
            WriteFailures failures,
            @Nullable Verdict readiness,
            String shadowExperiment,
            List<String> inputs) {
        List<NextStep> steps = new ArrayList<>();
        if (!pendingRollbacks.isEmpty()) {
            steps.add(rollback(pendingRollbacks, positions.size()));
        }
        for (Map.Entry<String, Long> side : failures.bySide().entrySet()) {
            steps.add(backfill(migration, side.getKey(), side.getValue(), failures, inputs));
        }
        boolean allInShadow = !positions.isEmpty()
                && positions.stream().allMatch(p -> p.stage().equals("SHADOW") && !p.rollbackPending());
        if (allInShadow && readiness != null) {
            steps.add(advance(readiness, shadowExperiment));
        }
        return steps;
    }

    private static NextStep rollback(List<StageEntry> pending, int jvms) {
        StageEntry latest = pending.get(0);
        Trip trip = latest.trip();
        StringBuilder text = new StringBuilder("The migration rolled back by itself from ")
                .append(latest.from() == null ? "LIVE" : latest.from())
                .append(" to ")
                .append(latest.to())
                .append(" at ")
                .append(Format.time(latest.time()));
        if (jvms > 1) {
            Set<String> hosts =
                    pending.stream().map(StageEntry::host).collect(Collectors.toCollection(LinkedHashSet::new));
            text.append(" (on ")
                    .append(Format.plural(pending.size(), "JVM", "JVMs"))
                    .append(" of ")
                    .append(jvms)
                    .append(": ")
                    .append(String.join(", ", hosts))
                    .append(')');
        }
        text.append(" and awaits acknowledgement: ")
                .append(trip != null ? trip.detail() : latest.reason())
                .append(". The old side serves again and both sides are still written, whatever the stage flag says. ");
        if (trip != null) {
            text.append("Look at what tripped it (").append(describe(trip)).append("), fix the new side, ");
        } else {
            text.append("Look at what tripped it, fix the new side, ");
        }
        text.append("set the stage flag to where the migration should go, then call acknowledgeRollback() on the "
                + "migration: until then it stays in SHADOW.");
        return new NextStep(NextStep.Topic.ROLLBACK, text.toString(), null, null);
    }

    /** {@code read error rate 1.100%, above the limit of 1.000%, over a window of 1,000 calls}. */
    static String describe(Trip trip) {
        String criterion;
        try {
            criterion = RollbackPolicy.Criterion.valueOf(trip.criterion()).description();
        } catch (IllegalArgumentException e) {
            criterion = trip.criterion(); // a later engine's criterion
        }
        String actual = trip.ratio() ? Format.ratio(trip.actual()) : Format.rate(trip.actual());
        String limit = trip.ratio() ? Format.ratio(trip.limit()) : Format.rate(trip.limit());
        return criterion + " " + actual + ", above the limit of " + limit + ", over a window of "
                + Format.plural(trip.calls(), "call", "calls");
    }

    private static NextStep backfill(
            String migration, String side, long count, WriteFailures failures, List<String> inputs) {
        boolean newSide = side.equals("NEW");
        String other = newSide ? "old" : "new";
        List<String> keys = new ArrayList<>();
        for (FailedWrite failure : failures.latest()) {
            String key = failure.key();
            if (failure.side().equals(side) && key != null && !keys.contains(key) && keys.size() < KEYS_SHOWN) {
                keys.add(key);
            }
        }
        StringBuilder text = new StringBuilder()
                .append(Format.plural(count, "write", "writes"))
                .append(" of the ")
                .append(side.toLowerCase(Locale.ROOT))
                .append(" side failed after the ")
                .append(other)
                .append(" side's succeeded, so the ")
                .append(side.toLowerCase(Locale.ROOT))
                .append(" side lacks those changes");
        if (failures.bySide().size() == 1 && failures.distinctKeys() > 0) {
            text.append(" (")
                    .append(Format.plural(failures.distinctKeys(), "key", "keys"))
                    .append(failures.distinctKeysBounded() ? " at least" : "")
                    .append(')');
        }
        if (!keys.isEmpty()) {
            text.append("; latest keys: ").append(String.join(", ", keys));
        }
        text.append(". Backfill those keys from the ")
                .append(other)
                .append(" side")
                .append(newSide ? " before the new side serves" : " while the old side is still the way back")
                .append(" (if that is not done already); this lists them all:");
        return new NextStep(NextStep.Topic.BACKFILL, text.toString(), keysCommand(migration, side, inputs), null);
    }

    /** The shell command that lists the keys whose writes of {@code side} failed, from the files the report read. */
    static String keysCommand(String migration, String side, List<String> inputs) {
        String filter = "select(.type == \"writeFailure\" and .migration == " + jsonString(migration) + " and .side == "
                + jsonString(side) + ") | .key // empty";
        StringBuilder command = new StringBuilder("find");
        for (String input : inputs.isEmpty() ? List.of(".") : inputs) {
            command.append(' ').append(shell(input));
        }
        return command.append(" -name '*.jsonl' -exec jq -r ")
                .append(shell(filter))
                .append(" {} + | sort -u")
                .toString();
    }

    private static NextStep advance(Verdict readiness, String shadowExperiment) {
        if (readiness.ready()) {
            return new NextStep(
                    NextStep.Topic.ADVANCE,
                    "Every check passes: the migration may advance from SHADOW "
                            + "to LIVE. Advancing stays a person's decision: set the stage flag to LIVE.",
                    null,
                    null);
        }
        List<String> failing = new ArrayList<>();
        for (Verdict.Check check : readiness.failing()) {
            failing.add(check.kind() == Verdict.Kind.OTHER ? check.toString() : Format.plainly(check));
        }
        return new NextStep(
                NextStep.Topic.ADVANCE,
                "Not ready to advance from SHADOW to LIVE yet: "
                        + String.join("; ", failing) + ". The read comparisons are the experiment " + shadowExperiment
                        + " (its section shows what differs).",
                null,
                null);
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** {@code text} as one shell word: as it is when plainly safe, else single-quoted. */
    private static String shell(String text) {
        boolean plain = text.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-+=:,@".indexOf(c) >= 0);
        if (!text.isEmpty() && plain) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
