package dev.parallelrun.runtime;

import static dev.parallelrun.runtime.AsyncStages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.MismatchException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule 12 of CONTRACT.md in strict mode: the returned stage fails with a MismatchException after comparison, and otherwise completes as the control's did. */
class Rule12AsyncStrictModeTest {

    private final ExecutorService completer = Executors.newFixedThreadPool(2);
    private final RuntimeLaboratory strict =
            RuntimeLaboratory.builder().strict(true).build();

    @AfterEach
    void close() {
        strict.close();
        completer.shutdownNow();
    }

    /** An experiment of the strict laboratory whose candidates have all the time they need. */
    private Experiment<String> experiment(String name) {
        return strict.<String>experiment(name)
                .candidateTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A stage that {@link #completer} completes with {@code value}. */
    private <T> CompletableFuture<T> later(T value) {
        return CompletableFuture.supplyAsync(() -> value, completer);
    }

    @Test
    void inStrictModeAMismatchFailsTheReturnedStage() {
        Experiment<String> experiment = experiment("async-strict");
        CompletionStage<String> returned = experiment.runAsync(() -> later("expected"), () -> later("actual"));
        Throwable failure = failureOf(returned);
        assertThat(failure)
                .isInstanceOf(MismatchException.class)
                .hasMessageContaining("MISMATCH")
                .hasMessageContaining("expected")
                .hasMessageContaining("actual");
        assertThat(((MismatchException) failure).result()).isNotNull();
    }

    @Test
    void inStrictModeAMatchCompletesWithTheControlsValueOrItsOwnException() {
        IllegalStateException failure = new IllegalStateException("control failed");
        Experiment<String> experiment = experiment("async-strict-match");
        assertThat(experiment
                        .runAsync(() -> later("value"), () -> later("value"))
                        .toCompletableFuture()
                        .join())
                .isEqualTo("value");
        CompletionStage<String> failed = experiment.runAsync(
                () -> CompletableFuture.failedFuture(failure),
                () -> CompletableFuture.failedFuture(new IllegalStateException("control failed")));
        assertThat(failureOf(failed)).isSameAs(failure);
    }

    @Test
    void inStrictModeAMismatchBeatsAFailedControlStageWhichIsKeptAsSuppressed() {
        IllegalStateException failure = new IllegalStateException("control failed");
        Experiment<String> experiment = experiment("async-strict-control-failed");
        CompletionStage<String> returned =
                experiment.runAsync(() -> CompletableFuture.failedFuture(failure), () -> later("value"));
        Throwable thrown = failureOf(returned);
        assertThat(thrown).isInstanceOf(MismatchException.class);
        assertThat(thrown.getSuppressed()).containsExactly(failure);
    }

    @Test
    void inStrictModeAMismatchBeatsAControlSupplierThatThrows() {
        IllegalStateException failure = new IllegalStateException("control failed");
        Experiment<String> experiment = experiment("async-strict-supplier-threw");
        assertThatThrownBy(() -> experiment.runAsync(
                        () -> {
                            throw failure;
                        },
                        () -> later("value")))
                .isInstanceOf(MismatchException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(failure));
        // when the candidate fails the same way, the control's own exception is what the caller gets
        assertThatThrownBy(() -> experiment.runAsync(
                        () -> {
                            throw failure;
                        },
                        () -> {
                            throw new IllegalStateException("control failed");
                        }))
                .isSameAs(failure);
    }
}
