package dev.parallelrun.runtime;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import dev.parallelrun.runtime.diff.Differ;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's experiment. The unsampled path is one volatile read, the sampler and the control: nothing is
 * allocated and no clock is read. On the sampled path the caller captures its context, hands the call to the
 * dispatcher (a queue offer: it never starts or wakes a thread), runs the control and records it.
 */
final class RuntimeExperiment<T extends @Nullable Object> implements Experiment<T> {

    private static final String[] SINGLE = {Candidates.DEFAULT_NAME};

    private final RuntimeLaboratory laboratory;
    private final ExperimentSpec<T> spec;
    private final String name;
    private final Sampler builtSampler;
    // volatile so an operator can change it at run time (an actuator, say); a plain load on the unsampled path
    private volatile Sampler sampler;
    private final @Nullable BooleanSupplier runIf;
    private final boolean strict;
    private final FaultLog faults;
    private final StatsRecorder recorder;
    private final Judge<T> judge;
    private final ThreadFactory candidateThreads;
    private final long timeoutNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger runaways = new AtomicInteger();
    private final LongAdder runawaysTotal = new LongAdder();
    private volatile boolean paused;
    // the laboratory stopped or this experiment paused, in one field so that the unsampled path reads one volatile
    private volatile boolean samplingOff;

    RuntimeExperiment(RuntimeLaboratory laboratory, ExperimentSpec<T> spec, Differ differ, boolean strict) {
        this.laboratory = laboratory;
        this.spec = spec;
        this.name = spec.name();
        this.builtSampler = spec.sampler();
        this.sampler = builtSampler;
        this.runIf = spec.runIf();
        this.strict = strict;
        this.faults = new FaultLog(name, spec.faultHandler());
        this.recorder = new StatsRecorder(name);
        this.judge = new Judge<>(spec, differ, faults);
        this.candidateThreads = Thread.ofVirtual().name("parallel-run:" + name).factory();
        this.timeoutNanos = spec.candidateTimeout().toNanos();
        this.samplingOff = laboratory.stopped();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <X extends Throwable> T run(Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate) throws X {
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        if (!sample(Call.none()) || shed(SINGLE)) {
            return control.call();
        }
        return runSampled(Call.none(), control, SINGLE, single(candidate));
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        if (!sample(call) || shed(SINGLE)) {
            return control.call();
        }
        return runSampled(call, control, SINGLE, single(candidate));
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Candidates<T> candidates) throws X {
        requireNonNull(call, "call");
        requireNonNull(control, "control");
        requireNonNull(candidates, "candidates");
        if (!sample(call)) {
            return control.call();
        }
        List<Candidates.Named<T>> list = candidates.list();
        String[] names = names(list);
        if (shed(names)) {
            return control.call();
        }
        return runSampled(call, control, names, behaviors(list));
    }

    @Override
    public <X extends Throwable> CompletionStage<T> runAsync(
            Call call,
            Behavior<? extends CompletionStage<T>, X> control,
            Behavior<? extends CompletionStage<? extends T>, ?> candidate)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(control, "control");
        requireNonNull(candidate, "candidate");
        if (!sample(call) || shed(SINGLE)) {
            return control.call();
        }
        return runSampledAsync(call, control, SINGLE, single(candidate));
    }

    @Override
    public <X extends Throwable> CompletionStage<T> runAsync(
            Call call,
            Behavior<? extends CompletionStage<T>, X> control,
            Candidates<? extends CompletionStage<? extends T>> candidates)
            throws X {
        requireNonNull(call, "call");
        requireNonNull(control, "control");
        requireNonNull(candidates, "candidates");
        if (!sample(call)) {
            return control.call();
        }
        var list = candidates.list();
        String[] names = names(list);
        if (shed(names)) {
            return control.call();
        }
        return runSampledAsync(call, control, names, behaviors(list));
    }

    @Override
    public <A extends @Nullable Object> Function<A, CompletionStage<T>> wrapAsync(
            Function<? super A, ? extends CompletionStage<T>> control,
            Function<? super A, ? extends CompletionStage<? extends T>> candidate) {
        return new WrappedAsync<>(this, requireNonNull(control, "control"), requireNonNull(candidate, "candidate"));
    }

    @Override
    public <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate) {
        return new WrappedFunction<>(
                this, null, requireNonNull(control, "control"), requireNonNull(candidate, "candidate"));
    }

    @Override
    public <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, Call> call,
            Function<? super A, ? extends T> control,
            Function<? super A, ? extends T> candidate) {
        return new WrappedFunction<>(
                this,
                requireNonNull(call, "call"),
                requireNonNull(control, "control"),
                requireNonNull(candidate, "candidate"));
    }

    @Override
    public Supplier<T> wrap(Supplier<? extends T> control, Supplier<? extends T> candidate) {
        return new WrappedSupplier<>(this, requireNonNull(control, "control"), requireNonNull(candidate, "candidate"));
    }

    @Override
    public ExperimentStats stats() {
        return recorder.snapshot(
                faults.counts(),
                runaways.get(),
                runawaysTotal.sum(),
                spec.expiresOn(),
                expiredAt(laboratory.clock().instant()),
                spec.readiness());
    }

    @Override
    public synchronized void pause() {
        paused = true;
        samplingOff = true;
    }

    @Override
    public synchronized void resume() {
        paused = false;
        samplingOff = laboratory.stopped();
    }

    @Override
    public boolean paused() {
        return paused;
    }

    /** Samples with {@code replacement} from now on; {@code null} goes back to the sampler the experiment was built with. */
    void overrideSampler(@Nullable Sampler replacement) {
        sampler = replacement != null ? replacement : builtSampler;
    }

    /** The sampler in use now. */
    Sampler sampler() {
        return sampler;
    }

    /** The laboratory stopped or resumed sampling. */
    synchronized void laboratoryStopped(boolean stopped) {
        samplingOff = stopped || paused;
    }

    /**
     * True when a call sampled before a pause of this experiment or of the laboratory must not start its candidates
     * now. Dispatcher's thread: reads flags only, never the kill switch (user code).
     */
    boolean pausedAfterSampling() {
        return paused || laboratory.pausedFlag();
    }

    /** The sampling decision: the switches, then the sampler, then {@code runIf}, then the nesting guard. */
    boolean sample(Call call) {
        if (samplingOff || laboratory.killed(faults)) {
            return false;
        }
        if (!strict) {
            try {
                if (!sampler.sample(name, call)) {
                    return false;
                }
                BooleanSupplier condition = runIf;
                if (condition != null && !condition.getAsBoolean()) {
                    return false;
                }
            } catch (Throwable fault) {
                faults.record(FaultSource.SAMPLER, fault);
                return false;
            }
        }
        return !CandidateChain.inside(this);
    }

    /**
     * Sheds a sampled call at the door when its candidates could not run anyway (the experiment at its cap, runaways
     * at their bound, the hand-off queue full): the skip is counted, with its reason, and nothing else happens, so an
     * overloaded experiment costs its callers a few reads and a counter. Never in strict mode, where every call
     * must give a result. Caller's thread.
     */
    boolean shed(String[] names) {
        if (strict) {
            return false;
        }
        SkipReason reason = liveCandidates() >= spec.maxConcurrentCandidates()
                ? SkipReason.CAP
                : runaways.get() >= spec.maxRunaways()
                                || (spec.candidateExecutor() == null
                                        && laboratory.dispatcher().runawaysAtBound())
                        ? SkipReason.RUNAWAYS
                        : spec.candidateExecutor() != null
                                        && laboratory.dispatcher().backlogFull()
                                ? SkipReason.BACKLOG
                                : null;
        if (reason == null) {
            return false;
        }
        recorder.shed(reason, names);
        return true;
    }

    private <X extends Throwable> T runSampled(
            Call call, Behavior<? extends T, X> control, String[] names, Behavior<?, ?>[] behaviors) throws X {
        if (strict) {
            failIfExpired();
        }
        SampledCall<T> sampled = handOver(call, names, behaviors, false);
        if (sampled == null) {
            return control.call();
        }
        long start = System.nanoTime();
        T value;
        try {
            value = control.call();
        } catch (Throwable thrown) {
            controlDone(sampled, null, thrown, start, System.nanoTime());
            throw Sneaky.<X>rethrow(thrown);
        }
        controlDone(sampled, value, null, start, System.nanoTime());
        return value;
    }

    /** The sampled control is done: record it (a fault is counted, never thrown), then strict mode's check. */
    private void controlDone(
            SampledCall<T> sampled, @Nullable T value, @Nullable Throwable thrown, long start, long end) {
        try {
            sampled.controlDone(value, thrown, start, end);
        } catch (Throwable unexpected) {
            faults.record(FaultSource.ENGINE, unexpected);
        }
        if (strict) {
            checkStrictly(sampled, thrown);
        }
    }

    private <X extends Throwable> CompletionStage<T> runSampledAsync(
            Call call, Behavior<? extends CompletionStage<T>, X> control, String[] names, Behavior<?, ?>[] behaviors)
            throws X {
        if (strict) {
            failIfExpired();
        }
        SampledCall<T> sampled = handOver(call, names, behaviors, true);
        if (sampled == null) {
            return control.call();
        }
        long start = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = control.call();
        } catch (Throwable e) {
            sampled.controlDone(null, e, start, System.nanoTime());
            if (strict) {
                checkStrictly(sampled, e); // a mismatch beats the control's own exception, as for run
            }
            throw Sneaky.<X>rethrow(e);
        }
        if (stage == null) {
            // what the supplier returned is what the caller gets, as on an unsampled call; the result says why
            // nothing was compared
            sampled.controlDone(
                    null,
                    new NullPointerException("the control's supplier returned no stage"),
                    start,
                    System.nanoTime());
            return stage;
        }
        try {
            stage.whenComplete(
                    (value, failure) -> sampled.controlDone(value, unwrap(failure), start, System.nanoTime()));
        } catch (Throwable unexpected) {
            faults.record(FaultSource.ENGINE, unexpected);
            sampled.controlDone(null, unexpected, start, System.nanoTime());
            return stage;
        }
        CompletableFuture<T> strictStage = sampled.strictStage();
        return strictStage != null ? strictStage : stage;
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }

    /** Makes the sampled call and hands its candidates to the dispatcher; {@code null} when that failed (logged). */
    private @Nullable SampledCall<T> handOver(Call call, String[] names, Behavior<?, ?>[] behaviors, boolean async) {
        SampledCall<T> sampled;
        try {
            sampled = new SampledCall<>(this, call, names, behaviors, async, strict);
        } catch (Throwable unexpected) {
            faults.record(FaultSource.ENGINE, unexpected);
            return null;
        }
        try {
            if (!laboratory.dispatcher().handOver(sampled)) {
                sampled.skipAll(laboratory.closed() ? SkipReason.CLOSED : SkipReason.BACKLOG);
            }
        } catch (Throwable unexpected) {
            faults.record(FaultSource.ENGINE, unexpected); // the control still runs and arrives: the call has a result
        }
        return sampled;
    }

    /** Strict mode: wait for the result to be published, then fail on anything not acceptable. */
    private void checkStrictly(SampledCall<T> sampled, @Nullable Throwable controlException) {
        Result<T> result = awaitStrictResult(sampled);
        if (!result.acceptable()) {
            MismatchException mismatch = MismatchException.of(result);
            if (controlException != null) {
                mismatch.addSuppressed(controlException);
            }
            throw mismatch;
        }
    }

    private Result<T> awaitStrictResult(SampledCall<T> sampled) {
        Duration wait = strictWait();
        Result<T> result;
        try {
            result = sampled.awaitPublished(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("strict mode: interrupted while waiting for experiment '" + name + "'", e);
        }
        if (result == null) {
            throw new IllegalStateException("strict mode: the result of experiment '" + name
                    + "' was not published within " + wait.toMillis() + " ms (laboratory closed or publishers stuck)");
        }
        return result;
    }

    private Duration strictWait() {
        // the deadline counts from sampling; the dispatcher notices it within a park, and the result still has to
        // be compared and published
        return spec.candidateTimeout().plus(laboratory.closeTimeout()).plusSeconds(1);
    }

    /** Strict async: completes the returned stage like the control's, or with the mismatch. Publishing thread. */
    void completeStrictly(SampledCall<T> sampled, CompletableFuture<T> stage) {
        Result<T> result = sampled.result();
        Throwable controlException = sampled.controlException;
        if (result == null) {
            stage.completeExceptionally(new IllegalStateException(
                    "strict mode: the result of experiment '" + name + "' could not be made"));
        } else if (!result.acceptable()) {
            MismatchException mismatch = MismatchException.of(result);
            if (controlException != null) {
                mismatch.addSuppressed(controlException);
            }
            stage.completeExceptionally(mismatch);
        } else if (controlException != null) {
            stage.completeExceptionally(controlException);
        } else {
            stage.complete(sampled.controlValue());
        }
    }

    private void failIfExpired() {
        if (expiredAt(laboratory.clock().instant())) {
            throw new IllegalStateException(expiredMessage());
        }
    }

    String expiredMessage() {
        return "experiment '" + name + "' expired on " + spec.expiresOn()
                + " and strict mode is on: finish the migration or remove the experiment";
    }

    /** True when the expiry date lies before the day of {@code now}; warns once when it does. */
    boolean expiredAt(Instant now) {
        LocalDate expiresOn = spec.expiresOn();
        if (expiresOn == null) {
            return false;
        }
        boolean expired = LocalDate.ofInstant(now, laboratory.clock().getZone()).isAfter(expiresOn);
        if (expired) {
            faults.warnExpired(expiresOn);
        }
        return expired;
    }

    /** Takes one of the experiment's concurrency permits; false at the cap. Dispatcher's thread. */
    boolean tryAcquireCandidate() {
        while (true) {
            int live = inFlight.get();
            if (live >= spec.maxConcurrentCandidates()) {
                return false;
            }
            if (inFlight.compareAndSet(live, live + 1)) {
                return true;
            }
        }
    }

    void releaseCandidate() {
        inFlight.decrementAndGet();
    }

    /** Candidates in flight now (holding a permit). */
    int liveCandidates() {
        return inFlight.get();
    }

    void runawayStarted() {
        runaways.incrementAndGet();
        runawaysTotal.increment();
    }

    void runawayEnded() {
        runaways.decrementAndGet();
    }

    /** Runaway candidates of this experiment now. */
    int runaways() {
        return runaways.get();
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    RuntimeLaboratory laboratory() {
        return laboratory;
    }

    ExperimentSpec<T> spec() {
        return spec;
    }

    FaultLog faults() {
        return faults;
    }

    StatsRecorder recorder() {
        return recorder;
    }

    Judge<T> judge() {
        return judge;
    }

    ThreadFactory candidateThreads() {
        return candidateThreads;
    }

    // plain loops over the list: the sampled path allocates the two arrays it needs and nothing more
    private static String[] names(List<? extends Candidates.Named<?>> list) {
        String[] names = new String[list.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = list.get(i).name();
        }
        return names;
    }

    private static Behavior<?, ?>[] behaviors(List<? extends Candidates.Named<?>> list) {
        Behavior<?, ?>[] behaviors = new Behavior<?, ?>[list.size()];
        for (int i = 0; i < behaviors.length; i++) {
            behaviors[i] = list.get(i).behavior();
        }
        return behaviors;
    }

    private static Behavior<?, ?>[] single(Behavior<?, ?> candidate) {
        return new Behavior<?, ?>[] {candidate};
    }

    @Override
    public String toString() {
        return "experiment '" + name + "'";
    }

    /** {@link #wrap(Function, Function)}: the behaviors are bound once; an unsampled call is the direct call. */
    private record WrappedFunction<A extends @Nullable Object, T extends @Nullable Object>(
            RuntimeExperiment<T> experiment,
            @Nullable Function<? super A, Call> call,
            Function<? super A, ? extends T> control,
            Function<? super A, ? extends T> candidate)
            implements Function<A, T> {

        @Override
        public T apply(A argument) {
            Function<? super A, Call> toCall = call;
            Call made = Call.none();
            if (toCall != null) {
                try {
                    Call asked = toCall.apply(argument);
                    made = asked != null ? asked : Call.none();
                } catch (Throwable fault) {
                    experiment.faults().record(FaultSource.SAMPLER, fault);
                    return control.apply(argument);
                }
            }
            if (!experiment.sample(made) || experiment.shed(SINGLE)) {
                return control.apply(argument);
            }
            if (experiment.spec().captureInputs()) {
                made = made.input(argument);
            }
            return experiment.runSampled(
                    made, () -> control.apply(argument), SINGLE, single(() -> candidate.apply(argument)));
        }
    }

    /** {@link #wrap(Supplier, Supplier)}. */
    private record WrappedSupplier<T extends @Nullable Object>(
            RuntimeExperiment<T> experiment, Supplier<? extends T> control, Supplier<? extends T> candidate)
            implements Supplier<T> {

        @Override
        public T get() {
            if (!experiment.sample(Call.none()) || experiment.shed(SINGLE)) {
                return control.get();
            }
            return experiment.runSampled(Call.none(), control::get, SINGLE, single(candidate::get));
        }
    }

    /** {@link #wrapAsync(Function, Function)}. */
    private record WrappedAsync<A extends @Nullable Object, T extends @Nullable Object>(
            RuntimeExperiment<T> experiment,
            Function<? super A, ? extends CompletionStage<T>> control,
            Function<? super A, ? extends CompletionStage<? extends T>> candidate)
            implements Function<A, CompletionStage<T>> {

        @Override
        public CompletionStage<T> apply(A argument) {
            if (!experiment.sample(Call.none()) || experiment.shed(SINGLE)) {
                return control.apply(argument);
            }
            Call made = experiment.spec().captureInputs() ? Call.none().input(argument) : Call.none();
            return experiment.runSampledAsync(
                    made, () -> control.apply(argument), SINGLE, single(() -> candidate.apply(argument)));
        }
    }
}
