package dev.parallelrun.runtime;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link Result} of a sampled call once every party has arrived: the control's run, each candidate's
 * outcome (judged, timed out or skipped), the merged context, and wall-clock times derived from the monotonic
 * ones. Off the caller's thread.
 */
final class ResultAssembly {

    private ResultAssembly() {}

    /** The control's run and each candidate's part, judged: all the statistics need. */
    record Parts<T extends @Nullable Object>(Run<T> control, List<CandidateResult<T>> candidates, Clock clock) {}

    /** The whole result, for publishers and strict mode. */
    static <T extends @Nullable Object> Result<T> assemble(SampledCall<T> sampled) {
        return assemble(sampled, judge(sampled));
    }

    static <T extends @Nullable Object> Parts<T> judge(SampledCall<T> sampled) {
        RuntimeExperiment<T> experiment = sampled.experiment;
        Judge<T> judge = experiment.judge();
        Clock clock = new Clock(experiment.laboratory().clock().instant(), System.nanoTime());
        Run<T> control = run(
                Run.CONTROL,
                clock.at(sampled.controlStart),
                elapsed(sampled.controlStart, sampled.controlEnd),
                sampled.controlException,
                sampled.controlValue(),
                judge);
        List<CandidateResult<T>> candidates = new ArrayList<>(sampled.slots.length);
        for (Slot<T> slot : sampled.slots) {
            try {
                candidates.add(candidate(sampled, judge, control, slot, clock));
            } catch (Throwable fault) {
                // one candidate's hostile value never costs the others their outcome
                experiment.faults().record(FaultSource.ENGINE, fault);
                candidates.add(CandidateResult.comparisonFailed(
                        slot.name, null, fault, "comparing failed: " + Judge.describe(fault)));
            }
        }
        return new Parts<>(control, candidates, clock);
    }

    private static <T extends @Nullable Object> Result<T> assemble(SampledCall<T> sampled, Parts<T> parts) {
        RuntimeExperiment<T> experiment = sampled.experiment;
        Clock clock = parts.clock();
        // the experiment's context first, then the call's own: on a clash the call's, the more specific, wins
        Map<String, String> context = new LinkedHashMap<>();
        Map<String, String> supplied = sampled.suppliedContext();
        if (supplied != null) {
            context.putAll(supplied);
        }
        context.putAll(sampled.call.context());
        Object input = sampled.call.input();
        return new Result<>(
                experiment.name(),
                sampled.call,
                context,
                clock.at(sampled.sampledAt),
                parts.control(),
                parts.candidates(),
                sampled.context.trace(),
                experiment.spec().expiresOn(),
                experiment.expiredAt(clock.now),
                experiment.spec().captureInputs() && input != null
                        ? experiment.judge().publishInput(input)
                        : null);
    }

    private static <T extends @Nullable Object> CandidateResult<T> candidate(
            SampledCall<T> sampled, Judge<T> judge, Run<T> control, Slot<T> slot, Clock clock) {
        Slot.State state = slot.state();
        return switch (state) {
            case SKIPPED -> {
                SkipReason reason = slot.skipReason;
                yield CandidateResult.skipped(slot.name, reason != null ? reason : SkipReason.CLOSED);
            }
            case TIMED_OUT -> {
                String limit = sampled.experiment.spec().candidateTimeout().toMillis() + " ms";
                if (!slot.timedOutRunning) {
                    Duration waited = elapsed(sampled.sampledAt, slot.timedOutAt);
                    yield CandidateResult.timedOut(
                            slot.name,
                            Run.neverStarted(slot.name, clock.at(sampled.sampledAt), waited),
                            "never started within the candidate timeout of " + limit + " (no thread free in time)");
                }
                Run<T> run = Run.<T>unfinished(
                                slot.name, clock.at(slot.behaviorStart), elapsed(slot.behaviorStart, slot.timedOutAt))
                        .withStartDelay(elapsed(sampled.sampledAt, slot.behaviorStart));
                yield CandidateResult.timedOut(slot.name, run, "interrupted past the candidate timeout of " + limit);
            }
            case DONE -> {
                Run<T> run = run(
                        slot.name,
                        clock.at(slot.behaviorStart),
                        elapsed(slot.behaviorStart, slot.behaviorEnd),
                        slot.exception,
                        slot.value(),
                        judge);
                yield judge.judge(
                        slot.name, control, run.withStartDelay(elapsed(sampled.sampledAt, slot.behaviorStart)));
            }
            default -> throw new IllegalStateException(slot + " arrived while still open");
        };
    }

    /** A finished run: what it threw, or its value, published only when a publisher asks. */
    private static <T extends @Nullable Object> Run<T> run(
            String name, Instant started, Duration took, @Nullable Throwable thrown, T value, Judge<T> judge) {
        return thrown != null
                ? Run.threw(name, started, took, thrown)
                : Run.returned(name, started, took, value, () -> judge.publish(value));
    }

    private static Duration elapsed(long start, long end) {
        return Duration.ofNanos(Math.max(0, end - start));
    }

    /** Turns monotonic times into wall-clock instants, against one reading of both clocks. */
    static final class Clock {
        final Instant now;
        final long nowNanos;

        Clock(Instant now, long nowNanos) {
            this.now = now;
            this.nowNanos = nowNanos;
        }

        Instant at(long nanos) {
            return now.minusNanos(nowNanos - nanos);
        }
    }
}
