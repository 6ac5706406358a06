package dev.parallelrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.report.MigrationSummary.FailedWrite;
import dev.parallelrun.report.MigrationSummary.StageEntry;
import dev.parallelrun.report.MigrationSummary.Trip;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Folds a migration's lines ({@code "type"} {@code stage}, {@code writeFailure} and {@code migration}) into its
 * {@link MigrationState}. A stage or migration line before {@code since} still says where its JVM stood (as a summary
 * before the window is a baseline); a line at or after {@code until} is left out.
 */
final class MigrationLines {

    /** The line types of a migration. */
    static final Set<String> TYPES = Set.of("stage", "writeFailure", "migration");

    private static final int MAX_MESSAGE = 300;
    private static final String[] COUNTS = {
        "reads", "fallbacks", "writes", "writeFailures", "stageChanges", "stageSourceFaults", "unpublished"
    };
    private static final String[] SIDE_COUNTS = {"reads", "readErrors", "writes", "writeErrors"};

    private final ReadFilter filter;
    private final Function<String, @Nullable MigrationState> migrations;
    long lines;
    long filteredOut;

    MigrationLines(ReadFilter filter, Function<String, @Nullable MigrationState> migrations) {
        this.filter = filter;
        this.migrations = migrations;
    }

    /** Takes one line of a migration's {@code type}; a line that lacks what it needs changes nothing and throws. */
    void accept(JsonNode line, String type, Instant time) throws BadLine {
        String name = Fields.requiredText(line, "migration");
        String host = Fields.textOr(line, "host", "(unknown host)");
        String jvm = Fields.textOr(line, "jvm", "(unknown jvm)");
        switch (type) {
            case "stage" -> stage(line, name, host, jvm, time);
            case "writeFailure" -> writeFailure(line, name, host, jvm, time);
            default -> summary(line, name, host, jvm, time);
        }
    }

    private void stage(JsonNode line, String name, String host, String jvm, Instant time) throws BadLine {
        String to = Fields.requiredText(line, "to");
        String cause = Fields.requiredText(line, "cause");
        String from = Fields.optionalText(line, "from");
        JsonNode tripNode = Fields.optionalObject(line, "trip");
        Trip trip = tripNode == null
                ? null
                : new Trip(
                        Fields.textOr(tripNode, "criterion", "(unknown criterion)"),
                        number(tripNode, "actual"),
                        number(tripNode, "limit"),
                        Fields.count(tripNode, "calls", 0),
                        Fields.textOr(tripNode, "detail", ""));
        String reason = Fields.textOr(line, "reason", trip != null ? "rolled back: " + trip.detail() : cause);
        MigrationState migration = kept(name, time, true);
        if (migration != null) {
            migration.stage(new StageEntry(time, host, jvm, from, to, cause, reason, trip), filter.inWindow(time));
        }
    }

    private void writeFailure(JsonNode line, String name, String host, String jvm, Instant time) throws BadLine {
        String side = Fields.requiredText(line, "side");
        String stage = Fields.requiredText(line, "stage");
        JsonNode exception = Fields.optionalObject(line, "exception");
        String exceptionClass = exception == null ? "(unknown)" : Fields.textOr(exception, "class", "(unknown)");
        String message = exception == null ? null : Fields.optionalText(exception, "message");
        MigrationState migration = kept(name, time, false);
        if (migration != null) {
            migration.writeFailure(new FailedWrite(
                    time,
                    host,
                    jvm,
                    Fields.optionalText(line, "key"),
                    side,
                    stage,
                    exceptionClass,
                    message == null ? null : Text.cap(message, MAX_MESSAGE)));
        }
    }

    private void summary(JsonNode line, String name, String host, String jvm, Instant time) throws BadLine {
        String stage = Fields.requiredText(line, "stage");
        long[] counts = new long[MigrationState.SummaryLine.SIZE];
        for (int i = 0; i < COUNTS.length; i++) {
            counts[i] = Fields.count(line, COUNTS[i], 0);
        }
        JsonNode sides = Fields.optionalObject(line, "sides");
        for (int side = 0; side < 2; side++) {
            JsonNode node = sides == null ? null : Fields.optionalObject(sides, side == 0 ? "old" : "new");
            for (int i = 0; i < SIDE_COUNTS.length && node != null; i++) {
                counts[COUNTS.length + side * SIDE_COUNTS.length + i] = Fields.count(node, SIDE_COUNTS[i], 0);
            }
        }
        JsonNode rollback = Fields.optionalObject(line, "rollback");
        boolean pending = Fields.flag(line, "rollbackPending", rollback != null);
        JsonNode experiments = Fields.optionalObject(line, "experiments");
        MigrationState migration = kept(name, time, true);
        if (migration != null) {
            migration.summary(
                    host,
                    jvm,
                    new MigrationState.SummaryLine(
                            time,
                            stage,
                            Fields.optionalText(line, "sourceStage"),
                            Fields.optionalInstant(line, "stageSince"),
                            pending,
                            rollback == null ? null : Fields.optionalInstant(rollback, "time"),
                            counts),
                    Fields.optionalObject(line, "readiness"),
                    experiments == null ? null : Fields.optionalText(experiments, "shadow"),
                    experiments == null ? null : Fields.optionalText(experiments, "live"),
                    filter.inWindow(time));
        }
    }

    /**
     * The migration's state when the line counts: kept by the filter, before {@code until}, and in the window or (when
     * {@code beforeWindowTells}) before it; else {@code null}, counted as left out.
     */
    private @Nullable MigrationState kept(String name, Instant time, boolean beforeWindowTells) {
        if (!filter.keepsMigration(name) || (filter.until() != null && !time.isBefore(filter.until()))) {
            filteredOut++;
            return null;
        }
        boolean inWindow = filter.inWindow(time);
        if (!inWindow) {
            filteredOut++; // a baseline at most
            if (!beforeWindowTells) {
                return null;
            }
        } else {
            lines++;
        }
        return migrations.apply(name);
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
    }
}
