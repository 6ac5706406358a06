package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract rule 1: the caller sees the control and nothing else. */
class Rule01CallerSeesControlTest {

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab = RuntimeLaboratory.builder().publisher(published).build();

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
        assertThatThrownBy(() -> experiment().run(() -> {
            throw thrown;
        }, () -> "fine")).isSameAs(thrown);
    }

    @Test
    void checkedControlExceptionPassesThroughAsItIs() {
        IOException thrown = new IOException("disk");
        Experiment<String> experiment = experiment();
        // run declares the control's IOException: this method must catch it, nothing wraps it
        AtomicReference<Throwable> caught = new AtomicReference<>();
        try {
            experiment.run(() -> {
                throw thrown;
            }, () -> "fine");
        } catch (IOException e) {
            caught.set(e);
        }
        assertThat(caught.get()).isSameAs(thrown);
    }

    @Test
    void controlErrorReachesCallerUnchanged() {
        StackOverflowError thrown = new StackOverflowError("deep");
        assertThatThrownBy(() -> experiment().run(() -> {
            throw thrown;
        }, () -> "fine")).isSameAs(thrown);
    }

    @Test
    void candidateThatThrowsNeverReachesCaller() {
        assertThat(experiment().run(() -> "control", () -> {
            throw new IllegalStateException("candidate failed");
        })).isEqualTo("control");
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void candidateThatThrowsAnErrorNeverReachesCaller() {
        assertThat(experiment().run(() -> "control", () -> {
            throw new OutOfMemoryError("candidate allocated too much");
        })).isEqualTo("control");
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
        Experiment<List<String>> experiment = lab.<List<String>>experiment("huge").build();
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
        })).isEqualTo("control");
        release.countDown();
    }

    @Test
    void controlRunsOnCallersThreadWithItsThreadLocals() {
        ThreadLocal<String> transaction = ThreadLocal.withInitial(() -> "none");
        transaction.set("tx-42");
        try {
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> controlThread = new AtomicReference<>();
            String seen = experiment().run(() -> {
                controlThread.set(Thread.currentThread());
                return transaction.get();
            }, () -> "candidate");
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
                Future<String> failure = executor.submit(() -> experiment.run(() -> {
                    throw thrown;
                }, () -> "candidate"));
                assertThat(value.get(10, TimeUnit.SECONDS)).isEqualTo("control");
                assertThatThrownBy(() -> failure.get(10, TimeUnit.SECONDS)).hasCauseReference(thrown);
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
}
