package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Sampler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How the engine uses its sampler: kill switches, beforeRun, runIf, faults, nested calls. */
class SamplingInTheEngineTest {

    @Test
    void withNoRateOrSamplerEveryCallIsSampledAndTheBuildSaysSoOnce() {
        RecordingPublisher published = new RecordingPublisher();
        try (LogCapture log = new LogCapture();
                RuntimeLaboratory lab =
                        RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("everything")
                    .maxConcurrentCandidates(1_000)
                    .build();
            for (int i = 0; i < 50; i++) {
                experiment.run(() -> 1, () -> 1);
            }
            published.await(50);
            assertThat(experiment.stats().sampled()).isEqualTo(50);
            assertThat(log.count("'everything' has no sampleRate or sampler")).isEqualTo(1);
        }
    }

    @Test
    void beforeRunRunsOnlyOnSampledCallsAndOffTheCallersThread() {
        RecordingPublisher published = new RecordingPublisher();
        AtomicInteger setups = new AtomicInteger();
        AtomicReference<Thread> setupThread = new AtomicReference<>();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            AtomicBoolean sample = new AtomicBoolean();
            Experiment<Integer> experiment = lab.<Integer>experiment("before")
                    .sampler((name, call) -> sample.get())
                    .beforeRun(() -> {
                        setupThread.set(Thread.currentThread());
                        setups.incrementAndGet();
                    })
                    .build();
            for (int i = 0; i < 100; i++) {
                experiment.run(() -> 1, () -> 1);
            }
            assertThat(setups).hasValue(0);
            sample.set(true);
            for (int i = 0; i < 10; i++) {
                experiment.run(() -> 1, () -> 1);
            }
            published.await(10);
            assertThat(setups).hasValue(10);
            assertThat(setupThread.get()).isNotSameAs(Thread.currentThread());
        }
    }

    @Test
    void beforeRunThatThrowsSkipsTheCandidatesOfThatCallAndIsCounted() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            AtomicInteger candidates = new AtomicInteger();
            Experiment<Integer> experiment = lab.<Integer>experiment("before-throws")
                    .beforeRun(() -> {
                        throw new IllegalStateException("setup bug");
                    })
                    .build();
            assertThat(experiment.run(() -> 1, () -> candidates.incrementAndGet()))
                    .isEqualTo(1);
            assertThat(published.first().candidates().get(0).outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(published.first().candidates().get(0).note()).contains("beforeRun");
            assertThat(candidates).hasValue(0);
            assertThat(experiment.stats().faults(FaultSource.BEFORE_RUN)).isEqualTo(1);
        }
    }

    @Test
    void runIfMustAlsoHold() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            AtomicBoolean enabled = new AtomicBoolean(false);
            Experiment<Integer> experiment = lab.<Integer>experiment("run-if")
                    .sampleRate(1.0)
                    .runIf(enabled::get)
                    .build();
            experiment.run(() -> 1, () -> 1);
            enabled.set(true);
            experiment.run(() -> 2, () -> 2);
            assertThat(published.first().control().value()).isEqualTo(2);
            assertThat(experiment.stats().sampled()).isEqualTo(1);
        }
    }

    @Test
    void samplerThatThrowsMeansNotSampledAndIsCounted() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            AtomicInteger candidates = new AtomicInteger();
            Experiment<Integer> experiment = lab.<Integer>experiment("sampler-throws")
                    .sampler((name, call) -> {
                        throw new IllegalStateException("sampler bug");
                    })
                    .build();
            for (int i = 0; i < 5; i++) {
                assertThat(experiment.run(() -> 1, () -> candidates.incrementAndGet()))
                        .isEqualTo(1);
            }
            assertThat(candidates).hasValue(0);
            assertThat(experiment.stats().faults(FaultSource.SAMPLER)).isEqualTo(5);
        }
    }

    @Test
    void pauseStopsEveryExperimentAtOnceAndResumeRestartsThem() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> a = lab.<Integer>experiment("a").build();
            Experiment<Integer> b = lab.<Integer>experiment("b").build();
            lab.pause();
            assertThat(lab.paused()).isTrue();
            a.run(() -> 1, () -> 1);
            b.run(() -> 1, () -> 1);
            lab.resume();
            a.run(() -> 1, () -> 1);
            published.await(1);
            assertThat(a.stats().sampled() + b.stats().sampled()).isEqualTo(1);
        }
    }

    @Test
    void killSwitchSupplierStopsEveryCandidateAndItsFaultMeansStop() {
        AtomicBoolean stop = new AtomicBoolean(true);
        AtomicBoolean broken = new AtomicBoolean();
        AtomicInteger candidates = new AtomicInteger();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .killSwitch(() -> {
                    if (broken.get()) {
                        throw new IllegalStateException("flag service down");
                    }
                    return stop.get();
                })
                .build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("kill").build();
            experiment.run(() -> 1, () -> candidates.incrementAndGet());
            assertThat(lab.paused()).isTrue();
            broken.set(true);
            experiment.run(() -> 1, () -> candidates.incrementAndGet());
            assertThat(experiment.stats().faults(FaultSource.KILL_SWITCH)).isEqualTo(1);
            broken.set(false);
            stop.set(false);
            experiment.run(() -> 1, () -> candidates.incrementAndGet());
            await().until(() -> candidates.get() == 1);
        }
    }

    @Test
    void callFromInsideACandidateOfTheSameExperimentIsNotSampled() {
        RecordingPublisher published = new RecordingPublisher();
        AtomicInteger candidateRuns = new AtomicInteger();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            AtomicReference<Experiment<Integer>> self = new AtomicReference<>();
            self.set(lab.<Integer>experiment("recursive").build());
            self.get().run(() -> 1, () -> {
                candidateRuns.incrementAndGet();
                // the candidate reaches its own experiment: this call runs its control only
                return self.get().run(() -> 1, () -> {
                    candidateRuns.incrementAndGet();
                    return 1;
                });
            });
            published.await(1);
            assertThat(candidateRuns).hasValue(1);
            assertThat(self.get().stats().sampled()).isEqualTo(1);
        }
    }

    @Test
    void keyedSamplingGivesTheSameKeyTheSameDecision() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("pricing-v2")
                    .sampler(Sampler.keyed(0.3))
                    .build();
            for (int i = 0; i < 10; i++) {
                experiment.run(Call.keyed("customer-1"), () -> 1, () -> 1); // position 0.2096: sampled
                experiment.run(Call.keyed("customer-2"), () -> 1, () -> 1); // position 0.4921: never
            }
            published.await(10);
            assertThat(published.results)
                    .allMatch(r -> "customer-1".equals(r.call().key()));
        }
    }

    @Test
    void pausingAnExperimentStopsItsSamplingOnlyAndResumeRestartsIt() {
        RecordingPublisher published = new RecordingPublisher();
        AtomicInteger pausedRuns = new AtomicInteger();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> paused = lab.<Integer>experiment("paused-one").build();
            Experiment<Integer> other = lab.<Integer>experiment("other-one").build();
            paused.pause();
            assertThat(paused.paused()).isTrue();
            assertThat(lab.paused()).isFalse();
            for (int i = 0; i < 10; i++) {
                assertThat(paused.run(() -> 1, () -> pausedRuns.incrementAndGet()))
                        .isEqualTo(1);
                other.run(() -> 1, () -> 1);
            }
            published.await(10);
            assertThat(pausedRuns).hasValue(0);
            assertThat(paused.stats().sampled()).isZero();
            assertThat(other.stats().sampled()).isEqualTo(10);

            paused.resume();
            assertThat(paused.paused()).isFalse();
            paused.run(() -> 1, () -> pausedRuns.incrementAndGet());
            published.await(11);
            assertThat(pausedRuns).hasValue(1);
            assertThat(paused.stats().sampled()).isEqualTo(1);
        }
    }

    @Test
    void pausingTheLaboratoryStopsEveryExperimentAndEachKeepsItsOwnSwitch() {
        RecordingPublisher published = new RecordingPublisher();
        AtomicInteger candidates = new AtomicInteger();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> a = lab.<Integer>experiment("a").build();
            Experiment<Integer> b = lab.<Integer>experiment("b").build();
            a.pause();
            lab.pause();
            assertThat(b.paused()).as("an experiment's own switch").isFalse();
            b.resume(); // resuming an experiment does not lift the laboratory's pause
            a.run(() -> 1, () -> candidates.incrementAndGet());
            b.run(() -> 1, () -> candidates.incrementAndGet());
            assertThat(candidates).hasValue(0);

            lab.resume(); // b samples again; a stays paused by its own switch
            a.run(() -> 1, () -> candidates.incrementAndGet());
            b.run(() -> 1, () -> candidates.incrementAndGet());
            published.await(1);
            assertThat(a.paused()).isTrue();
            assertThat(a.stats().sampled()).isZero();
            assertThat(b.stats().sampled()).isEqualTo(1);
            await().until(() -> candidates.get() == 1);

            // an experiment built while the laboratory is paused starts paused with it
            lab.pause();
            Experiment<Integer> late = lab.<Integer>experiment("late").build();
            late.run(() -> 1, () -> candidates.incrementAndGet());
            lab.resume();
            late.run(() -> 1, () -> candidates.incrementAndGet());
            published.await(2);
            assertThat(late.stats().sampled()).isEqualTo(1);
        }
    }
}
