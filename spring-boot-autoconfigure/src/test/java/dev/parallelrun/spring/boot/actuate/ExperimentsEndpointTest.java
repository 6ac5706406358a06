package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentBuilder;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.runtime.RuntimeLaboratory;
import dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint.Action;
import dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint.ExperimentDescriptor;
import dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint.ExperimentsDescriptor;
import dev.parallelrun.spring.boot.actuate.ExperimentsEndpoint.RateSource;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.ExperimentProperties;
import dev.parallelrun.spring.boot.autoconfigure.PropertiesExperimentCustomizer;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

class ExperimentsEndpointTest {

    private final ParallelRunProperties properties = new ParallelRunProperties();
    private final PropertiesExperimentCustomizer customizer = new PropertiesExperimentCustomizer(properties);
    private final RuntimeLaboratory laboratory = RuntimeLaboratory.builder()
            .customizer(customizer)
            .publisher(result -> {})
            .build();
    private final ExperimentsEndpoint endpoint = new ExperimentsEndpoint(laboratory, customizer);
    private final AtomicInteger candidateCalls = new AtomicInteger();

    @AfterEach
    void close() {
        laboratory.close();
    }

    private Experiment<String> greeting() {
        return laboratory
                .experiment("greeting-v2", String.class)
                .sampleRate(1.0)
                .expiresOn(LocalDate.parse("2020-01-01"))
                .build();
    }

    private String call(Experiment<String> experiment, String name) {
        return experiment.run(() -> "hello " + name, () -> {
            candidateCalls.incrementAndGet();
            return name.startsWith("z") ? "hullo " + name : "hello " + name;
        });
    }

    private void callAndAwait(Experiment<String> experiment, String name) {
        long before = experiment.stats().sampled();
        call(experiment, name);
        await().until(() -> experiment.stats().sampled() > before);
    }

    @Test
    void describesEveryExperimentWithStatsReadinessSkipsAndExpiry() {
        Experiment<String> experiment = greeting();
        callAndAwait(experiment, "ada");
        callAndAwait(experiment, "zed");
        await().until(() -> laboratory.publishingStats().published() == 2);

        ExperimentsDescriptor all = endpoint.experiments();

        assertThat(all.laboratory().paused()).isFalse();
        assertThat(all.laboratory().closed()).isFalse();
        assertThat(all.laboratory().runaways()).isZero();
        assertThat(all.laboratory().publishing().published()).isEqualTo(2);
        assertThat(all.experiments()).containsOnlyKeys("greeting-v2");
        ExperimentDescriptor greeting = all.experiments().get("greeting-v2");
        assertThat(greeting.sampled()).isEqualTo(2);
        assertThat(greeting.outcomes()).containsEntry(Outcome.MATCH, 1L).containsEntry(Outcome.MISMATCH, 1L);
        assertThat(greeting.mismatchRate()).isEqualTo(0.5);
        assertThat(greeting.skippedShare()).isZero();
        assertThat(greeting.skipped())
                .allSatisfy((reason, count) -> assertThat(count).isZero());
        assertThat(greeting.runaways()).isZero();
        assertThat(greeting.control().count()).isEqualTo(2);
        assertThat(greeting.candidates())
                .singleElement()
                .satisfies(candidate -> assertThat(candidate.outcomes()).containsEntry(Outcome.MISMATCH, 1L));
        assertThat(greeting.expiresOn()).isEqualTo("2020-01-01");
        assertThat(greeting.expired()).isTrue();
        assertThat(greeting.readiness().status()).isEqualTo(Readiness.Status.NOT_READY);
        assertThat(greeting.readiness().verdict()).startsWith("NOT READY");
        assertThat(greeting.readiness().checks()).isNotEmpty();
    }

    @Test
    void ratesWithNothingToDivideByAreNullNotNaN() {
        greeting();
        ExperimentDescriptor fresh = endpoint.experiment("greeting-v2");
        assertThat(fresh).isNotNull();
        assertThat(fresh.mismatchRate()).isNull();
        assertThat(fresh.candidateErrorRate()).isNull();
        assertThat(fresh.skippedShare()).isNull();
    }

    @Test
    void readingAnUnknownExperimentGivesNothing() {
        greeting();
        assertThat(endpoint.experiment("nope")).isNull();
    }

    @Test
    void pausingAnExperimentStopsItsCandidateUntilResumed() {
        Experiment<String> experiment = greeting();

        assertThat(endpoint.update("greeting-v2", Action.PAUSE, null).paused()).isTrue();
        call(experiment, "ada");
        assertThat(candidateCalls).hasValue(0);

        assertThat(endpoint.update("greeting-v2", Action.RESUME, null).paused()).isFalse();
        callAndAwait(experiment, "ada");
        assertThat(candidateCalls).hasValue(1);
    }

    @Test
    void pausingTheLaboratoryStopsEveryExperimentAndResumingLeavesTheirOwnSwitches() {
        Experiment<String> greeting = greeting();
        Experiment<String> farewell = laboratory
                .experiment("farewell-v2", String.class)
                .sampleRate(1.0)
                .build();
        endpoint.update("farewell-v2", Action.PAUSE, null);

        assertThat(endpoint.updateAll(Action.PAUSE).laboratory().paused()).isTrue();
        call(greeting, "ada");
        assertThat(candidateCalls).hasValue(0);

        ExperimentsDescriptor resumed = endpoint.updateAll(Action.RESUME);
        assertThat(resumed.laboratory().paused()).isFalse();
        assertThat(resumed.experiments().get("farewell-v2").paused()).isTrue();
        assertThat(farewell.paused()).isTrue();
        callAndAwait(greeting, "ada");
        assertThat(candidateCalls).hasValue(1);
    }

    @Test
    void aRateSetAtRunTimeWinsUntilRestored() {
        Experiment<String> experiment = greeting();
        assertThat(endpoint.experiment("greeting-v2").sampleRateSource()).isEqualTo(RateSource.CODE);
        assertThat(endpoint.experiment("greeting-v2").sampleRate()).isNull();

        ExperimentDescriptor changed = endpoint.update("greeting-v2", Action.SAMPLE_RATE, 0.0);
        assertThat(changed.sampleRate()).isZero();
        assertThat(changed.sampleRateSource()).isEqualTo(RateSource.ENDPOINT);
        for (int i = 0; i < 20; i++) {
            call(experiment, "ada");
        }
        assertThat(candidateCalls).hasValue(0);

        ExperimentDescriptor restored = endpoint.update("greeting-v2", Action.RESTORE_SAMPLE_RATE, null);
        assertThat(restored.sampleRateSource()).isEqualTo(RateSource.CODE);
        callAndAwait(experiment, "ada");
        assertThat(candidateCalls).hasValue(1);
    }

    @Test
    void aRateFromPropertiesSaysSo() {
        ExperimentProperties configured = new ExperimentProperties();
        configured.setSampleRate(0.25);
        properties.getExperiments().put("greeting-v2", configured);
        ExperimentProperties disabled = new ExperimentProperties();
        disabled.setEnabled(false);
        properties.getExperiments().put("farewell-v2", disabled);
        greeting();
        laboratory.experiment("farewell-v2", String.class).build();

        assertThat(endpoint.experiment("greeting-v2").sampleRate()).isEqualTo(0.25);
        assertThat(endpoint.experiment("greeting-v2").sampleRateSource()).isEqualTo(RateSource.PROPERTIES);
        assertThat(endpoint.experiment("farewell-v2").sampleRate()).isZero();
        assertThat(endpoint.experiment("farewell-v2").sampleRateSource()).isEqualTo(RateSource.PROPERTIES);
    }

    @Test
    void listsPropertiesThatNoExperimentHas() {
        properties.getExperiments().put("greeting-v3", new ExperimentProperties());
        greeting();
        assertThat(endpoint.experiments().unmatchedProperties()).containsExactly("greeting-v3");
    }

    @Test
    void refusesWhatItCannotDoSayingWhy() {
        greeting();
        assertThatThrownBy(() -> endpoint.update("nope", Action.PAUSE, null))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("no experiment named 'nope'")
                .hasMessageContaining("greeting-v2");
        assertThatThrownBy(() -> endpoint.update("greeting-v2", Action.SAMPLE_RATE, 1.5))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("sampleRate must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> endpoint.update("greeting-v2", Action.SAMPLE_RATE, Double.NaN))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> endpoint.update("greeting-v2", Action.SAMPLE_RATE, null))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("needs a sampleRate");
        assertThatThrownBy(() -> endpoint.update("greeting-v2", Action.PAUSE, 0.5))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("sampleRate goes with action sample-rate only");
        assertThatThrownBy(() -> endpoint.updateAll(Action.SAMPLE_RATE))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("applies to one experiment");
        assertThat(endpoint.experiment("greeting-v2").paused()).isFalse();
    }

    @Test
    void aLaboratoryOtherThanTheEnginesIsReadAndPausedButNotReRated() {
        Experiment<String> experiment = greeting();
        ExperimentsEndpoint onWrapper = new ExperimentsEndpoint(new Wrapper(laboratory), null);

        assertThat(onWrapper.experiments().laboratory().runaways()).isNull();
        assertThat(onWrapper.experiment("greeting-v2").sampleRateSource()).isEqualTo(RateSource.CODE);
        assertThat(onWrapper.update("greeting-v2", Action.PAUSE, null).paused()).isTrue();
        assertThat(experiment.paused()).isTrue();
        assertThatThrownBy(() -> onWrapper.update("greeting-v2", Action.SAMPLE_RATE, 0.5))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("needs the engine's laboratory");
    }

    /** An application's own laboratory, around the engine's. */
    private record Wrapper(Laboratory laboratory) implements Laboratory {
        @Override
        public <T> ExperimentBuilder<T> experiment(String name, Class<T> type) {
            return laboratory.experiment(name, type);
        }

        @Override
        public <T> ExperimentBuilder<T> experiment(String name) {
            return laboratory.experiment(name);
        }

        @Override
        public <R> dev.parallelrun.experiment.migration.MigrationBuilder<R> migration(String name, Class<R> readType) {
            return laboratory.migration(name, readType);
        }

        @Override
        public <R> dev.parallelrun.experiment.migration.MigrationBuilder<R> migration(String name) {
            return laboratory.migration(name);
        }

        @Override
        public java.util.List<dev.parallelrun.experiment.migration.Migration<?>> migrations() {
            return laboratory.migrations();
        }

        @Override
        public void pause() {
            laboratory.pause();
        }

        @Override
        public void resume() {
            laboratory.resume();
        }

        @Override
        public boolean paused() {
            return laboratory.paused();
        }

        @Override
        public List<Experiment<?>> experiments() {
            return laboratory.experiments();
        }

        @Override
        public PublishingStats publishingStats() {
            return laboratory.publishingStats();
        }

        @Override
        public void close() {
            laboratory.close();
        }

        @Override
        public boolean closed() {
            return laboratory.closed();
        }
    }
}
