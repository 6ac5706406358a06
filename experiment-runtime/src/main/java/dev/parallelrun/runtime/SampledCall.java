package dev.parallelrun.runtime;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.ExperimentSpec;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.TraceIds;
import io.micrometer.context.ContextSnapshot;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One sampled call in flight: the candidates' threads, the control's outcome, and the countdown to the
 * moment all of them are known. Whoever arrives last hands the call on: a candidate thread compares it
 * right there (it still holds its concurrency permit, so that work is bounded too); the caller's thread
 * and the timeout thread only enqueue it, and the publishing thread compares it.
 */
final class SampledCall<T extends @Nullable Object> {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;
    private static final int SKIPPED = 3;

    private final RuntimeExperiment<T> experiment;
    private final Call call;
    private final long startNanos;
    private final @Nullable TraceIds trace;
    private final Context otelContext;
    private final boolean full;
    private final @Nullable ContextSnapshot snapshot;
    private final @Nullable CandidateChain outerChain;
    private final Slot<T>[] slots;
    private final AtomicInteger pending; // the candidates and the control still to arrive

    // beforeRun and the context supplier run once, on the first candidate thread
    private final AtomicInteger preparation = new AtomicInteger(); // 0 not started, 1 running, 2 ok, 3 beforeRun failed
    private final @Nullable CountDownLatch prepared;
    private volatile @Nullable Map<String, String> suppliedContext;

    private @Nullable T controlValue;
    private @Nullable Throwable controlException;
    private long controlStart;
    private long controlEnd;

    private volatile @Nullable Result<T> result;
    private final @Nullable CountDownLatch published;

    /** A candidate's slot: its behavior and, once known, what it did. */
    private static final class Slot<T extends @Nullable Object> {
        final String name;
        final Behavior<? extends T, ?> behavior;
        final AtomicInteger state = new AtomicInteger(RUNNING);
        volatile @Nullable Thread thread;
        volatile Watchdog.@Nullable Deadline timeout;
        @Nullable String skipReason;
        long threadStart; // the timeout counts from here: beforeRun is part of the candidate's time budget
        long start;
        long end;
        @Nullable T value;
        @Nullable Throwable exception;

        Slot(String name, Behavior<? extends T, ?> behavior) {
            this.name = name;
            this.behavior = behavior;
        }
    }

    @SuppressWarnings("unchecked")
    SampledCall(RuntimeExperiment<T> experiment, Call call, String[] names, Behavior<? extends T, ?>[] behaviors,
            boolean strict) {
        this.experiment = experiment;
        this.call = call;
        this.startNanos = System.nanoTime();
        this.otelContext = Context.current();
        this.trace = traceOf(otelContext);
        // at the concurrency cap every candidate of this call is skipped, so the context is not captured
        this.full = experiment.atCandidateCap();
        this.snapshot = full ? null : experiment.laboratory().captureContext(experiment.faults());
        this.outerChain = CandidateChain.current();
        this.slots = (Slot<T>[]) new Slot<?>[names.length];
        this.pending = new AtomicInteger(names.length + 1);
        for (int i = 0; i < names.length; i++) {
            slots[i] = new Slot<>(names[i], behaviors[i]);
        }
        this.prepared = names.length > 1 ? new CountDownLatch(1) : null;
        this.published = strict ? new CountDownLatch(1) : null;
        experiment.laboratory().callStarted();
    }

    private static @Nullable TraceIds traceOf(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? new TraceIds(span.getTraceId(), span.getSpanId(), span.isSampled()) : null;
    }

    RuntimeExperiment<T> experiment() {
        return experiment;
    }

    /** Starts each candidate on its own virtual thread, or skips it past the concurrency cap. Caller's thread. */
    void startCandidates() {
        for (Slot<T> slot : slots) {
            if (full || !experiment.tryAcquireCandidate()) {
                skip(slot, experiment.capReached());
                continue;
            }
            try {
                Thread thread = experiment.candidateThreads().newThread(() -> runCandidate(slot));
                slot.thread = thread;
                thread.start();
            } catch (Throwable e) {
                experiment.releaseCandidate();
                skip(slot, "its thread could not start: " + e.getClass().getName());
            }
        }
    }

    private void skip(Slot<T> slot, String reason) {
        slot.skipReason = reason;
        if (slot.state.compareAndSet(RUNNING, SKIPPED)) {
            arrive(Side.CALLER);
        }
    }

    /** The control is done: record it and, when it is the last to finish, hand the call on. Caller's thread. */
    void controlDone(@Nullable T value, @Nullable Throwable exception, long start, long end) {
        controlValue = value;
        controlException = exception;
        controlStart = start;
        controlEnd = end;
        arrive(Side.CALLER);
    }

    private void runCandidate(Slot<T> slot) {
        try {
            slot.threadStart = System.nanoTime();
            slot.start = slot.threadStart;
            slot.timeout = experiment.laboratory().scheduleTimeout(() -> timeOut(slot), experiment.timeoutNanos());
            if (!runInCallersContext(slot)) {
                return; // skipped: already handed on
            }
        } catch (Throwable unexpected) {
            // the machinery failed around a candidate: it counts as the candidate's own failure, never lost
            if (slot.exception == null) {
                slot.exception = unexpected;
            }
            experiment.internalFault(unexpected);
        } finally {
            try {
                if (slot.state.compareAndSet(RUNNING, DONE)) {
                    if (slot.end == 0) {
                        slot.end = System.nanoTime();
                    }
                    cancelTimeout(slot);
                    arrive(Side.CANDIDATE);
                }
            } finally {
                experiment.releaseCandidate();
            }
        }
    }

    /** Runs the candidate with the caller's context around it; false when it was skipped instead. */
    private boolean runInCallersContext(Slot<T> slot) {
        Scope otel = null;
        ContextSnapshot.Scope locals = null;
        try {
            otel = otelContext.makeCurrent();
            locals = restoreThreadLocals();
            CandidateChain.enter(experiment, outerChain);
            if (!prepare()) {
                slot.skipReason = preparation.get() == 3 ? "beforeRun threw" : "interrupted before it started";
                if (slot.state.compareAndSet(RUNNING, SKIPPED)) {
                    cancelTimeout(slot);
                    arrive(Side.CANDIDATE);
                }
                return false;
            }
            slot.start = System.nanoTime();
            try {
                slot.value = slot.behavior.call();
            } catch (Throwable e) {
                slot.exception = e;
            }
            slot.end = System.nanoTime();
            return true;
        } finally {
            CandidateChain.leave();
            closeQuietly(locals);
            closeQuietly(otel);
        }
    }

    private void closeQuietly(@Nullable AutoCloseable scope) {
        if (scope != null) {
            try {
                scope.close();
            } catch (Throwable fault) {
                experiment.faults().record(Callback.CONTEXT, fault); // a thread-local that cannot be restored
            }
        }
    }

    private ContextSnapshot.Scope restoreThreadLocals() {
        ContextSnapshot captured = snapshot;
        if (captured != null) {
            try {
                return captured.setThreadLocals();
            } catch (Throwable fault) {
                experiment.faults().record(Callback.CONTEXT, fault);
            }
        }
        return () -> {};
    }

    private static void cancelTimeout(Slot<?> slot) {
        Watchdog.Deadline timeout = slot.timeout;
        if (timeout != null) {
            timeout.cancel();
        }
    }

    /** The timeout fired: give up on the candidate and interrupt it. Timeout thread. */
    private void timeOut(Slot<T> slot) {
        if (slot.state.compareAndSet(RUNNING, TIMED_OUT)) {
            slot.end = System.nanoTime();
            Thread thread = slot.thread;
            if (thread != null) {
                thread.interrupt();
            }
            arrive(Side.WATCHDOG);
        }
    }

    /** Runs beforeRun and the context supplier once; false when beforeRun threw. */
    private boolean prepare() {
        if (preparation.compareAndSet(0, 1)) {
            boolean ok = true;
            Runnable beforeRun = experiment.spec().beforeRun();
            if (beforeRun != null) {
                try {
                    beforeRun.run();
                } catch (Throwable fault) {
                    experiment.faults().record(Callback.BEFORE_RUN, fault);
                    ok = false;
                }
            }
            suppliedContext = supplyContext();
            preparation.set(ok ? 2 : 3);
            if (prepared != null) {
                prepared.countDown();
            }
            return ok;
        }
        if (prepared != null) {
            try {
                prepared.await();
            } catch (InterruptedException e) {
                return false; // timed out while another candidate thread ran beforeRun
            }
        }
        return preparation.get() == 2;
    }

    private @Nullable Map<String, String> supplyContext() {
        var supplier = experiment.spec().context();
        if (supplier == null) {
            return null;
        }
        try {
            Map<String, ?> supplied = supplier.get();
            Map<String, String> copy = new LinkedHashMap<>();
            if (supplied != null) {
                supplied.forEach((key, value) -> copy.put(String.valueOf(key), String.valueOf(value)));
            }
            return copy;
        } catch (Throwable fault) {
            experiment.faults().record(Callback.CONTEXT, fault);
            return null;
        }
    }

    /** Which thread a party arrives on. */
    private enum Side {
        /** The caller's: it must not compare, nor wake another thread (a futex call costs microseconds). */
        CALLER,
        /** A candidate's virtual thread: it compares right there, holding its concurrency permit. */
        CANDIDATE,
        /** The watchdog's, when a candidate times out: it only hands on. */
        WATCHDOG
    }

    /** One more party is done; the last one hands the call on. */
    private void arrive(Side side) {
        if (pending.decrementAndGet() != 0) {
            return;
        }
        try {
            if (side == Side.CANDIDATE) {
                finish();
            }
            boolean strict = published != null;
            experiment.laboratory().publishing().offer(this, strict, strict || side != Side.CALLER,
                    experiment.laboratory().closeTimeout());
        } finally {
            experiment.laboratory().callHandedOn();
        }
    }

    /** The result, comparing first when nobody has yet. Never throws. */
    @Nullable Result<T> finish() {
        Result<T> made = result;
        if (made != null) {
            return made;
        }
        try {
            made = compare();
        } catch (Throwable unexpected) {
            experiment.internalFault(unexpected);
            return null;
        }
        result = made;
        try {
            experiment.recorder().record(made);
        } catch (Throwable unexpected) {
            experiment.internalFault(unexpected);
        }
        return made;
    }

    private Result<T> compare() {
        Judge<T> judge = experiment.judge();
        Instant now = experiment.laboratory().clock().instant();
        long nowNanos = System.nanoTime();
        Throwable thrown = controlException;
        T value = controlValue;
        Run<T> control = thrown != null
                ? Run.threw(Run.CONTROL, instant(now, nowNanos, controlStart), elapsed(controlStart, controlEnd), thrown)
                : Run.returned(Run.CONTROL, instant(now, nowNanos, controlStart), elapsed(controlStart, controlEnd), value,
                        () -> judge.publish(value));
        List<CandidateResult<T>> candidates = new ArrayList<>(slots.length);
        for (Slot<T> slot : slots) {
            try {
                candidates.add(candidateResult(judge, control, slot, now, nowNanos));
            } catch (Throwable fault) {
                // one candidate's hostile value never costs the others their outcome
                experiment.faults().record(Callback.COMPARATOR, fault);
                candidates.add(new CandidateResult<>(slot.name, Outcome.COMPARISON_FAILED, null, Diff.none(),
                        "comparing failed: " + fault.getClass().getName()));
            }
        }
        if (preparation.get() == 0) {
            suppliedContext = supplyContext(); // no candidate ran: the context is still wanted by the report
        }
        Map<String, String> context = new LinkedHashMap<>(call.context());
        Map<String, String> supplied = suppliedContext;
        if (supplied != null) {
            context.putAll(supplied);
        }
        ExperimentSpec<T> spec = experiment.spec();
        LocalDate expiresOn = spec.expiresOn();
        boolean expired = experiment.expiredAt(now);
        return new Result<>(spec.name(), call, context, instant(now, nowNanos, startNanos), control, candidates, trace,
                expiresOn, expired);
    }

    private CandidateResult<T> candidateResult(Judge<T> judge, Run<T> control, Slot<T> slot, Instant now, long nowNanos) {
        int state = slot.state.get();
        Instant started = instant(now, nowNanos, slot.start);
        switch (state) {
            case SKIPPED:
                return new CandidateResult<>(slot.name, Outcome.SKIPPED, null, Diff.none(), slot.skipReason);
            case TIMED_OUT:
                return new CandidateResult<>(slot.name, Outcome.TIMED_OUT,
                        Run.unfinished(slot.name, instant(now, nowNanos, slot.threadStart),
                                elapsed(slot.threadStart, slot.end)), Diff.none(),
                        "interrupted after the candidate timeout of " + experiment.spec().candidateTimeout().toMillis() + " ms");
            default:
                Duration took = elapsed(slot.start, slot.end);
                Throwable thrown = slot.exception;
                T value = slot.value;
                Run<T> candidate = thrown != null ? Run.threw(slot.name, started, took, thrown)
                        : Run.returned(slot.name, started, took, value, () -> judge.publish(value));
                return judge.judge(slot.name, control, candidate);
        }
    }

    private static Instant instant(Instant now, long nowNanos, long nanos) {
        return now.minusNanos(nowNanos - nanos);
    }

    private static Duration elapsed(long start, long end) {
        return Duration.ofNanos(Math.max(0, end - start));
    }

    /** The result once published, or {@code null} when it was not within {@code timeout}. Strict mode only. */
    @Nullable Result<T> awaitPublished(Duration timeout) throws InterruptedException {
        CountDownLatch latch = published;
        if (latch == null || !latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        return result;
    }

    /** The publishing thread is done with this call (published, or dropped). */
    void released() {
        if (published != null) {
            published.countDown();
        }
    }
}
