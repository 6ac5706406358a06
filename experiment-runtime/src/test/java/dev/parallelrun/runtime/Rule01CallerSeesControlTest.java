package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule 1 of CONTRACT.md: the caller sees the control and nothing else. */
class Rule01CallerSeesControlTest {

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab =
            RuntimeLaboratory.builder().publisher(published).build();

    @AfterEach
    void close() {
        lab.close();
    }

    private Experiment<String> experiment() {
        return lab.<String>experiment("rule1").build();
    }

    @Test
    void controlValueIsReturnedWhateverTheCandidateReturns() {
        assertThat(experiment().run(() -> "control", () -> "garbage")).isEqualTo("control");
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void controlExceptionReachesCallerUnchanged() {
        IllegalStateException thrown = new IllegalStateException("control failed");
        assertThatThrownBy(() -> experiment()
                        .run(
                                () -> {
                                    throw thrown;
                                },
                                () -> "fine"))
                .isSameAs(thrown);
    }

    @Test
    void checkedControlExceptionPassesThroughAsItIs() {
        IOException thrown = new IOException("disk");
        Experiment<String> experiment = experiment();
        // run declares the control's IOException: this method must catch it, nothing wraps it
        AtomicReference<Throwable> caught = new AtomicReference<>();
        try {
            experiment.run(
                    () -> {
                        throw thrown;
                    },
                    () -> "fine");
        } catch (IOException e) {
            caught.set(e);
        }
        assertThat(caught.get()).isSameAs(thrown);
    }

    @Test
    void controlErrorReachesCallerUnchanged() {
        StackOverflowError thrown = new StackOverflowError("deep");
        assertThatThrownBy(() -> experiment()
                        .run(
                                () -> {
                                    throw thrown;
                                },
                                () -> "fine"))
                .isSameAs(thrown);
    }

    @Test
    void candidateThatThrowsNeverReachesCaller() {
        assertThat(experiment().run(() -> "control", () -> {
                    throw new IllegalStateException("candidate failed");
                }))
                .isEqualTo("control");
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void candidateThatThrowsAnErrorNeverReachesCaller() {
        assertThat(experiment().run(() -> "control", () -> {
                    throw new OutOfMemoryError("candidate allocated too much");
                }))
                .isEqualTo("control");
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void candidateReturningNullIsJustAnotherValue() {
        assertThat(experiment().run(() -> "control", () -> null)).isEqualTo("control");
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void nullControlResultIsReturnedAndComparedLikeAnyValue() {
        assertThat(experiment().run(() -> null, () -> null)).isNull();
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void candidateReturningAHugeValueDoesNotReachCaller() {
        Experiment<List<String>> experiment =
                lab.<List<String>>experiment("huge").build();
        List<String> control = List.of("a");
        assertThat(experiment.run(() -> control, () -> java.util.Collections.nCopies(2_000_000, "x".repeat(10))))
                .isSameAs(control);
        assertThat(published.first().candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void candidateThatHangsDoesNotDelayCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Experiment<String> experiment = lab.<String>experiment("hang").build();
        assertThat(experiment.run(() -> "control", () -> {
                    release.await();
                    return "late";
                }))
                .isEqualTo("control");
        release.countDown();
    }

    @Test
    void controlRunsOnCallersThreadWithItsThreadLocals() {
        ThreadLocal<String> transaction = ThreadLocal.withInitial(() -> "none");
        transaction.set("tx-42");
        try {
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> controlThread = new AtomicReference<>();
            String seen = experiment()
                    .run(
                            () -> {
                                controlThread.set(Thread.currentThread());
                                return transaction.get();
                            },
                            () -> "candidate");
            assertThat(controlThread.get()).isSameAs(caller);
            assertThat(seen).isEqualTo("tx-42");
        } finally {
            transaction.remove();
        }
    }

    @Test
    void worksTheSameFromVirtualAndPlatformThreads() throws Exception {
        Experiment<String> experiment = experiment();
        IllegalArgumentException thrown = new IllegalArgumentException("bad");
        for (var executor : List.of(Executors.newVirtualThreadPerTaskExecutor(), Executors.newFixedThreadPool(2))) {
            try (executor) {
                Future<String> value = executor.submit(() -> experiment.run(() -> "control", () -> "candidate"));
                Future<String> failure = executor.submit(() -> experiment.run(
                        () -> {
                            throw thrown;
                        },
                        () -> "candidate"));
                assertThat(value.get(10, TimeUnit.SECONDS)).isEqualTo("control");
                assertThatThrownBy(() -> failure.get(10, TimeUnit.SECONDS))
                        .cause()
                        .isSameAs(thrown);
            }
        }
        published.await(4);
    }

    @Test
    void wrappedFunctionBehavesAsTheControl() {
        var price = lab.<Integer>experiment("wrap").build().<Integer>wrap(x -> x * 2, x -> x * 3);
        assertThat(price.apply(21)).isEqualTo(42);
        assertThat(published.<Integer>first().candidates().get(0).run().value()).isEqualTo(63);
    }

    @Test
    void wrappedSupplierBehavesAsTheControl() {
        var supplier = lab.<String>experiment("supplier").build().wrap(() -> "control", () -> "candidate");
        assertThat(supplier.get()).isEqualTo("control");
        published.await(1);
    }

    @Test
    void aNullControlOrCandidateIsRefusedOnTheCallersThreadBeforeAnythingStarts() {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        Experiment<String> experiment = lab.<String>experiment("nulls")
                .sampler((name, call) -> {
                    asked.incrementAndGet();
                    return true;
                })
                .build();
        Behavior<String, RuntimeException> control = () -> {
            ran.incrementAndGet();
            return "control";
        };
        Behavior<String, RuntimeException> candidate = () -> {
            ran.incrementAndGet();
            return "candidate";
        };
        Behavior<CompletionStage<String>, RuntimeException> asyncControl = () -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture("control");
        };
        Behavior<CompletionStage<String>, RuntimeException> asyncCandidate = () -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture("candidate");
        };
        Function<String, String> function = x -> {
            ran.incrementAndGet();
            return x;
        };
        Supplier<String> supplier = () -> {
            ran.incrementAndGet();
            return "x";
        };
        Function<String, CompletionStage<String>> asyncFunction = x -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture(x);
        };
        Call call = Call.keyed("k");
        List<ThrowingCallable> refused = List.of(
                () -> experiment.run(null, candidate),
                () -> experiment.run(control, (Behavior<String, RuntimeException>) null),
                () -> experiment.run(call, null, candidate),
                () -> experiment.run(call, control, (Behavior<String, RuntimeException>) null),
                () -> experiment.run(call, null, Candidates.of("v2", candidate)),
                () -> experiment.run(call, control, (Candidates<String>) null),
                () -> experiment.run((Behavior<String, RuntimeException>) null, Candidates.of("v2", candidate)),
                () -> experiment.run(control, (Candidates<String>) null),
                () -> Candidates.<String>of("v2", null),
                () -> Candidates.<String>of("v2", candidate).and("v3", null),
                () -> experiment.runAsync(null, asyncCandidate),
                () -> experiment.runAsync(asyncControl, null),
                () -> experiment.runAsync(call, null, asyncCandidate),
                () -> experiment.runAsync(
                        call, asyncControl, (Behavior<CompletionStage<String>, RuntimeException>) null),
                () -> experiment.runAsync(call, asyncControl, (Candidates<CompletionStage<String>>) null),
                () -> experiment.<String>wrap(null, function),
                () -> experiment.<String>wrap(function, null),
                () -> experiment.<String>wrap(x -> call, null, function),
                () -> experiment.<String>wrap(x -> call, function, null),
                () -> experiment.wrap((Supplier<String>) null, supplier),
                () -> experiment.wrap(supplier, (Supplier<String>) null),
                () -> experiment.<String>wrapAsync(null, asyncFunction),
                () -> experiment.<String>wrapAsync(asyncFunction, null));
        for (int i = 0; i < refused.size(); i++) {
            assertThatThrownBy(refused.get(i)).as("case %d", i).isInstanceOf(NullPointerException.class);
        }
        assertThat(asked).as("the sampler was never asked").hasValue(0);
        assertThat(ran).as("no behavior ran").hasValue(0);
        assertThat(experiment.stats().sampled()).isZero();
        assertThat(experiment.stats().faults().values()).allMatch(count -> count == 0);
        assertThat(lab.callsInFlight()).isZero();
        // a sampled call made afterwards is the first and only result
        experiment.run(control, candidate);
        assertThat(published.await(1)).hasSize(1);
        assertThat(experiment.stats().sampled()).isEqualTo(1);
        assertThat(experiment.stats().faults(FaultSource.ENGINE)).isZero();
    }

    @Test
    void aNullControlIsRefusedInStrictModeToo() {
        try (RuntimeLaboratory strict =
                RuntimeLaboratory.builder().publisher(published).strict(true).build()) {
            Experiment<String> experiment =
                    strict.<String>experiment("strict-nulls").build();
            assertThatThrownBy(() -> experiment.run(null, () -> "candidate")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> experiment.runAsync(null, () -> CompletableFuture.completedFuture("candidate")))
                    .isInstanceOf(NullPointerException.class);
            assertThat(experiment.stats().sampled()).isZero();
            assertThat(strict.callsInFlight()).isZero();
        }
        assertThat(published.results).isEmpty();
    }
}
