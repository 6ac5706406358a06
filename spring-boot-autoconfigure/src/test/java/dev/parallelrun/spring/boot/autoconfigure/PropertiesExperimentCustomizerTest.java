package dev.parallelrun.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.PathPattern;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.ExperimentProperties;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.Sampling;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropertiesExperimentCustomizerTest {

    private final ParallelRunProperties properties = new ParallelRunProperties();
    private final PropertiesExperimentCustomizer customizer = new PropertiesExperimentCustomizer(properties);

    /** What the application's code set: a keyed 5%, a 250 ms timeout, one ignored and one redacted path. */
    private static ExperimentSpec.Builder<Object> code(String name) {
        return ExperimentSpec.builder(name)
                .sampler(Sampler.keyed(0.05))
                .candidateTimeout(Duration.ofMillis(250))
                .maxConcurrentCandidates(16)
                .ignorePaths(List.of(PathPattern.parse("/quotedAt")))
                .redactPaths(List.of(PathPattern.parse("/customer/email")))
                .expiresOn(LocalDate.parse("2027-03-01"));
    }

    private ExperimentProperties configure(String name) {
        ExperimentProperties experiment = new ExperimentProperties();
        properties.getExperiments().put(name, experiment);
        return experiment;
    }

    private ExperimentSpec<Object> customized(String name) {
        ExperimentSpec.Builder<Object> options = code(name);
        customizer.customize(name, options);
        return options.build();
    }

    @Test
    void everyPropertyWinsOverTheCode() {
        ExperimentProperties experiment = configure("pricing-v2");
        experiment.setSampleRate(1.0);
        experiment.setCandidateTimeout(Duration.ofSeconds(2));
        experiment.setMaxConcurrentCandidates(4);
        experiment.setExpiresOn(LocalDate.parse("2028-01-31"));

        ExperimentSpec<Object> spec = customized("pricing-v2");

        assertThat(spec.sampler()).isSameAs(Sampler.always());
        assertThat(spec.candidateTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.maxConcurrentCandidates()).isEqualTo(4);
        assertThat(spec.expiresOn()).isEqualTo(LocalDate.parse("2028-01-31"));
        assertThat(customizer.applied("pricing-v2")).isTrue();
    }

    @Test
    void unsetPropertiesLeaveTheCodesOptions() {
        configure("pricing-v2").setMaxConcurrentCandidates(4);

        ExperimentSpec<Object> spec = customized("pricing-v2");

        assertThat(spec.candidateTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(spec.expiresOn()).isEqualTo(LocalDate.parse("2027-03-01"));
        assertThat(spec.ignorePaths()).extracting(PathPattern::pointer).containsExactly("/quotedAt");
        assertThat(spec.redactPaths()).extracting(PathPattern::pointer).containsExactly("/customer/email");
        assertThat(spec.sampler().sample("pricing-v2", Call.keyed("some customer")))
                .isEqualTo(Sampler.keyed(0.05).sample("pricing-v2", Call.keyed("some customer")));
    }

    @Test
    void pathsAreAddedToTheCodesNeverInPlaceOfThem() {
        ExperimentProperties experiment = configure("pricing-v2");
        experiment.setIgnorePaths(List.of("/receiptId", "/quotedAt"));
        experiment.setRedactPaths(List.of("/customer/phone"));

        ExperimentSpec<Object> spec = customized("pricing-v2");

        assertThat(spec.ignorePaths()).extracting(PathPattern::pointer).containsExactly("/quotedAt", "/receiptId");
        assertThat(spec.redactPaths())
                .extracting(PathPattern::pointer)
                .containsExactly("/customer/email", "/customer/phone");
    }

    @Test
    void disabledSamplesNoCallWhateverTheRate() {
        ExperimentProperties experiment = configure("pricing-v2");
        experiment.setEnabled(false);
        experiment.setSampleRate(1.0);

        assertThat(customized("pricing-v2").sampler()).isSameAs(Sampler.never());
        assertThat(experiment.effectiveSampleRate()).isZero();
    }

    @Test
    void keyedSamplingIsStickyPerKey() {
        ExperimentProperties experiment = configure("pricing-v2");
        experiment.setSampleRate(0.5);
        experiment.setSampling(Sampling.KEYED);

        Sampler sampler = customized("pricing-v2").sampler();

        for (int key = 0; key < 100; key++) {
            Call call = Call.keyed("customer-" + key);
            assertThat(sampler.sample("pricing-v2", call))
                    .isEqualTo(Sampler.keyed(0.5).sample("pricing-v2", call));
        }
    }

    @Test
    void experimentsWithoutPropertiesAreLeftAlone() {
        configure("pricing-v2").setSampleRate(1.0);

        ExperimentSpec<Object> spec = customized("receipt-v2");

        assertThat(spec.candidateTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(spec.samplesEveryCall()).isFalse();
        assertThat(customizer.applied("receipt-v2")).isFalse();
    }
}
