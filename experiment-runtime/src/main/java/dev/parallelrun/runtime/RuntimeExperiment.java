package dev.parallelrun.runtime;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentSpec;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.ThrottledLog;
import dev.parallelrun.runtime.diff.Differ;
import dev.parallelrun.runtime.sampling.Samplers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's experiment. The unsampled path is the laboratory's state check, the sampler and the
 * control: nothing is allocated and no clock is read. Everything else happens on the sampled path.
 */
final class RuntimeExperiment<T extends @Nullable Object> implements Experiment<T> {

    private static final String[] SINGLE = {Candidates.DEFAULT_NAME};

    private final RuntimeLaboratory laboratory;
    private final ExperimentSpec<T> spec;
    private final String name;
    private final Sampler sampler;
    private final @Nullable BooleanSupplier runIf;
    private final boolean strict;
    private final FaultLog faults;
    private final StatsRecorder recorder;
    private final Judge<T> judge;
    private final ThreadFactory candidateThreads;
    private final AtomicInteger liveCandidates = new AtomicInteger();
    private final String capReached;
    private final long timeoutNanos;
    private final ThrottledLog internalErrors = ThrottledLog.perMinute(FaultLog.LOG);

    RuntimeExperiment(RuntimeLaboratory laboratory, ExperimentSpec<T> spec, Differ differ, boolean strict) {
        this.laboratory = laboratory;
        this.spec = spec;
        this.name = spec.name();
        Sampler configured = spec.sampler();
        this.sampler = configured != null ? configured
                : Double.isNaN(spec.sampleRate()) ? Samplers.always() : Samplers.fixed(spec.sampleRate());
        this.runIf = spec.runIf();
        this.strict = strict;
        this.faults = new FaultLog(name);
        this.recorder = new StatsRecorder(name);
        this.judge = new Judge<>(spec, differ, faults);
        this.candidateThreads = Thread.ofVirtual().name("parallel-run:" + name).factory();
        this.capReached = "maxConcurrentCandidates (" + spec.maxConcurrentCandidates() + ") reached";
        this.timeoutNanos = spec.candidateTimeout().toNanos();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <X extends Throwable> T run(Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate) throws X {
        if (!sample(Call.none())) {
            return control.call();
        }
        return runSampled(Call.none(), control, SINGLE, single(candidate));
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Behavior<? extends T, ?> candidate)
            throws X {
        if (!sample(call)) {
            return control.call();
        }
        return runSampled(call, control, SINGLE, single(candidate));
    }

    @Override
    public <X extends Throwable> T run(Call call, Behavior<? extends T, X> control, Candidates<T> candidates) throws X {
        if (!sample(call)) {
            return control.call();
        }
        List<Candidates.Named<T>> list = candidates.list();
        String[] names = new String[list.size()];
        Behavior<? extends T, ?>[] behaviors = newBehaviors(list.size());
        for (int i = 0; i < names.length; i++) {
            names[i] = list.get(i).name();
            behaviors[i] = list.get(i).behavior();
        }
        return runSampled(call, control, names, behaviors);
    }

    @Override
    public <A extends @Nullable Object> Function<A, T> wrap(
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate) {
        return new WrappedFunction<>(this, null, control, candidate);
    }

    @Override
    public <A extends @Nullable Object> Function<A, T> wrap(Function<? super A, Call> call,
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate) {
        return new WrappedFunction<>(this, java.util.Objects.requireNonNull(call, "call"), control, candidate);
    }

    @Override
    public Supplier<T> wrap(Supplier<? extends T> control, Supplier<? extends T> candidate) {
        return new WrappedSupplier<>(this, control, candidate);
    }

    @Override
    public ExperimentStats stats() {
        return recorder.snapshot(faults.counts(), spec.expiresOn(), expiredAt(laboratory.clock().instant()),
                spec.readiness());
    }

    /** The sampling decision: laboratory state, then the sampler, then {@code runIf}, then the nesting guard. */
    boolean sample(Call call) {
        if (laboratory.samplingOff(faults)) {
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
                faults.record(Callback.SAMPLER, fault);
                return false;
            }
        }
        return !CandidateChain.inside(this);
    }

    private <X extends Throwable> T runSampled(Call call, Behavior<? extends T, X> control, String[] names,
            Behavior<? extends T, ?>[] behaviors) throws X {
        if (strict) {
            failIfExpired();
        }
        SampledCall<T> sampled;
        try {
            sampled = new SampledCall<>(this, call, names, behaviors, strict);
        } catch (Throwable unexpected) {
            internalFault(unexpected);
            return control.call();
        }
        try {
            sampled.startCandidates();
        } catch (Throwable unexpected) {
            internalFault(unexpected); // the control still runs and arrives, so the call is accounted for
        }
        T value = null;
        Throwable thrown = null;
        long start = System.nanoTime();
        try {
            value = control.call();
        } catch (Throwable e) {
            thrown = e;
        }
        long end = System.nanoTime();
        try {
            sampled.controlDone(value, thrown, start, end);
        } catch (Throwable unexpected) {
            internalFault(unexpected);
        }
        if (strict) {
            checkStrictly(sampled, thrown);
        }
        if (thrown != null) {
            throw Sneaky.<X>rethrow(thrown);
        }
        return value;
    }

    /** Strict mode: wait for the result to be published, then fail on anything but match or ignored. */
    private void checkStrictly(SampledCall<T> sampled, @Nullable Throwable controlException) {
        // the watchdog fires up to a tick late, and the result still has to be compared and published
        Duration wait = spec.candidateTimeout().plus(laboratory.closeTimeout()).plusNanos(Watchdog.TICK)
                .plusSeconds(1);
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
        if (!result.matched()) {
            MismatchException mismatch = MismatchException.of(result);
            if (controlException != null) {
                mismatch.addSuppressed(controlException);
            }
            throw mismatch;
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

    boolean tryAcquireCandidate() {
        while (true) {
            int live = liveCandidates.get();
            if (live >= spec.maxConcurrentCandidates()) {
                return false;
            }
            if (liveCandidates.compareAndSet(live, live + 1)) {
                return true;
            }
        }
    }

    /** True when no candidate of this experiment can start now. */
    boolean atCandidateCap() {
        return liveCandidates.get() >= spec.maxConcurrentCandidates();
    }

    /** The note of a candidate skipped at the cap (one string, not one per skip). */
    String capReached() {
        return capReached;
    }

    void releaseCandidate() {
        liveCandidates.decrementAndGet();
    }

    /** Candidate threads running now (or finishing their comparison). */
    int liveCandidates() {
        return liveCandidates.get();
    }

    void internalFault(Throwable unexpected) {
        internalErrors.warn(() -> "experiment '" + name + "': internal error; the caller was not affected", unexpected);
    }

    /** The candidate timeout in nanoseconds (checked at build to fit). */
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

    @SuppressWarnings("unchecked")
    private static <T extends @Nullable Object> Behavior<? extends T, ?>[] newBehaviors(int size) {
        return (Behavior<? extends T, ?>[]) new Behavior<?, ?>[size];
    }

    private static <T extends @Nullable Object> Behavior<? extends T, ?>[] single(Behavior<? extends T, ?> candidate) {
        Behavior<? extends T, ?>[] behaviors = newBehaviors(1);
        behaviors[0] = candidate;
        return behaviors;
    }

    @Override
    public String toString() {
        return "experiment '" + name + "'";
    }

    /** {@link #wrap(Function, Function)}: the behaviors are bound once; an unsampled call is the direct call. */
    private record WrappedFunction<A extends @Nullable Object, T extends @Nullable Object>(
            RuntimeExperiment<T> experiment, @Nullable Function<? super A, Call> call,
            Function<? super A, ? extends T> control, Function<? super A, ? extends T> candidate)
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
                    experiment.faults().record(Callback.SAMPLER, fault);
                    return control.apply(argument);
                }
            }
            if (!experiment.sample(made)) {
                return control.apply(argument);
            }
            return experiment.runSampled(made, () -> control.apply(argument), SINGLE,
                    single(() -> candidate.apply(argument)));
        }
    }

    /** {@link #wrap(Supplier, Supplier)}. */
    private record WrappedSupplier<T extends @Nullable Object>(
            RuntimeExperiment<T> experiment, Supplier<? extends T> control, Supplier<? extends T> candidate)
            implements Supplier<T> {

        @Override
        public T get() {
            if (!experiment.sample(Call.none())) {
                return control.get();
            }
            return experiment.runSampled(Call.none(), control::get, SINGLE, single(candidate::get));
        }
    }
}
