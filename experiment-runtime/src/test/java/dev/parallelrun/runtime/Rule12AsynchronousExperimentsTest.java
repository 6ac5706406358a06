package dev.parallelrun.runtime;

import static dev.parallelrun.runtime.AsyncStages.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Sampler;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Rule 12 of CONTRACT.md: runAsync keeps every rule of run for CompletionStage controls and candidates. */
class Rule12AsynchronousExperimentsTest {

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab =
            RuntimeLaboratory.builder().publisher(published).build();
    private static final ContextKey<String> TENANT = ContextKey.named("tenant");
    private static final String REQUEST_ID = "parallelrun.test.request-id";

    private final AtomicInteger completers = new AtomicInteger();
    private final ExecutorService completer = Executors.newFixedThreadPool(
            2,
            task -> Thread.ofPlatform()
                    .name("completer-" + completers.incrementAndGet())
                    .daemon(true)
                    .unstarted(task));

    @AfterEach
    void close() {
        lab.close();
        completer.shutdownNow();
    }

    /** A stage that {@link #completer} completes with {@code value}. */
    private <T> CompletableFuture<T> later(T value) {
        return CompletableFuture.supplyAsync(() -> value, completer);
    }

    @Test
    void anUnsampledCallReturnsTheVeryStageOfTheControlAndRunsNoCandidate() throws Exception {
        AtomicInteger candidates = new AtomicInteger();
        Experiment<String> experiment = lab.<String>experiment("async-unsampled")
                .sampler(Sampler.never())
                .build();
        CompletableFuture<String> control = new CompletableFuture<>();
        assertThat(experiment.runAsync(() -> control, () -> {
                    candidates.incrementAndGet();
                    return CompletableFuture.completedFuture("x");
                }))
                .isSameAs(control);
        assertThat(experiment.runAsync(Call.keyed("k"), () -> control, Candidates.of("v2", () -> {
                    candidates.incrementAndGet();
                    return CompletableFuture.completedFuture("x");
                })))
                .isSameAs(control);
        control.complete("done");
        assertThat(candidates).hasValue(0);
        assertThat(experiment.stats().sampled()).isZero();
        assertThat(lab.callsInFlight()).isZero();
        assertThat(published.results).isEmpty();
    }

    @Test
    void whilePausedOrKilledACallReturnsTheVeryStageOfTheControlAndRunsNoCandidate() {
        AtomicInteger candidates = new AtomicInteger();
        CompletableFuture<String> control = new CompletableFuture<>();
        Experiment<String> experiment = lab.<String>experiment("async-paused").build();
        experiment.pause();
        assertThat(experiment.runAsync(() -> control, () -> {
                    candidates.incrementAndGet();
                    return control;
                }))
                .isSameAs(control);
        experiment.resume();
        lab.pause();
        assertThat(experiment.runAsync(() -> control, () -> {
                    candidates.incrementAndGet();
                    return control;
                }))
                .isSameAs(control);
        lab.resume();
        try (RuntimeLaboratory killed =
                RuntimeLaboratory.builder().killSwitch(() -> true).build()) {
            Experiment<String> off = killed.<String>experiment("async-killed").build();
            assertThat(off.runAsync(() -> control, () -> {
                        candidates.incrementAndGet();
                        return control;
                    }))
                    .isSameAs(control);
            assertThat(off.stats().sampled()).isZero();
        }
        assertThat(candidates).hasValue(0);
        assertThat(experiment.stats().sampled()).isZero();
        assertThat(lab.callsInFlight()).isZero();
    }

    @Test
    void aSampledCallReturnsTheVeryStageOfTheControl() {
        Experiment<String> experiment = lab.<String>experiment("async-sampled").build();
        CompletableFuture<String> control = new CompletableFuture<>();
        CompletionStage<String> returned = experiment.runAsync(() -> control, () -> later("value"));
        assertThat(returned).isSameAs(control);
        assertThat(published.results).as("compared once both sides completed").isEmpty();
        control.complete("value");
        Result<String> result = published.first();
        assertThat(result.control().value()).isEqualTo("value");
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aControlStageThatCompletesExceptionallyReachesTheCallerUnchanged() {
        Experiment<String> experiment =
                lab.<String>experiment("async-control-fails").build();
        IllegalStateException failure = new IllegalStateException("control failed");
        CompletableFuture<String> control = new CompletableFuture<>();
        CompletionStage<String> returned = experiment.runAsync(() -> control, () -> later("value"));
        completer.execute(() -> control.completeExceptionally(failure));
        assertThat(failureOf(returned)).isSameAs(failure);
        Result<String> result = published.first();
        assertThat(result.control().exception()).isSameAs(failure);
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void aDependentControlStageFailsAsItsOwnStageDoesAndTheResultShowsTheCause() {
        Experiment<String> experiment =
                lab.<String>experiment("async-dependent-fails").build();
        IllegalStateException failure = new IllegalStateException("control failed");
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> control = source.thenApply(value -> {
            throw failure;
        });
        CompletionStage<String> returned = experiment.runAsync(
                () -> control, () -> CompletableFuture.failedFuture(new IllegalStateException("control failed")));
        source.complete("x");
        assertThat(returned).isSameAs(control);
        Throwable seen = failureOf(returned);
        assertThat(seen).isInstanceOf(CompletionException.class);
        assertThat(seen.getCause()).isSameAs(failure);
        Result<String> result = published.first();
        assertThat(result.control().exception()).isSameAs(failure);
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aControlSupplierThatThrowsReachesTheCallersThreadUnchangedAndTheResultStillArrives() {
        Experiment<String> experiment =
                lab.<String>experiment("async-supplier-throws").build();
        IOException failure = new IOException("no connection");
        AtomicReference<Throwable> caught = new AtomicReference<>();
        try {
            experiment.runAsync(
                    () -> {
                        throw failure;
                    },
                    () -> later("value"));
        } catch (IOException e) { // the supplier's checked exception is declared, not wrapped
            caught.set(e);
        }
        assertThat(caught.get()).isSameAs(failure);
        Result<String> result = published.first();
        assertThat(result.control().exception()).isSameAs(failure);
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void aCandidateStageThatNeverCompletesTimesOutAndIsCancelled() {
        // room for the supplier to hand its stage over before the deadline, which the stage then misses
        Experiment<String> experiment = lab.<String>experiment("async-never")
                .candidateTimeout(Duration.ofSeconds(1))
                .build();
        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture<String> control = CompletableFuture.completedFuture("value");
        assertThat(experiment.runAsync(() -> control, () -> never)).isSameAs(control);
        CandidateResult<String> candidate =
                published.<String>first().candidates().get(0);
        assertThat(candidate.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(candidate.run().started()).isTrue();
        await().until(never::isCancelled);
        await().until(() -> ((RuntimeExperiment<?>) experiment).liveCandidates() == 0);
    }

    @Test
    void aCandidateWhoseSupplierBlocksDoesNotBlockTheCaller() {
        Experiment<String> experiment = lab.<String>experiment("async-blocking-supplier")
                .candidateTimeout(Duration.ofSeconds(30))
                .build();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch supplierBlocked = new CountDownLatch(1);
        AtomicReference<Thread> supplierThread = new AtomicReference<>();
        AtomicReference<CompletionStage<String>> returned = new AtomicReference<>();
        CompletableFuture<String> control = CompletableFuture.completedFuture("value");
        Thread caller = Thread.ofPlatform()
                .start(() -> returned.set(experiment.runAsync(() -> control, () -> {
                    supplierThread.set(Thread.currentThread());
                    supplierBlocked.countDown();
                    release.await(); // a client that blocks before it hands back its future
                    return CompletableFuture.completedFuture("value");
                })));
        try {
            await().until(() -> returned.get() != null);
            assertThat(returned.get()).isSameAs(control);
            assertThat(release.getCount()).as("the supplier is still blocked").isEqualTo(1);
            await().until(() -> supplierBlocked.getCount() == 0);
            assertThat(supplierThread.get()).isNotSameAs(caller);
        } finally {
            release.countDown();
        }
        assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void theCallersContextAndMdcReachTheCandidatesSupplierAndTheComparatorThatRunsWhenTheStagesComplete() {
        ThreadLocal<String> requestId = new ThreadLocal<>();
        ContextRegistry.getInstance().registerThreadLocalAccessor(new LocalAccessor(REQUEST_ID, requestId));
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
        try {
            Map<String, String> seen = new ConcurrentHashMap<>();
            AtomicReference<Thread> comparedOn = new AtomicReference<>();
            Experiment<String> experiment = lab.<String>experiment("async-context")
                    .comparator((control, candidate) -> {
                        seen.put(
                                "comparator",
                                Context.current().get(TENANT) + "/" + requestId.get() + "/" + MDC.get("user"));
                        comparedOn.set(Thread.currentThread());
                        return control.equals(candidate);
                    })
                    .build();
            requestId.set("req-7");
            MDC.put("user", "u-42");
            Scope scope = Context.current().with(TENANT, "acme").makeCurrent();
            try {
                experiment.runAsync(() -> later("value"), () -> {
                    seen.put("supplier", Context.current().get(TENANT) + "/" + requestId.get() + "/" + MDC.get("user"));
                    return later("value");
                });
            } finally {
                scope.close();
                requestId.remove();
                MDC.remove("user");
            }
            assertThat(published.<String>first().candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
            assertThat(seen)
                    .containsEntry("supplier", "acme/req-7/u-42")
                    .containsEntry("comparator", "acme/req-7/u-42");
            // compared off the threads that completed the stages, and off the caller's
            assertThat(comparedOn.get().getName()).doesNotStartWith("completer-");
            assertThat(comparedOn.get()).isNotSameAs(Thread.currentThread());
        } finally {
            ContextRegistry.getInstance().removeThreadLocalAccessor(REQUEST_ID);
            ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
        }
    }

    @Test
    void durationsRunFromTheSuppliersCallToTheStagesCompletion() {
        Experiment<String> experiment = lab.<String>experiment("async-durations")
                .candidateTimeout(Duration.ofSeconds(30))
                .build();
        experiment.runAsync(
                () -> CompletableFuture.supplyAsync(
                        () -> "value", CompletableFuture.delayedExecutor(60, TimeUnit.MILLISECONDS, completer)),
                () -> CompletableFuture.supplyAsync(
                        () -> "value", CompletableFuture.delayedExecutor(120, TimeUnit.MILLISECONDS, completer)));
        Result<String> result = published.first();
        assertThat(result.control().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(result.candidates().get(0).run().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void whatTheControlsSupplierReturnsIsWhatTheCallerGetsEvenNoStage() {
        Experiment<String> sampled =
                lab.<String>experiment("async-no-control-stage").build();
        Experiment<String> unsampled = lab.<String>experiment("async-no-control-stage-unsampled")
                .sampler(Sampler.never())
                .build();
        assertThat(unsampled.runAsync(() -> null, () -> later("value"))).isNull();
        assertThat(sampled.runAsync(() -> null, () -> later("value"))).isNull();
        published.first(); // the sampled call still gives its one result
    }

    @Test
    void wrapAsyncBehavesAsRunAsync() {
        Experiment<String> experiment = lab.<String>experiment("async-wrap").build();
        AtomicReference<CompletableFuture<String>> control = new AtomicReference<>();
        AtomicReference<Integer> candidateArgument = new AtomicReference<>();
        Function<Integer, CompletionStage<String>> price = experiment.wrapAsync(
                order -> {
                    control.set(later("price-" + order));
                    return control.get();
                },
                order -> {
                    candidateArgument.set(order);
                    return later("price-" + order);
                });
        CompletionStage<String> returned = price.apply(17);
        assertThat(returned).isSameAs(control.get());
        assertThat(returned.toCompletableFuture().join()).isEqualTo("price-17");
        Result<String> result = published.first();
        assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(candidateArgument.get()).isEqualTo(17);

        Experiment<String> unsampled = lab.<String>experiment("async-wrap-unsampled")
                .sampler(Sampler.never())
                .build();
        CompletableFuture<String> stage = new CompletableFuture<>();
        AtomicInteger candidates = new AtomicInteger();
        assertThat(unsampled
                        .<Integer>wrapAsync(order -> stage, order -> {
                            candidates.incrementAndGet();
                            return stage;
                        })
                        .apply(1))
                .isSameAs(stage);
        assertThat(candidates).hasValue(0);
    }

    @Test
    void aCandidateSupplierThatThrowsOrReturnsNoStageIsAnOutcomeNeverTheCallersProblem() {
        Experiment<String> experiment =
                lab.<String>experiment("async-hostile-candidates").build();
        CompletableFuture<String> control = CompletableFuture.completedFuture("value");
        assertThat(experiment.runAsync(
                        Call.none(),
                        () -> control,
                        Candidates.<CompletionStage<String>>of("throws", () -> {
                                    throw new IllegalStateException("candidate bug");
                                })
                                .and("no-stage", () -> null)
                                .and("fails", () -> CompletableFuture.failedFuture(new IOException("down")))))
                .isSameAs(control);
        Result<String> result = published.first();
        assertThat(result.candidates()).extracting(CandidateResult::outcome).containsOnly(Outcome.MISMATCH);
        assertThat(result.candidate("throws").run().exception()).hasMessage("candidate bug");
        assertThat(result.candidate("no-stage").run().exception()).isInstanceOf(NullPointerException.class);
        assertThat(result.candidate("fails").run().exception()).isInstanceOf(IOException.class);
        assertThat(result.candidate("fails").run().value()).isNull();
    }

    @Test
    void anAsyncCandidateHoldsItsPermitUntilItsStageCompletesSoTheCapHolds() {
        Experiment<String> experiment = lab.<String>experiment("async-cap")
                .maxConcurrentCandidates(1)
                .candidateTimeout(Duration.ofSeconds(30))
                .build();
        RuntimeExperiment<?> engine = (RuntimeExperiment<?>) experiment;
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletableFuture<String> done = CompletableFuture.completedFuture("value");
        experiment.runAsync(() -> done, () -> pending); // its supplier returns at once; its stage stays pending
        await().until(() -> engine.liveCandidates() == 1);
        AtomicInteger skippedRan = new AtomicInteger();
        experiment.runAsync(() -> done, () -> {
            skippedRan.incrementAndGet();
            return done;
        });
        await().until(() -> experiment.stats().count(Outcome.SKIPPED) == 1);
        assertThat(skippedRan).hasValue(0);
        pending.complete("value");
        await().until(() -> experiment.stats().sampled() == 2 && engine.liveCandidates() == 0);
        experiment.runAsync(() -> done, () -> done);
        await().until(() -> experiment.stats().count(Outcome.MATCH) == 2);
    }
}
