package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.Tolerance;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every builder mistake fails at build() with a message that names it. */
class ExperimentBuilderTest {

    private final RuntimeLaboratory lab = RuntimeLaboratory.builder().build();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void emptyNameIsRefused() {
        assertThatThrownBy(() -> lab.experiment("", String.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must not be empty");
    }

    @Test
    void nameWithSpacesIsRefused() {
        assertThatThrownBy(() -> lab.experiment("pricing v2", String.class).build())
                .hasMessageContaining("name 'pricing v2' must be");
    }

    @Test
    void duplicateNameIsRefused() {
        lab.experiment("pricing-v2", String.class).build();
        assertThatThrownBy(() -> lab.experiment("pricing-v2", String.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment 'pricing-v2': name already used in this laboratory");
    }

    @Test
    void rateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(
                        () -> lab.experiment("x", String.class).sampleRate(1.5).build())
                .hasMessage("experiment 'x': sampleRate must be in [0, 1], was 1.5");
        assertThatThrownBy(
                        () -> lab.experiment("x", String.class).sampleRate(-0.1).build())
                .hasMessageContaining("sampleRate must be in [0, 1], was -0.1");
    }

    @Test
    void rateAndSamplerTogetherAreRefused() {
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .sampleRate(0.1)
                        .sampler(Sampler.always())
                        .build())
                .hasMessageContaining("set either sampleRate or sampler, not both");
    }

    @Test
    void negativeOrZeroTimeoutIsRefused() {
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .candidateTimeout(Duration.ofMillis(-5))
                        .build())
                .hasMessageContaining("candidateTimeout must be positive, was PT-0.005S");
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .candidateTimeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("candidateTimeout must be positive");
    }

    @Test
    void badPointerIsRefusedWithItsName() {
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .ignorePaths("/items/*x")
                        .build())
                .hasMessageContaining("ignorePaths: '/items/*x' is not an RFC 6901 pointer");
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .redactPaths("card/number")
                        .build())
                .hasMessageContaining("redactPaths: 'card/number' is not an RFC 6901 pointer: it must start with '/'");
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .unorderedArrays("/a~2")
                        .build())
                .hasMessageContaining("unorderedArrays: '/a~2' is not an RFC 6901 pointer");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .sampleRate(2)
                        .maxConcurrentCandidates(0)
                        .maxDifferences(0)
                        .ignorePaths("nope")
                        .build())
                .hasMessageContaining("sampleRate")
                .hasMessageContaining("maxConcurrentCandidates")
                .hasMessageContaining("maxDifferences")
                .hasMessageContaining("ignorePaths");
    }

    @Test
    void nullCallbacksAreRefused() {
        assertThatThrownBy(() -> lab.experiment("x", String.class)
                        .comparator(null)
                        .cleaner(null)
                        .build())
                .hasMessageContaining("comparator must not be null")
                .hasMessageContaining("cleaner must not be null");
    }

    @Test
    void toleranceMustMakeSense() {
        assertThatThrownBy(() -> Tolerance.absolute(-1)).hasMessageContaining("absolute must be a finite number >= 0");
    }

    @Test
    void closedLaboratoryRefusesNewExperiments() {
        lab.close();
        assertThatThrownBy(() -> lab.experiment("late", String.class).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void laboratoryOptionsAreCheckedToo() {
        assertThatThrownBy(() -> RuntimeLaboratory.builder()
                        .queueCapacity(0)
                        .closeTimeout(Duration.ofSeconds(-1))
                        .build())
                .hasMessageContaining("queueCapacity must be at least 1")
                .hasMessageContaining("closeTimeout must be zero or positive");
    }

    @Test
    void noopLaboratoryChecksOptionsAndRunsOnlyTheControl() {
        Laboratory noop = Laboratory.noop();
        assertThatThrownBy(
                        () -> noop.experiment("x", String.class).sampleRate(3).build())
                .hasMessageContaining("sampleRate must be in [0, 1]");
        var experiment = noop.<String>experiment("x").build();
        assertThat(experiment.run(() -> "control", () -> {
                    throw new AssertionError("never runs");
                }))
                .isEqualTo("control");
        assertThat(experiment.stats().sampled()).isZero();
    }

    @Test
    void experimentsAreListedInTheOrderTheyWereBuilt() {
        lab.experiment("first", String.class).build();
        lab.experiment("second", String.class).build();
        assertThat(lab.experiments()).extracting(e -> e.name()).containsExactly("first", "second");
    }
}
