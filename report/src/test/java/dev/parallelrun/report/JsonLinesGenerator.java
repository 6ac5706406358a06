package dev.parallelrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes lines of the JSON Lines format, schema 2 (or schema 1, as earlier writers wrote it, when a test asks),
 * exactly as {@code publishers/json-lines/FORMAT.md} describes them, so the report is tested without the
 * publisher. Each builder's {@link ResultLine#line()} is one line (no line end). {@link JsonLinesGeneratorTest}
 * checks them against the publisher's {@code schema-2.json}.
 *
 * <p>The methods marked <em>beyond schema 1 as written</em> add the fields added within schema 1 since its first
 * writer ({@code skipped}, {@code runaways}, {@code latency.schedulingDelay}, the criteria's
 * {@code latencyFloorNanos} and {@code maxSkippedShare}, the readiness's {@code status} and notes, a candidate's
 * {@code skipReason}, a run's {@code startDelayNanos} and {@code started}), which the schema takes as optional:
 * a line gets them only when a test asks, so most lines are as the first writer wrote them.
 *
 * <p>The readiness object of a summary line is empty (no checks) unless a test sets one, so that the report
 * computes its own verdict over the counts.
 */
final class JsonLinesGenerator {

    /** Keeps every digit of decimals, as the engine's published JSON text does. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Times as the writer writes them: UTC with exactly three fraction digits. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonLinesGenerator() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static ResultLine result(String experiment, String time) {
        return new ResultLine(experiment, Instant.parse(time));
    }

    static ResultLine result(String experiment, Instant time) {
        return new ResultLine(experiment, time);
    }

    static SummaryLine summary(String experiment, String jvm, String time) {
        return new SummaryLine(experiment, jvm, Instant.parse(time));
    }

    static SummaryLine summary(String experiment, String jvm, Instant time) {
        return new SummaryLine(experiment, jvm, time);
    }

    /** A {@code "type": "stage"} line: one entry of a migration's timeline ({@code from} null for STARTED). */
    static StageLine stage(String migration, Instant time, @Nullable String from, String to, String cause) {
        return new StageLine(migration, time, from, to, cause);
    }

    /** A {@code "type": "writeFailure"} line: a failed write of the other side ({@code key} null for none). */
    static WriteFailureLine writeFailure(
            String migration, Instant time, @Nullable String key, String side, String stage) {
        return new WriteFailureLine(migration, time, key, side, stage);
    }

    /** A {@code "type": "migration"} line: where a migration stands in one JVM, its counts and readiness. */
    static MigrationLine migration(String migration, String jvm, Instant time, String stage) {
        return new MigrationLine(migration, jvm, time, stage);
    }

    static RunObject run(long durationNanos) {
        return new RunObject(durationNanos);
    }

    static CandidateObject candidate(String name, Outcome outcome) {
        return new CandidateObject(name, outcome);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    /** Latencies, {count, p50, p90, p99, max} in nanoseconds: a side's, and one three times slower. */
    static final long[] FAST = {2_000, 100_000, 150_000, 200_000, 400_000};

    static final long[] THREE_TIMES_SLOWER = {2_000, 300_000, 450_000, 600_000, 1_000_000};

    /** Writes {@code lines} to a file in {@code dir} and reads, through {@code filter}, their one experiment. */
    static ExperimentSummary readExperiment(Path dir, List<String> lines, ReadFilter filter) throws IOException {
        Path file = dir.resolve("lines.jsonl");
        write(file, lines);
        Summary summary = ReportReader.builder()
                .clock(ReportReaderTest.CLOCK)
                .filter(filter)
                .build()
                .read(List.of(file));
        assertThat(summary.experiments()).hasSize(1);
        return summary.experiments().get(0);
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run object. */
    static final class RunObject {
        final ObjectNode node = MAPPER.createObjectNode();

        RunObject(long durationNanos) {
            node.put("durationNanos", durationNanos);
        }

        RunObject value(String json) {
            node.set("value", json(json));
            return this;
        }

        RunObject truncated(String prefix, int fullLength) {
            node.put("value", prefix + "…[truncated]");
            node.put("valueTruncated", true);
            node.put("valueLength", fullLength);
            return this;
        }

        RunObject threw(String exceptionClass, String message) {
            ObjectNode exception = node.putObject("exception");
            exception.put("class", exceptionClass);
            if (message == null) {
                exception.putNull("message");
            } else {
                exception.put("message", message);
            }
            return this;
        }

        RunObject timedOut() {
            node.put("completed", false);
            return this;
        }

        /** Beyond schema 1 as written: timed out before its behaviour started. */
        RunObject neverStarted() {
            node.put("completed", false);
            node.put("started", false);
            return this;
        }

        /** Beyond schema 1 as written: from sampling to the behaviour's start. */
        RunObject startDelay(long nanos) {
            node.put("startDelayNanos", nanos);
            return this;
        }
    }

    /** A candidate object. */
    static final class CandidateObject {
        final ObjectNode node = MAPPER.createObjectNode();
        final ArrayNode differences;

        CandidateObject(String name, Outcome outcome) {
            node.put("name", name);
            node.put("outcome", outcome.name());
            differences = MAPPER.createArrayNode();
        }

        CandidateObject run(RunObject run) {
            node.set("run", run.node);
            return this;
        }

        CandidateObject signature(String signature) {
            node.put("signature", signature);
            return this;
        }

        CandidateObject difference(String op, String path, String valueJson, String previousJson) {
            ObjectNode difference = differences.addObject();
            difference.put("op", op);
            difference.put("path", path);
            if (valueJson != null) {
                difference.set("value", json(valueJson));
            }
            if (previousJson != null) {
                difference.set("previous", json(previousJson));
            }
            return this;
        }

        CandidateObject note(String note) {
            node.put("note", note);
            return this;
        }

        /** Beyond schema 1 as written: why a SKIPPED candidate was skipped. */
        CandidateObject skipReason(String reason) {
            node.put("skipReason", reason);
            return this;
        }

        ObjectNode node() {
            ObjectNode copy = node.deepCopy();
            copy.set("differences", differences.deepCopy());
            copy.put("differenceCount", differences.size());
            copy.put("structural", true);
            return copy;
        }
    }

    /** A {@code "type": "result"} line. */
    static final class ResultLine {
        final ObjectNode node = MAPPER.createObjectNode();
        final ObjectNode context;
        final ArrayNode candidates;
        RunObject control = new RunObject(40_000).value("null");

        @Nullable
        JsonNode input;

        ResultLine(String experiment, Instant time) {
            node.put("schema", 2);
            node.put("type", "result");
            node.put("time", time(time));
            node.put("experiment", experiment);
            node.put("host", "web-1");
            node.put("jvm", "4711-9f2c1a7e");
            context = MAPPER.createObjectNode();
            candidates = MAPPER.createArrayNode();
        }

        ResultLine host(String host) {
            node.put("host", host);
            return this;
        }

        ResultLine jvm(String jvm) {
            node.put("jvm", jvm);
            return this;
        }

        ResultLine key(String key) {
            node.put("key", key);
            return this;
        }

        ResultLine context(String name, String value) {
            context.put(name, value);
            return this;
        }

        ResultLine trace(String traceId, String spanId) {
            node.put("traceId", traceId);
            node.put("spanId", spanId);
            return this;
        }

        ResultLine expiresOn(String date, boolean expired) {
            node.put("expiresOn", date);
            node.put("expired", expired);
            return this;
        }

        /** A line of a writer of schema 1 ({@code 1}), or of this version ({@code 2}, the default). */
        ResultLine schema(int schema) {
            node.put("schema", schema);
            return this;
        }

        /** Schema 2: the call's captured input, as published (JSON text). */
        ResultLine input(String json) {
            this.input = json(json);
            return this;
        }

        ResultLine control(RunObject control) {
            this.control = control;
            return this;
        }

        ResultLine candidate(CandidateObject candidate) {
            candidates.add(candidate.node());
            return this;
        }

        /** A mismatch of {@code candidate} with one replace at each path. */
        ResultLine mismatch(String signature, String... paths) {
            CandidateObject candidate = JsonLinesGenerator.candidate("candidate", Outcome.MISMATCH)
                    .run(run(50_000).value("{\"x\":2}"))
                    .signature(signature);
            for (String path : paths) {
                candidate.difference("replace", path, "2", "1");
            }
            return candidate(candidate);
        }

        String line() {
            ObjectNode line = node.deepCopy();
            line.set("context", context.deepCopy());
            if (!line.has("expired")) {
                line.put("expired", false);
            }
            if (input != null) {
                line.set("input", input.deepCopy());
            }
            line.set("control", control.node.deepCopy());
            line.set("candidates", candidates.deepCopy());
            return line.toString();
        }
    }

    /** A {@code "type": "summary"} line: cumulative counts of one experiment in one JVM. */
    static final class SummaryLine {
        final ObjectNode node = MAPPER.createObjectNode();
        final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        final Map<String, Map<Outcome, Long>> candidates = new LinkedHashMap<>();
        final Map<String, Long> candidateErrors = new LinkedHashMap<>();
        long sampled;
        long dropped;
        long errors;
        long[] control = {0, 0, 0, 0, 0};
        long[] candidateLatency = {0, 0, 0, 0, 0};
        Criteria criteria = Criteria.defaults();
        boolean withCriteria = true;
        final ObjectNode additions = MAPPER.createObjectNode();
        final ObjectNode criteriaAdditions = MAPPER.createObjectNode();
        ObjectNode readiness;

        SummaryLine(String experiment, String jvm, Instant time) {
            node.put("schema", 2);
            node.put("type", "summary");
            node.put("time", time(time));
            node.put("experiment", experiment);
            node.put("host", "web-1");
            node.put("jvm", jvm);
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, 0L);
            }
        }

        SummaryLine host(String host) {
            node.put("host", host);
            return this;
        }

        /** A line of a writer of schema 1 ({@code 1}), or of this version ({@code 2}, the default). */
        SummaryLine schema(int schema) {
            node.put("schema", schema);
            return this;
        }

        /** Sets {@code count} for {@code outcome} of the single candidate "candidate". */
        SummaryLine outcome(Outcome outcome, long count) {
            return outcome("candidate", outcome, count);
        }

        SummaryLine outcome(String candidate, Outcome outcome, long count) {
            candidates
                    .computeIfAbsent(candidate, c -> new EnumMap<>(Outcome.class))
                    .put(outcome, count);
            long total = 0;
            for (Map<Outcome, Long> perCandidate : candidates.values()) {
                total += perCandidate.getOrDefault(outcome, 0L);
            }
            outcomes.put(outcome, total);
            return this;
        }

        SummaryLine sampled(long sampled) {
            this.sampled = sampled;
            return this;
        }

        SummaryLine dropped(long dropped) {
            this.dropped = dropped;
            return this;
        }

        SummaryLine errors(long errors) {
            this.errors = errors;
            candidateErrors.put("candidate", errors);
            return this;
        }

        /** {count, p50, p90, p99, max} in nanoseconds. */
        SummaryLine latency(long[] control, long[] candidate) {
            this.control = control;
            this.candidateLatency = candidate;
            return this;
        }

        /** The criteria; a latency floor or a skipped share other than the default are beyond schema 1 as written. */
        SummaryLine criteria(Criteria criteria) {
            this.criteria = criteria;
            if (criteria.latencyFloorNanos() != 0) {
                latencyFloor(criteria.latencyFloorNanos());
            }
            if (criteria.maxSkippedShare() != Criteria.DEFAULT_MAX_SKIPPED_SHARE) {
                maxSkippedShare(criteria.maxSkippedShare());
            }
            return this;
        }

        SummaryLine withoutCriteria() {
            this.withCriteria = false;
            return this;
        }

        SummaryLine expiresOn(String date, boolean expired) {
            node.put("expiresOn", date);
            node.put("expired", expired);
            return this;
        }

        /** Beyond schema 1 as written: skipped candidate runs by reason; also sets outcomes.SKIPPED to the sum. */
        SummaryLine skipped(String reason, long count) {
            ObjectNode skipped =
                    additions.has("skipped") ? (ObjectNode) additions.get("skipped") : additions.putObject("skipped");
            skipped.put(reason, count);
            long sum = 0;
            for (JsonNode value : skipped) {
                sum += value.longValue();
            }
            return outcome(Outcome.SKIPPED, sum);
        }

        /** Beyond schema 1 as written. */
        SummaryLine runaways(long now, long total) {
            additions.putObject("runaways").put("now", now).put("total", total);
            return this;
        }

        /** Beyond schema 1 as written: {count, p50, p90, p99, max} in nanoseconds. */
        SummaryLine schedulingDelay(long[] delay) {
            latency(additions.putObject("schedulingDelay"), delay);
            return this;
        }

        /** Beyond schema 1 as written. */
        SummaryLine latencyFloor(long nanos) {
            criteriaAdditions.put("latencyFloorNanos", nanos);
            return this;
        }

        /** Beyond schema 1 as written. */
        SummaryLine maxSkippedShare(double share) {
            criteriaAdditions.put("maxSkippedShare", share);
            return this;
        }

        /**
         * The readiness object as the engine writes it; with a {@code status} (and notes) it is beyond schema 1
         * as written.
         */
        SummaryLine readiness(Verdict.@Nullable Status status, boolean ready, Verdict.Check... checks) {
            readiness = MAPPER.createObjectNode();
            readiness.put("ready", ready);
            if (status != null) {
                readiness.put("status", status.name());
            }
            readiness.put("verdict", (ready ? "READY" : "NOT READY") + " (written by the engine)");
            ArrayNode array = readiness.putArray("checks");
            for (Verdict.Check check : checks) {
                ObjectNode written = array.addObject()
                        .put("criterion", check.criterion())
                        .put("requirement", check.requirement())
                        .put("actual", check.actual())
                        .put("passed", check.passed());
                if (check.note() != null) {
                    written.put("note", check.note());
                }
            }
            return this;
        }

        String line() {
            ObjectNode line = node.deepCopy();
            line.put("sampled", sampled);
            line.put("dropped", dropped);
            ObjectNode outcomesNode = line.putObject("outcomes");
            outcomes.forEach((outcome, count) -> outcomesNode.put(outcome.name(), count));
            line.put("candidateErrors", errors);
            ObjectNode candidatesNode = line.putObject("candidates");
            candidates.forEach((name, counts) -> {
                ObjectNode candidate = candidatesNode.putObject(name);
                ObjectNode perOutcome = candidate.putObject("outcomes");
                for (Outcome outcome : Outcome.values()) {
                    perOutcome.put(outcome.name(), counts.getOrDefault(outcome, 0L));
                }
                candidate.put("errors", candidateErrors.getOrDefault(name, 0L));
            });
            ObjectNode latency = line.putObject("latency");
            latency(latency.putObject("control"), control);
            latency(latency.putObject("candidate"), candidateLatency);
            if (additions.has("schedulingDelay")) {
                latency.set("schedulingDelay", additions.get("schedulingDelay").deepCopy());
            }
            if (withCriteria) {
                ObjectNode criteriaNode = line.putObject("criteria");
                criteriaNode.put("minComparedSamples", criteria.minComparedSamples());
                criteriaNode.put("maxMismatchRate", criteria.maxMismatchRate());
                criteriaNode.put("maxErrorRate", criteria.maxErrorRate());
                criteriaNode.put("maxP99Ratio", criteria.maxP99Ratio());
                criteriaNode.setAll(criteriaAdditions.deepCopy());
            }
            if (readiness != null) {
                line.set("readiness", readiness.deepCopy());
            } else {
                ObjectNode empty = line.putObject("readiness");
                empty.put("ready", false);
                empty.put("verdict", "NOT READY: written by the generator, recomputed by the report");
                empty.putArray("checks");
            }
            for (String field : new String[] {"skipped", "runaways"}) {
                if (additions.has(field)) {
                    line.set(field, additions.get(field).deepCopy());
                }
            }
            if (!line.has("expired")) {
                line.put("expired", false);
            }
            ObjectNode faults = line.putObject("faults");
            faults.put("SAMPLER", 0);
            return line.toString();
        }

        private static void latency(ObjectNode node, long[] values) {
            node.put("count", values[0]);
            node.put("p50Nanos", values[1]);
            node.put("p90Nanos", values[2]);
            node.put("p99Nanos", values[3]);
            node.put("maxNanos", values[4]);
        }
    }

    private static ObjectNode migrationCommon(String type, String migration, Instant time) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schema", 2);
        node.put("type", type);
        node.put("time", time(time));
        node.put("migration", migration);
        node.put("host", "web-1");
        node.put("jvm", "1001-a");
        return node;
    }

    private static ObjectNode trip(String criterion, double actual, double limit, long calls, String detail) {
        ObjectNode trip = MAPPER.createObjectNode();
        trip.put("criterion", criterion);
        trip.put("actual", actual);
        trip.put("limit", limit);
        trip.put("calls", calls);
        trip.put("detail", detail);
        return trip;
    }

    /** A {@code "type": "stage"} line. */
    static final class StageLine {
        final ObjectNode node;

        StageLine(String migration, Instant time, @Nullable String from, String to, String cause) {
            node = migrationCommon("stage", migration, time);
            if (from != null) {
                node.put("from", from);
            }
            node.put("to", to);
            node.put("cause", cause);
            node.put(
                    "reason",
                    switch (cause) {
                        case "STARTED" -> "started in " + to;
                        case "SOURCE" -> "stage source said " + to;
                        case "ACKNOWLEDGED" -> "rollback acknowledged; stage source says " + to;
                        default -> cause;
                    });
        }

        StageLine host(String host) {
            node.put("host", host);
            return this;
        }

        StageLine jvm(String jvm) {
            node.put("jvm", jvm);
            return this;
        }

        /** Makes it a rollback's line: its trip, and the reason the engine gives. */
        StageLine trip(String criterion, double actual, double limit, long calls, String detail) {
            node.set("trip", JsonLinesGenerator.trip(criterion, actual, limit, calls, detail));
            node.put("reason", "rolled back: " + detail);
            return this;
        }

        String line() {
            return node.toString();
        }
    }

    /** A {@code "type": "writeFailure"} line. */
    static final class WriteFailureLine {
        final ObjectNode node;

        WriteFailureLine(String migration, Instant time, @Nullable String key, String side, String stage) {
            node = migrationCommon("writeFailure", migration, time);
            if (key != null) {
                node.put("key", key);
            }
            node.putObject("context");
            node.put("side", side);
            node.put("stage", stage);
            exception("java.sql.SQLException", "Column \"POSTCODE\" not found");
        }

        WriteFailureLine host(String host) {
            node.put("host", host);
            return this;
        }

        WriteFailureLine jvm(String jvm) {
            node.put("jvm", jvm);
            return this;
        }

        WriteFailureLine context(String key, String value) {
            ((ObjectNode) node.get("context")).put(key, value);
            return this;
        }

        WriteFailureLine exception(String className, @Nullable String message) {
            ObjectNode exception = node.putObject("exception");
            exception.put("class", className);
            exception.put("message", message);
            return this;
        }

        String line() {
            return node.toString();
        }
    }

    /** A {@code "type": "migration"} line; counts zero and readiness not ready unless a test sets them. */
    static final class MigrationLine {
        final ObjectNode node;

        MigrationLine(String migration, String jvm, Instant time, String stage) {
            node = migrationCommon("migration", migration, time);
            node.put("jvm", jvm);
            node.put("stage", stage);
            node.put("stageSince", time(time));
            node.put("rollbackPending", false);
            for (String count : new String[] {
                "reads", "fallbacks", "writes", "writeFailures", "stageChanges", "stageSourceFaults", "unpublished"
            }) {
                node.put(count, 0);
            }
            ObjectNode sides = node.putObject("sides");
            for (String side : new String[] {"old", "new"}) {
                ObjectNode counts = sides.putObject(side);
                for (String count : new String[] {"reads", "readErrors", "writes", "writeErrors"}) {
                    counts.put(count, 0);
                }
            }
            ObjectNode experiments = node.putObject("experiments");
            experiments.put("shadow", migration + ":shadow");
            experiments.put("live", migration + ":live");
            readiness(false, "stage", "SHADOW", stage, stage.equals("SHADOW"));
        }

        MigrationLine host(String host) {
            node.put("host", host);
            return this;
        }

        MigrationLine sourceStage(String stage) {
            node.put("sourceStage", stage);
            return this;
        }

        MigrationLine since(Instant since) {
            node.put("stageSince", time(since));
            return this;
        }

        /** The top-level counts: reads, fallbacks, writes, writeFailures, stageChanges, stageSourceFaults, unpublished. */
        MigrationLine counts(
                long reads,
                long fallbacks,
                long writes,
                long writeFailures,
                long stageChanges,
                long stageSourceFaults,
                long unpublished) {
            node.put("reads", reads);
            node.put("fallbacks", fallbacks);
            node.put("writes", writes);
            node.put("writeFailures", writeFailures);
            node.put("stageChanges", stageChanges);
            node.put("stageSourceFaults", stageSourceFaults);
            node.put("unpublished", unpublished);
            return this;
        }

        MigrationLine side(String side, long reads, long readErrors, long writes, long writeErrors) {
            ObjectNode counts = (ObjectNode) node.get("sides").get(side);
            counts.put("reads", reads);
            counts.put("readErrors", readErrors);
            counts.put("writes", writes);
            counts.put("writeErrors", writeErrors);
            return this;
        }

        /** A rollback awaiting acknowledgement, as the stage line of {@code time} and {@code from} said it. */
        MigrationLine rollbackPending(
                Instant time, String from, String criterion, double actual, double limit, long calls, String detail) {
            node.put("rollbackPending", true);
            ObjectNode rollback = node.putObject("rollback");
            rollback.put("time", time(time));
            rollback.put("from", from);
            rollback.set("trip", JsonLinesGenerator.trip(criterion, actual, limit, calls, detail));
            return this;
        }

        /** A readiness of one check, or, with {@code ready}, every check passing. */
        MigrationLine readiness(boolean ready, String criterion, String requirement, String actual, boolean passed) {
            ObjectNode readiness = node.putObject("readiness");
            readiness.put("ready", ready);
            readiness.put("status", ready ? "READY" : "NOT_READY");
            readiness.put(
                    "verdict",
                    ready ? "READY" : "NOT READY: " + criterion + " " + actual + " (needs " + requirement + ")");
            ObjectNode check = readiness.putArray("checks").addObject();
            check.put("criterion", criterion);
            check.put("requirement", requirement);
            check.put("actual", actual);
            check.put("passed", ready || passed);
            return this;
        }

        /** Adds a check to the readiness. */
        MigrationLine check(String criterion, String requirement, String actual, boolean passed) {
            ObjectNode check = ((ArrayNode) node.get("readiness").get("checks")).addObject();
            check.put("criterion", criterion);
            check.put("requirement", requirement);
            check.put("actual", actual);
            check.put("passed", passed);
            if (!passed) {
                ObjectNode readiness = (ObjectNode) node.get("readiness");
                readiness.put("ready", false);
                readiness.put("status", "NOT_READY");
                readiness.put("verdict", "NOT READY: " + criterion + " " + actual + " (needs " + requirement + ")");
            }
            return this;
        }

        String line() {
            return node.toString();
        }
    }
}
