package dev.parallelrun.publisher.opentelemetry;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.TraceIds;
import dev.parallelrun.experiment.migration.StageChange;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.experiment.spi.ThrottledLog;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes experiment results through the OpenTelemetry API: a span per candidate and a log record per
 * mismatch, into whatever SDK the application configured (none: everything is a no-op).
 *
 * <p>What a user may rely on:
 * <ul>
 *   <li>One span named {@value #SPAN_NAME} (kind {@code INTERNAL}) per candidate of every result, covering
 *       the candidate's behavior itself: from {@link Run#startedAt()} to that plus {@link Run#duration()}, so
 *       the wait for a thread ({@link Run#startDelay()}) is not in it. A candidate that never started
 *       ({@link Run#started()} false) has a zero-length span at its {@code startedAt}, the time its call was
 *       sampled; a skipped candidate has a zero-length span at the time the sampled call started.
 *   <li>Its parent is the caller's span when the call ran inside a trace ({@link Result#trace()}), so the
 *       candidate shows up under the request that caused it; else it is the root of a trace of its own. The
 *       caller's sampling decision is carried over: an unsampled caller means an unsampled candidate span
 *       under the SDK's default parent-based sampler.
 *   <li>Attributes {@code parallelrun.experiment.name}, {@code parallelrun.experiment.candidate},
 *       {@code parallelrun.experiment.outcome} (an {@link Outcome} name);
 *       {@code parallelrun.experiment.skip_reason} (a {@link SkipReason} name) when the candidate was skipped;
 *       {@code parallelrun.experiment.start_delay_ns} (a long, nanoseconds, {@link Run#startDelay()}) when the
 *       candidate has a run; {@code parallelrun.experiment.signature} and
 *       {@code parallelrun.experiment.difference_count} when there are differences; {@code error.type} (the
 *       exception's class name, or {@code timeout}) when the candidate threw or timed out, and then the status
 *       is {@code ERROR}. No value, key, context or exception message is ever an attribute.
 *   <li>For each candidate whose outcome is {@link Outcome#MISMATCH}, a log record through the logs bridge:
 *       event name {@value #MISMATCH_EVENT}, severity {@code WARN}, the span's attributes, in the candidate
 *       span's context (same trace and span ids), timestamped at the candidate's end, with a JSON body:
 *       {@code {"experiment", "candidate", "signature", "differenceCount", "structural", "note"?,
 *       "differences": [{"op", "path", "value"?, "previous"?, "textDiff"?}], "omittedDifferences"}}, kept
 *       to about {@link Builder#maxBodyChars(int)} characters.
 *   <li>For each stage change of a migration ({@link #publishStage(StageChange)}), a log record with event name
 *       {@value #STAGE_EVENT}, timestamped at the change, attributes {@code parallelrun.migration.name},
 *       {@code parallelrun.migration.stage.from} (absent on the first entry), {@code parallelrun.migration.stage.to},
 *       {@code parallelrun.migration.stage.cause} (a {@link StageChange.Cause} name), and for a rollback its trip:
 *       {@code parallelrun.migration.rollback.criterion}, {@code .actual}, {@code .limit}, {@code .calls}; severity
 *       {@code WARN} for a rollback, {@code INFO} otherwise; the body says the same in words
 *       ({@link StageChange#reason()}).
 *   <li>For each failed write of a migration's other side ({@link #publishWriteFailure(WriteFailure)}), a log
 *       record with event name {@value #WRITE_FAILURE_EVENT}, severity {@code WARN}, timestamped at the failure,
 *       attributes {@code parallelrun.migration.name}, {@code parallelrun.migration.write.side},
 *       {@code parallelrun.migration.write.stage}, {@code error.type} (the exception's class name), and
 *       {@code parallelrun.migration.write.key} (the call's key) only when {@link Builder#writeFailureKeys(boolean)}
 *       turned it on. Never its context or the exception's message.
 *   <li>{@link #publish(Result)} never throws. {@link #close()} does not shut the SDK down: spans and log
 *       records are handed to the SDK when {@code publish} returns; flushing exporters is the SDK owner's job.
 * </ul>
 *
 * {@snippet :
 * Laboratory lab = RuntimeLaboratory.builder()
 *         .publisher(OpenTelemetryPublisher.create(openTelemetry))
 *         .build();
 * }
 */
public final class OpenTelemetryPublisher implements Publisher {

    /** The name of the span made for each candidate. */
    public static final String SPAN_NAME = "parallelrun.experiment.candidate";
    /** The event name of the log record made for each mismatch. */
    public static final String MISMATCH_EVENT = "parallelrun.experiment.mismatch";
    /** The instrumentation scope of the tracer and the logger. */
    public static final String SCOPE = "dev.parallelrun.publisher.opentelemetry";

    /** The experiment's name. */
    public static final AttributeKey<String> EXPERIMENT_NAME = AttributeKey.stringKey("parallelrun.experiment.name");
    /** The candidate's name. */
    public static final AttributeKey<String> EXPERIMENT_CANDIDATE =
            AttributeKey.stringKey("parallelrun.experiment.candidate");
    /** The candidate's outcome, an {@link Outcome} name. */
    public static final AttributeKey<String> EXPERIMENT_OUTCOME =
            AttributeKey.stringKey("parallelrun.experiment.outcome");
    /** Why the candidate was skipped, a {@link SkipReason} name; only on skipped candidates. */
    public static final AttributeKey<String> EXPERIMENT_SKIP_REASON =
            AttributeKey.stringKey("parallelrun.experiment.skip_reason");
    /**
     * How long the candidate waited from the sampling of its call to the start of its behavior, in nanoseconds
     * ({@link Run#startDelay()}); on every candidate that has a run (all but skipped ones).
     */
    public static final AttributeKey<Long> EXPERIMENT_START_DELAY_NS =
            AttributeKey.longKey("parallelrun.experiment.start_delay_ns");
    /** The signature of the candidate's differences, when there are any. */
    public static final AttributeKey<String> EXPERIMENT_SIGNATURE =
            AttributeKey.stringKey("parallelrun.experiment.signature");
    /** How many differences the candidate had (before any cap), when there are any. */
    public static final AttributeKey<Long> EXPERIMENT_DIFFERENCE_COUNT =
            AttributeKey.longKey("parallelrun.experiment.difference_count");
    /** The semantic-conventions error type: the exception's class name, or {@code timeout}. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** {@link #ERROR_TYPE} of a candidate that timed out. */
    public static final String TIMEOUT = "timeout";

    /** The event name of the log record made for each stage change of a migration. */
    public static final String STAGE_EVENT = "parallelrun.migration.stage";
    /** The event name of the log record made for each failed write of a migration's other side. */
    public static final String WRITE_FAILURE_EVENT = "parallelrun.migration.write_failure";
    /** The migration's name, on every migration record. */
    public static final AttributeKey<String> MIGRATION_NAME = AttributeKey.stringKey("parallelrun.migration.name");
    /** The stage before a change (a {@code Stage} name); absent on the first entry of a timeline. */
    public static final AttributeKey<String> MIGRATION_FROM =
            AttributeKey.stringKey("parallelrun.migration.stage.from");
    /** The stage from a change on (a {@code Stage} name). */
    public static final AttributeKey<String> MIGRATION_TO = AttributeKey.stringKey("parallelrun.migration.stage.to");
    /** Why the stage changed, a {@link StageChange.Cause} name. */
    public static final AttributeKey<String> MIGRATION_CAUSE =
            AttributeKey.stringKey("parallelrun.migration.stage.cause");
    /** The rollback policy's criterion a rollback broke, a {@code RollbackPolicy.Criterion} name. */
    public static final AttributeKey<String> ROLLBACK_CRITERION =
            AttributeKey.stringKey("parallelrun.migration.rollback.criterion");
    /** The figure of the window that broke the policy: a rate in [0, 1], or the p99 ratio. */
    public static final AttributeKey<Double> ROLLBACK_ACTUAL =
            AttributeKey.doubleKey("parallelrun.migration.rollback.actual");
    /** The policy's limit the window broke. */
    public static final AttributeKey<Double> ROLLBACK_LIMIT =
            AttributeKey.doubleKey("parallelrun.migration.rollback.limit");
    /** The size of the window that broke the policy, in calls. */
    public static final AttributeKey<Long> ROLLBACK_CALLS =
            AttributeKey.longKey("parallelrun.migration.rollback.calls");
    /** The side whose write failed, {@code OLD} or {@code NEW}. */
    public static final AttributeKey<String> WRITE_SIDE = AttributeKey.stringKey("parallelrun.migration.write.side");
    /** The stage the failed write's call ran in. */
    public static final AttributeKey<String> WRITE_STAGE = AttributeKey.stringKey("parallelrun.migration.write.stage");
    /** The failed write's call key: the key a backfill must repair. */
    public static final AttributeKey<String> WRITE_KEY = AttributeKey.stringKey("parallelrun.migration.write.key");

    private static final System.Logger LOG = System.getLogger(OpenTelemetryPublisher.class.getName());

    private final Tracer tracer;
    private final Logger logger;
    private final int maxBodyChars;
    private final MigrationRecords migrationRecords;
    private volatile boolean closed;
    private final LongAdder failures = new LongAdder();
    private final ThrottledLog log = ThrottledLog.perMinute(LOG);

    private OpenTelemetryPublisher(Builder builder) {
        this.tracer = builder.openTelemetry.getTracer(SCOPE);
        this.logger = builder.openTelemetry.getLogsBridge().get(SCOPE);
        this.maxBodyChars = builder.maxBodyChars;
        this.migrationRecords = new MigrationRecords(logger, builder.writeFailureKeys);
    }

    /** A publisher into {@code openTelemetry}, with the default options. */
    public static OpenTelemetryPublisher create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** Starts the options of a publisher into {@code openTelemetry}. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public void publish(Result<?> result) {
        guarded(
                () -> {
                    Context parent = parentOf(result.trace());
                    for (CandidateResult<?> candidate : result.candidates()) {
                        publish(result, candidate, parent);
                    }
                },
                this::failed);
    }

    private void publish(Result<?> result, CandidateResult<?> candidate, @Nullable Context parent) {
        Run<?> run = candidate.run();
        // the behavior itself; a run that never started has its sampling time as startedAt and a zero duration
        Instant start = run != null ? run.startedAt() : result.startedAt();
        Instant end = run != null && run.started() ? start.plus(run.duration()) : start;
        Attributes attributes = attributes(result.experiment(), candidate);

        SpanBuilder builder = tracer.spanBuilder(SPAN_NAME)
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(start)
                .setAllAttributes(attributes);
        if (parent != null) {
            builder.setParent(parent);
        } else {
            builder.setNoParent();
        }
        Span span = builder.startSpan();
        String error = errorType(candidate);
        if (error != null) {
            span.setAttribute(ERROR_TYPE, error);
            span.setStatus(
                    StatusCode.ERROR,
                    !error.equals(TIMEOUT)
                            ? "the candidate threw"
                            : run != null && !run.started()
                                    ? "the candidate never started within its timeout"
                                    : "the candidate timed out");
        }
        span.end(end);

        if (candidate.outcome() == Outcome.MISMATCH) {
            logger.logRecordBuilder()
                    .setEventName(MISMATCH_EVENT)
                    .setContext(Context.root().with(span))
                    .setTimestamp(end)
                    .setSeverity(Severity.WARN)
                    .setSeverityText("WARN")
                    .setAllAttributes(attributes)
                    .setBody(MismatchBody.of(result.experiment(), candidate, maxBodyChars))
                    .emit();
        }
    }

    /** Emits the {@value #STAGE_EVENT} log record of {@code change}; a rollback at {@code WARN}. */
    @Override
    public void publishStage(StageChange change) {
        guarded(() -> migrationRecords.stage(change), this::failedRecord);
    }

    /** Emits the {@value #WRITE_FAILURE_EVENT} log record of {@code failure}. */
    @Override
    public void publishWriteFailure(WriteFailure failure) {
        guarded(() -> migrationRecords.writeFailure(failure), this::failedRecord);
    }

    /**
     * Runs {@code emit} unless closed. Whatever the SDK throws goes to {@code onFault}, never to the publishing
     * thread; an error of the JVM itself is let through.
     */
    private void guarded(Runnable emit, Consumer<Throwable> onFault) {
        if (closed) {
            return;
        }
        try {
            emit.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable fault) {
            onFault.accept(fault);
        }
    }

    private void failedRecord(Throwable fault) {
        failures.increment();
        log.warn(
                () -> "OpenTelemetryPublisher could not publish a migration's stage change or failed write ("
                        + failures.sum() + " failures so far); the migration is unaffected",
                fault);
    }

    /**
     * The caller's span as a parent, or {@code null} when the call was in no trace. The caller's span lives
     * in this process, so it is a local parent: a parent-based sampler applies its local-parent rules.
     */
    private static @Nullable Context parentOf(@Nullable TraceIds trace) {
        if (trace == null) {
            return null;
        }
        SpanContext caller = SpanContext.create(
                trace.traceId(),
                trace.spanId(),
                trace.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                TraceState.getDefault());
        return caller.isValid() ? Context.root().with(Span.wrap(caller)) : null;
    }

    private static Attributes attributes(String experiment, CandidateResult<?> candidate) {
        AttributesBuilder attributes = Attributes.builder()
                .put(EXPERIMENT_NAME, experiment)
                .put(EXPERIMENT_CANDIDATE, candidate.name())
                .put(EXPERIMENT_OUTCOME, candidate.outcome().name());
        SkipReason reason = candidate.skipReason();
        if (reason != null) {
            attributes.put(EXPERIMENT_SKIP_REASON, reason.name());
        }
        Run<?> run = candidate.run();
        if (run != null) {
            attributes.put(EXPERIMENT_START_DELAY_NS, nanos(run.startDelay()));
        }
        Diff diff = candidate.diff();
        if (!diff.isEmpty()) {
            attributes.put(EXPERIMENT_SIGNATURE, diff.signature());
            attributes.put(EXPERIMENT_DIFFERENCE_COUNT, (long) diff.total());
        }
        return attributes.build();
    }

    /** Nanoseconds, saturated instead of overflowing for durations past 292 years. */
    private static long nanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException e) {
            return duration.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    private static @Nullable String errorType(CandidateResult<?> candidate) {
        if (candidate.outcome() == Outcome.TIMED_OUT) {
            return TIMEOUT;
        }
        Run<?> run = candidate.run();
        Throwable thrown = run != null ? run.exception() : null;
        return thrown != null ? thrown.getClass().getName() : null;
    }

    private void failed(Throwable fault) {
        failures.increment();
        log.warn(
                () -> "OpenTelemetryPublisher could not publish a result (" + failures.sum()
                        + " so far); the experiment is unaffected",
                fault);
    }

    /** Results this publisher failed to publish because OpenTelemetry threw. */
    long failures() {
        return failures.sum();
    }

    /** Stops publishing; the {@link OpenTelemetry} instance stays open (it is the application's). Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "OpenTelemetryPublisher[" + SCOPE + "]";
    }

    /** Options of an {@link OpenTelemetryPublisher}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private int maxBodyChars = 32 * 1024;
        private boolean writeFailureKeys;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry");
        }

        /**
         * About how many characters a mismatch log record's body may hold; differences past it are left out
         * and counted in {@code omittedDifferences}, and any one value is cut to a quarter of it. Default
         * 32,768; at least 1,024.
         */
        public Builder maxBodyChars(int chars) {
            if (chars < 1024) {
                throw new IllegalArgumentException("maxBodyChars must be at least 1024, was " + chars);
            }
            this.maxBodyChars = chars;
            return this;
        }

        /**
         * Whether a failed write's log record carries the call's key ({@code parallelrun.migration.write.key}), in
         * its attributes and its body: the key a backfill must repair. Default off: keys are often customer
         * identifiers, and a telemetry backend is often shared and kept long. Without them the record still says
         * which migration, stage and side failed, and how; the JSON Lines files keep the keys either way.
         */
        public Builder writeFailureKeys(boolean send) {
            this.writeFailureKeys = send;
            return this;
        }

        /** The publisher. */
        public OpenTelemetryPublisher build() {
            return new OpenTelemetryPublisher(this);
        }
    }
}
