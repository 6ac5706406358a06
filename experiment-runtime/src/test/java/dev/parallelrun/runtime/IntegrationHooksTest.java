package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Sampler;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What integrations build on: a customizer that changes options as experiments are built, a sampler changed at run time, and captured inputs. */
class IntegrationHooksTest {

    record Order(String id, String email) {}

    @Test
    void aCustomizerChangesTheOptionsTheApplicationSet() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .customizer((name, options) -> {
                    if (name.equals("tuned")) {
                        options.sampler(Sampler.never()).candidateTimeout(Duration.ofSeconds(3));
                    }
                })
                .build()) {
            Experiment<Integer> tuned =
                    lab.<Integer>experiment("tuned").sampleRate(1.0).build();
            Experiment<Integer> untouched =
                    lab.<Integer>experiment("untouched").sampleRate(1.0).build();
            tuned.run(() -> 1, () -> 2);
            untouched.run(() -> 1, () -> 2);
            published.await(1);
            assertThat(published.results).extracting(Result::experiment).containsExactly("untouched");
            assertThat(((RuntimeExperiment<?>) tuned).spec().candidateTimeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aCustomizerThatBreaksABoundIsRefusedNamingIt() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .customizer((name, options) -> options.maxConcurrentCandidates(0))
                .build()) {
            assertThatThrownBy(() -> lab.<Integer>experiment("bad").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("experiment 'bad'")
                    .hasMessageContaining("maxConcurrentCandidates");
        }
    }

    @Test
    void theSamplerCanBeChangedAtRunTimeAndBack() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Integer> experiment =
                    lab.<Integer>experiment("live").sampleRate(0.0).build();
            experiment.run(() -> 1, () -> 1);
            assertThat(lab.overrideSampler("live", Sampler.always())).isTrue();
            experiment.run(() -> 2, () -> 2);
            published.await(1);
            assertThat(lab.overrideSampler("live", null)).isTrue();
            experiment.run(() -> 3, () -> 3);
            assertThat(lab.overrideSampler("nope", Sampler.always())).isFalse();
            assertThat(experiment.stats().sampled()).isEqualTo(1);
        }
    }

    @Test
    void capturedInputsArePublishedRedactedAndOnlyWhenAsked() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> capturing = lab.<String>experiment("capturing")
                    .captureInputs()
                    .redactPaths("/email")
                    .build();
            Function<Order, String> priced = capturing.wrap(Order::id, order -> order.id() + "!");
            priced.apply(new Order("A-1", "ann@example.com"));
            Result<?> wrapped = published.first();
            assertThat(wrapped.input()).isNotNull();
            assertThat(wrapped.input().json())
                    .contains("A-1")
                    .contains("[REDACTED]")
                    .doesNotContain("ann@example.com");

            capturing.run(Call.keyed("k").input(Map.of("id", "B-2")), () -> "x", () -> "x");
            Result<?> given = published.await(2).get(1);
            assertThat(given.input().json()).contains("B-2");

            Experiment<String> plain = lab.<String>experiment("plain").build();
            plain.run(Call.keyed("k").input(Map.of("id", "C-3")), () -> "x", () -> "x");
            Result<?> notCaptured = published.await(3).get(2);
            assertThat(notCaptured.input())
                    .as("inputs are captured only when the experiment asks")
                    .isNull();
        }
    }
}
