package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Result;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Rule 3 of CONTRACT.md: candidates run beside the control on virtual threads, with the caller's context, and
 * the caller never waits for them; comparison and publishing happen off the caller's thread.
 */
class Rule03CandidatesRunBesideControlTest {

    private static final ContextKey<String> TENANT = ContextKey.named("tenant");

    @Test
    void candidateRunsOnAVirtualThreadStartedBeforeTheControl() throws InterruptedException {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("beside").build();
            CountDownLatch candidateRunning = new CountDownLatch(1);
            AtomicReference<Thread> candidateThread = new AtomicReference<>();
            // the control waits for the candidate: this only ends if the candidate was started before it
            String value =
                    experiment.run(() -> candidateRunning.await(10, TimeUnit.SECONDS) ? "ran beside" : "alone", () -> {
                        candidateThread.set(Thread.currentThread());
                        candidateRunning.countDown();
                        return "ran beside";
                    });
            assertThat(value).isEqualTo("ran beside");
            assertThat(candidateThread.get().isVirtual()).isTrue();
            assertThat(candidateThread.get()).isNotSameAs(Thread.currentThread());
            assertThat(published.first().candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
        }
    }

    @Test
    void callerNeverWaitsForTheCandidate() throws Exception {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("no-wait")
                    .candidateTimeout(java.time.Duration.ofSeconds(30))
                    .build();
            CountDownLatch release = new CountDownLatch(1);
            String value = experiment.run(() -> "control", () -> {
                release.await();
                return "control";
            });
            // run has returned while the candidate is still blocked; only now is it let go
            assertThat(value).isEqualTo("control");
            assertThat(published.results).isEmpty();
            release.countDown();
            assertThat(published.first().candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
        }
    }

    @Test
    void eachNamedCandidateGetsItsOwnVirtualThread() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("two").build();
            Map<String, Thread> threads = new ConcurrentHashMap<>();
            CountDownLatch both = new CountDownLatch(2);
            experiment.run(
                    Call.none(),
                    () -> "x",
                    Candidates.<String>of("v2", () -> {
                                threads.put("v2", Thread.currentThread());
                                both.countDown();
                                both.await();
                                return "x";
                            })
                            .and("v3", () -> {
                                threads.put("v3", Thread.currentThread());
                                both.countDown();
                                both.await();
                                return "y";
                            }));
            Result<String> result = published.first();
            assertThat(result.candidate("v2").outcome()).isEqualTo(Outcome.MATCH);
            assertThat(result.candidate("v3").outcome()).isEqualTo(Outcome.MISMATCH);
            assertThat(threads.get("v2")).isNotSameAs(threads.get("v3"));
            assertThat(threads.values()).allMatch(Thread::isVirtual);
        }
    }

    @Test
    void callersOpenTelemetryContextAndMdcAreVisibleInTheCandidate() {
        ContextRegistry registry = new ContextRegistry().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .contextSnapshotFactory(ContextSnapshotFactory.builder()
                        .contextRegistry(registry)
                        .build())
                .build()) {
            Experiment<String> experiment = lab.<String>experiment("context").build();
            MDC.put("requestId", "req-7");
            Scope scope = Context.current().with(TENANT, "acme").makeCurrent();
            try {
                experiment.run(() -> "acme/req-7", () -> Context.current().get(TENANT) + "/" + MDC.get("requestId"));
            } finally {
                scope.close();
                MDC.remove("requestId");
            }
            Result<String> result = published.first();
            assertThat(result.candidates().get(0).run().value()).isEqualTo("acme/req-7");
            assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
        }
    }

    @Test
    void beforeRunAndTheContextSupplierRunOffTheCallersThreadInTheCallersContext() {
        RecordingPublisher published = new RecordingPublisher();
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Thread caller = Thread.currentThread();
            Experiment<String> experiment = lab.<String>experiment("setup-context")
                    .beforeRun(() -> seen.put(
                            "beforeRun",
                            Context.current().get(TENANT)
                                    + (Thread.currentThread() == caller ? " on the caller" : " elsewhere")))
                    .context(() -> Map.of(
                            "tenant",
                            Context.current().get(TENANT)
                                    + (Thread.currentThread() == caller ? " on the caller" : " elsewhere")))
                    .build();
            Scope scope = Context.current().with(TENANT, "acme").makeCurrent();
            try {
                experiment.run(() -> "x", () -> "x");
            } finally {
                scope.close();
            }
            Result<String> result = published.first();
            assertThat(result.context()).containsEntry("tenant", "acme elsewhere");
            assertThat(seen).containsEntry("beforeRun", "acme elsewhere");
        }
    }

    @Test
    void candidateThreadLocalsDoNotLeakBackToTheCaller() {
        ContextRegistry registry = new ContextRegistry().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .contextSnapshotFactory(ContextSnapshotFactory.builder()
                        .contextRegistry(registry)
                        .build())
                .build()) {
            Experiment<String> experiment = lab.<String>experiment("no-leak").build();
            experiment.run(() -> "x", () -> {
                MDC.put("candidate", "dirty");
                return "x";
            });
            published.first();
            assertThat(MDC.get("candidate")).isNull();
        }
    }

    @Test
    void comparisonAndPublishingHappenOffTheCallersThread() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Map<String, Thread> comparedOn = new ConcurrentHashMap<>();
            Experiment<String> experiment = lab.<String>experiment("off-thread")
                    .comparator((a, b) -> {
                        comparedOn.put("comparator", Thread.currentThread());
                        return a.equals(b);
                    })
                    .build();
            for (int i = 0; i < 50; i++) {
                experiment.run(() -> "x", () -> "x");
            }
            published.await(50);
            assertThat(comparedOn.get("comparator")).isNotSameAs(Thread.currentThread());
            assertThat(published.threads).doesNotContain(Thread.currentThread());
            assertThat(published.threads).allMatch(t -> t.getName().equals("parallel-run-publisher"));
        }
    }
}
