package dev.parallelrun.runtime;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.SkipReason;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One sampled call in flight: its candidates' slots, the control's outcome, and the countdown to the moment all of
 * them are known. Whoever arrives last hands the call on: a candidate's thread compares it right there (it still
 * holds its concurrency permit, so that work is bounded too); every other thread (the caller's, the dispatcher's,
 * the thread that completed an async stage) only hands it to the dispatcher, which starts a virtual thread to
 * compare it. The caller's thread never compares and never wakes a thread.
 */
final class SampledCall<T extends @Nullable Object> {

    /** Who arrives. */
    enum Arrival {
        /** A candidate's own thread, inside the caller's context: it compares there. */
        CANDIDATE,
        /** Any other thread: the call is handed to the dispatcher to be compared on a thread of its own. */
        ELSEWHERE
    }

    /** beforeRun and the context supplier run once per call, on the first candidate thread that gets there. */
    private enum Preparation {
        NOT_STARTED,
        RUNNING,
        DONE,
        FAILED
    }

    final RuntimeExperiment<T> experiment;
    final Call call;
    final long sampledAt;
    final long deadline;
    final CallerContext context;
    final boolean async;
    final Slot<T>[] slots;
    private final AtomicInteger pending; // the candidates and the control still to arrive

    private final AtomicReference<Preparation> preparation = new AtomicReference<>(Preparation.NOT_STARTED);
    private final @Nullable CountDownLatch prepared;
    private volatile @Nullable Map<String, String> suppliedContext;

    // written by the thread the control completes on, before it arrives
    @Nullable
    T controlValue;

    @Nullable
    Throwable controlException;

    long controlStart;
    long controlEnd;

    private volatile @Nullable Result<T> result;
    private final @Nullable CountDownLatch published;
    private final @Nullable CompletableFuture<T> strictStage;

    @SuppressWarnings("unchecked")
    SampledCall(
            RuntimeExperiment<T> experiment,
            Call call,
            String[] names,
            Behavior<?, ?>[] behaviors,
            boolean async,
            boolean strict) {
        this.experiment = experiment;
        this.call = call;
        this.async = async;
        this.sampledAt = System.nanoTime();
        this.deadline = sampledAt + experiment.timeoutNanos();
        this.context = CallerContext.capture(experiment.laboratory(), experiment.faults());
        this.slots = (Slot<T>[]) new Slot<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            slots[i] = new Slot<>(this, names[i], behaviors[i]);
        }
        this.pending = new AtomicInteger(names.length + 1);
        this.prepared = names.length > 1 ? new CountDownLatch(1) : null;
        this.published = strict ? new CountDownLatch(1) : null;
        this.strictStage = strict && async ? new CompletableFuture<>() : null;
        experiment.laboratory().callStarted();
    }

    /** What the control returned, {@code null} included; read only when it threw nothing. */
    @SuppressWarnings("NullAway") // the field is null before the control is done, or when it threw: not read then
    T controlValue() {
        return controlValue;
    }

    /** The control is done: record it and arrive. On the thread the control completed on. */
    void controlDone(@Nullable T value, @Nullable Throwable exception, long start, long end) {
        controlValue = value;
        controlException = exception;
        controlStart = start;
        controlEnd = end;
        arrive(Arrival.ELSEWHERE);
    }

    /** Every candidate of this call is skipped before it was handed over (the hand-off queue was full). Caller's thread. */
    void skipAll(SkipReason reason) {
        for (Slot<T> slot : slots) {
            if (slot.skip(Slot.State.QUEUED, reason)) {
                arrive(Arrival.ELSEWHERE);
            }
        }
    }

    /** One more party is done; the last one hands the call on. */
    void arrive(Arrival arrival) {
        if (pending.decrementAndGet() != 0) {
            return;
        }
        if (arrival == Arrival.CANDIDATE) {
            finish();
        } else {
            experiment.laboratory().dispatcher().finishLater(this);
        }
    }

    /**
     * Compares, records and hands the result to the publishing pipeline. Runs once, on the last candidate's thread or
     * on a virtual thread of the dispatcher's, inside the caller's context. Never throws.
     */
    void finish() {
        try {
            if (published == null && !experiment.laboratory().publishing().listens()) {
                // nobody publishes and nobody waits: judged and counted, with no Result made
                ResultAssembly.Parts<T> parts = ResultAssembly.judge(this);
                experiment.recorder().record(parts.control(), parts.candidates());
                return;
            }
            Result<T> made = ResultAssembly.assemble(this);
            result = made;
            experiment.recorder().record(made.control(), made.candidates());
            experiment
                    .laboratory()
                    .publishing()
                    .offer(this, published != null, experiment.laboratory().closeTimeout());
        } catch (Throwable unexpected) {
            experiment.faults().record(FaultSource.ENGINE, unexpected);
            released();
        } finally {
            experiment.laboratory().callHandedOn();
        }
    }

    /** {@link #finish()} inside the caller's context, on a thread that is not a candidate's. */
    void finishInContext() {
        CallerContext.Entered entered = context.enter(experiment, experiment.faults());
        try {
            finish();
        } finally {
            entered.close();
        }
    }

    /**
     * Runs beforeRun and the context supplier once per call; false when beforeRun threw (or the wait for another
     * candidate's thread running it was interrupted). On a candidate's thread, inside the caller's context.
     */
    boolean prepare() {
        if (preparation.compareAndSet(Preparation.NOT_STARTED, Preparation.RUNNING)) {
            boolean ok = true;
            Runnable beforeRun = experiment.spec().beforeRun();
            if (beforeRun != null) {
                try {
                    beforeRun.run();
                } catch (Throwable fault) {
                    experiment.faults().record(FaultSource.BEFORE_RUN, fault);
                    ok = false;
                }
            }
            suppliedContext = supplyContext();
            preparation.set(ok ? Preparation.DONE : Preparation.FAILED);
            if (prepared != null) {
                prepared.countDown();
            }
            return ok;
        }
        CountDownLatch latch = prepared;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                return false; // timed out while another candidate's thread ran beforeRun
            }
        }
        return preparation.get() == Preparation.DONE;
    }

    /** True when beforeRun threw. */
    boolean beforeRunFailed() {
        return preparation.get() == Preparation.FAILED;
    }

    /**
     * What the context supplier returned, or {@code null}: when no candidate's thread got going (all skipped, or timed
     * out before they started) the supplier is not run, so that such a call is finished without running user code.
     */
    @Nullable
    Map<String, String> suppliedContext() {
        return suppliedContext;
    }

    /**
     * True when some candidate ran to the end, so its value must be compared (user code: a comparator, equals); or
     * in strict mode, where handing on may block. Such a call is finished on a thread of its own.
     */
    boolean needsComparison() {
        if (published != null) {
            return true;
        }
        for (Slot<T> slot : slots) {
            if (slot.state() == Slot.State.DONE) {
                return true;
            }
        }
        return false;
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
            experiment.faults().record(FaultSource.CONTEXT, fault);
            return null;
        }
    }

    /** The result once made, or {@code null}. */
    @Nullable
    Result<T> result() {
        return result;
    }

    /** The result once published, or {@code null} when it was not within {@code timeout}. Strict mode only. */
    @Nullable
    Result<T> awaitPublished(Duration timeout) throws InterruptedException {
        CountDownLatch latch = published;
        if (latch == null || !latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        return result;
    }

    /** The stage a strict async call returns; {@code null} otherwise. */
    @Nullable
    CompletableFuture<T> strictStage() {
        return strictStage;
    }

    /** The publishing thread is done with this call (published, or dropped). */
    void released() {
        CountDownLatch latch = published;
        if (latch != null) {
            latch.countDown();
        }
        CompletableFuture<T> stage = strictStage;
        if (stage != null) {
            experiment.completeStrictly(this, stage);
        }
    }
}
