package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.Result;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Bugs found in review, each named after what broke. */
class RegressionTest {

    @Test
    void aHugeCandidateTimeoutWasAcceptedAndLostEveryResult() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            assertThatThrownBy(() -> lab.experiment("huge", String.class)
                            .candidateTimeout(Duration.ofMillis(Long.MAX_VALUE))
                            .build())
                    .hasMessageContaining("candidateTimeout must be at most PT24H");
        }
        assertThatThrownBy(() -> RuntimeLaboratory.builder()
                        .closeTimeout(Duration.ofDays(365 * 300))
                        .build())
                .hasMessageContaining("closeTimeout must be at most PT24H");
    }

    @Test
    void aNanSampleRateSampledEveryCall() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            assertThatThrownBy(() -> lab.experiment("nan", String.class)
                            .sampleRate(Double.NaN)
                            .build())
                    .hasMessageContaining("sampleRate must be in [0, 1], was NaN");
        }
    }

    @Test
    void aNullPointerAmongIgnorePathsThrewAtTheCallInsteadOfAtBuild() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            assertThatThrownBy(() -> lab.experiment("nulls", String.class)
                            .ignorePaths("/a", null)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ignorePaths: a pointer is null");
        }
    }

    @Test
    void aCyclicEqualsLostTheResultOfEveryCandidate() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Object> experiment =
                    lab.experiment("cyclic", Object.class).build();
            experiment.run(
                    Call.none(),
                    () -> new DeepEquals(),
                    Candidates.<Object>of("deep", DeepEquals::new).and("plain", () -> "plain"));
            Result<?> result = published.first();
            assertThat(result.candidate("deep").outcome()).isIn(Outcome.MISMATCH, Outcome.COMPARISON_FAILED);
            assertThat(result.candidate("plain").outcome()).isEqualTo(Outcome.MISMATCH);
        }
    }

    @Test
    void aThreadLocalThatCouldNotBeRestoredTurnedAFinishedCandidateIntoATimeout() {
        ThreadLocal<String> local = new ThreadLocal<>();
        LocalAccessor broken = new LocalAccessor("broken-on-restore", local) {
            @Override
            public void setValue() {
                throw new IllegalStateException("cannot restore");
            }

            @Override
            public void restore(String previousValue) {
                throw new IllegalStateException("cannot restore");
            }

            @Override
            public void restore() {
                throw new IllegalStateException("cannot restore");
            }
        };
        ContextRegistry registry = new ContextRegistry().registerThreadLocalAccessor(broken);
        RecordingPublisher published = new RecordingPublisher();
        local.set("caller");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .contextSnapshotFactory(ContextSnapshotFactory.builder()
                        .contextRegistry(registry)
                        .build())
                .build()) {
            Experiment<String> experiment = lab.<String>experiment("restore")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            experiment.run(() -> "caller", local::get);
            Result<String> result = published.first();
            assertThat(result.candidates().get(0).outcome()).isEqualTo(Outcome.MATCH);
            assertThat(experiment.stats().faults(FaultSource.CONTEXT)).isPositive();
        } finally {
            local.remove();
        }
    }

    @Test
    void aCleanCandidateHidTheMismatchesOfAnotherInTheReadinessVerdict() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment = lab.<Integer>experiment("pooled")
                    .maxConcurrentCandidates(10_000)
                    .readiness(ReadinessCriteria.defaults()
                            .withMinComparedSamples(100)
                            .withMaxMismatchRate(0.01)
                            .withMaxP99Ratio(1_000_000))
                    .build();
            for (int i = 0; i < 200; i++) {
                int n = i;
                experiment.run(
                        Call.none(),
                        () -> n,
                        Candidates.<Integer>of("clean", () -> n)
                                .and("flaky", () -> n % 67 == 0 ? -1 : n)); // 3 of 200: 1.5%, pooled 0.75%
            }
            published.await(200);
            Readiness readiness = experiment.stats().readiness();
            assertThat(readiness.ready()).isFalse();
            assertThat(readiness.failing())
                    .extracting(Readiness.Check::criterion)
                    .containsExactly("flaky: mismatch rate");
        }
    }

    @Test
    void anErrorFromTheKeyFunctionOfWrapReachedTheCaller() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Experiment<Integer> experiment =
                    lab.<Integer>experiment("key-error").build();
            Function<Integer, Integer> wrapped = experiment.wrap(
                    x -> {
                        throw new StackOverflowError("key");
                    },
                    x -> x,
                    x -> x);
            assertThat(wrapped.apply(7)).isEqualTo(7);
            assertThat(experiment.stats().faults(FaultSource.SAMPLER)).isEqualTo(1);
        }
    }

    /** A value whose equals recurses until the stack overflows. */
    private static final class DeepEquals {
        @Override
        public boolean equals(Object other) {
            return other instanceof DeepEquals && recurse(0);
        }

        private boolean recurse(int depth) {
            return recurse(depth + 1);
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
