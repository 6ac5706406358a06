package dev.parallelrun.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.spi.ExperimentBuilders;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Every option's bad value is reported by build(), all at once, each naming its option; a good build reaches the factory. */
class ExperimentBuilderOptionsTest {

    private final List<ExperimentSpec<?>> built = new ArrayList<>();

    private <T extends @Nullable Object> Experiment<T> record(ExperimentSpec<T> spec) {
        built.add(spec);
        return new NoopExperiment<>(spec);
    }

    private ExperimentBuilder<String> builder(@Nullable String name) {
        return ExperimentBuilders.create(name, this::record);
    }

    private ExperimentBuilder<String> builder() {
        return builder("x");
    }

    @Test
    void everyBadOptionIsReportedAtOnceEachNamingItsOption() {
        assertThatThrownBy(() -> builder("bad name")
                        .sampleRate(Double.NaN)
                        .sampler(null)
                        .runIf(null)
                        .candidateTimeout(Duration.ofSeconds(-1))
                        .maxConcurrentCandidates(0)
                        .maxRunaways(0)
                        .candidateExecutor(null)
                        .onFault(null)
                        .comparator(null)
                        .compareByTree()
                        .errorComparator(null)
                        .ignore(null)
                        .ignorePaths("nope")
                        .cleaner(null)
                        .redactPaths("/a~9")
                        .context(null)
                        .beforeRun(null)
                        .expiresOn(null)
                        .tolerance("/price", null)
                        .unorderedArrays("lines")
                        .maxDifferences(0)
                        .maxValueChars(63)
                        .readiness(null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("experiment 'bad name': ")
                .hasMessageContaining("name 'bad name' must be 1 to 100 letters")
                .hasMessageContaining("sampler must not be null")
                .hasMessageContaining("runIf must not be null")
                .hasMessageContaining("sampleRate must be in [0, 1], was NaN")
                .hasMessageContaining("candidateTimeout must be positive, was PT-1S")
                .hasMessageContaining("maxConcurrentCandidates must be at least 1, was 0")
                .hasMessageContaining("maxRunaways must be at least 1, was 0")
                .hasMessageContaining("candidateExecutor must not be null")
                .hasMessageContaining("onFault must not be null")
                .hasMessageContaining("comparator must not be null")
                .hasMessageContaining("errorComparator must not be null")
                .hasMessageContaining("ignore: a rule is null")
                .hasMessageContaining("ignorePaths: 'nope' is not an RFC 6901 pointer")
                .hasMessageContaining("cleaner must not be null")
                .hasMessageContaining("redactPaths: '/a~9' is not an RFC 6901 pointer")
                .hasMessageContaining("context must not be null")
                .hasMessageContaining("beforeRun must not be null")
                .hasMessageContaining("expiresOn must not be null")
                .hasMessageContaining("tolerance: the tolerance for '/price' is null")
                .hasMessageContaining("unorderedArrays: 'lines' is not an RFC 6901 pointer")
                .hasMessageContaining("maxDifferences must be at least 1, was 0")
                .hasMessageContaining("maxValueChars must be at least 64, was 63")
                .hasMessageContaining("readiness must not be null");
        assertThat(built).isEmpty();
    }

    @Test
    void conflictingOptionsAreReportedWithTheOtherMistakes() {
        assertThatThrownBy(() -> builder()
                        .sampleRate(Double.NaN)
                        .sampler(Sampler.always())
                        .compareByTree()
                        .comparator(String::equals)
                        .maxRunaways(-1)
                        .candidateExecutor(null)
                        .onFault(null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment 'x': onFault must not be null; sampleRate must be in [0, 1], was NaN;"
                        + " set either sampleRate or sampler, not both; set either comparator or compareByTree, not"
                        + " both; maxRunaways must be at least 1, was -1; candidateExecutor must not be null");
        assertThat(built).isEmpty();
    }

    @Test
    void aNanSampleRateIsRefusedRatherThanTakenForEveryCall() {
        assertThatThrownBy(() -> builder().sampleRate(Double.NaN).build())
                .hasMessage("experiment 'x': sampleRate must be in [0, 1], was NaN");
        assertThatThrownBy(() -> builder().sampleRate(Double.POSITIVE_INFINITY).build())
                .hasMessage("experiment 'x': sampleRate must be in [0, 1], was Infinity");
    }

    @Test
    void compareByTreeWithAComparatorIsRefused() {
        assertThatThrownBy(() ->
                        builder().compareByTree().comparator(String::equals).build())
                .hasMessage("experiment 'x': set either comparator or compareByTree, not both");
        assertThatThrownBy(() ->
                        builder().comparator(String::equals).compareByTree().build())
                .hasMessage("experiment 'x': set either comparator or compareByTree, not both");
    }

    @Test
    void aSampleRateWithASamplerIsRefused() {
        assertThatThrownBy(() ->
                        builder().sampler(Sampler.always()).sampleRate(0.5).build())
                .hasMessage("experiment 'x': set either sampleRate or sampler, not both");
    }

    @Test
    void aTimeoutBeyondTheMaximumIsRefusedAndAMissingOneNamed() {
        assertThatThrownBy(() -> builder()
                        .candidateTimeout(ExperimentBuilder.MAX_TIMEOUT.plusNanos(1))
                        .build())
                .hasMessageContaining("candidateTimeout must be at most PT24H (candidates must be bounded)");
        assertThatThrownBy(() -> builder().candidateTimeout(null).build())
                .hasMessageContaining("candidateTimeout must be positive, was null");
        assertThat(builder().candidateTimeout(ExperimentBuilder.MAX_TIMEOUT).build())
                .isNotNull();
    }

    @Test
    void nullAndEmptyNamesAreReportedAtBuild() {
        assertThatThrownBy(() -> builder(null).maxRunaways(0).build())
                .hasMessage("experiment: name must not be empty; maxRunaways must be at least 1, was 0");
        assertThatThrownBy(() -> builder("").build()).hasMessage("experiment: name must not be empty");
    }

    @Test
    void aNullOrBadTolerancePointerIsNamed() {
        assertThatThrownBy(() ->
                        builder().tolerance(null, Tolerance.absolute(0.01)).build())
                .hasMessageContaining("tolerance: a pointer is null");
        assertThatThrownBy(() ->
                        builder().tolerance("price", Tolerance.absolute(0.01)).build())
                .hasMessageContaining("tolerance: 'price' is not an RFC 6901 pointer");
    }

    @Test
    void nullArgumentsOfEveryOptionAreReportedAtBuildWithTheOthers() {
        assertThatThrownBy(() -> builder()
                        .tolerance(null)
                        .ignorePaths((String[]) null)
                        .redactPaths((String[]) null)
                        .unorderedArrays((String[]) null)
                        .maxRunaways(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tolerance")
                .hasMessageContaining("ignorePaths")
                .hasMessageContaining("redactPaths")
                .hasMessageContaining("unorderedArrays")
                .hasMessageContaining("maxRunaways must be at least 1, was 0");
    }

    @Test
    void aGoodBuildHandsEveryOptionToTheFactory() {
        Executor executor = Runnable::run;
        FaultHandler handler = (source, fault) -> {};
        BiPredicate<Throwable, Throwable> errors = (a, b) -> true;
        Function<String, String> cleaner = String::trim;
        Supplier<java.util.Map<String, ?>> context = java.util.Map::of;
        Runnable beforeRun = () -> {};
        BooleanSupplier runIf = () -> true;
        ReadinessCriteria readiness = ReadinessCriteria.defaults().withMinComparedSamples(5);
        Experiment<String> experiment = builder("pricing-v2")
                .sampleRate(0.25)
                .runIf(runIf)
                .candidateTimeout(Duration.ofMillis(250))
                .maxConcurrentCandidates(8)
                .maxRunaways(2)
                .candidateExecutor(executor)
                .onFault(handler)
                .compareByTree()
                .errorComparator(errors)
                .ignorePaths("/quotedAt")
                .cleaner(cleaner)
                .redactPaths("/card")
                .context(context)
                .beforeRun(beforeRun)
                .expiresOn(LocalDate.parse("2027-03-01"))
                .strict(true)
                .unorderedArrays("/lines")
                .maxDifferences(10)
                .maxValueChars(64)
                .readiness(readiness)
                .build();
        assertThat(experiment.name()).isEqualTo("pricing-v2");
        ExperimentSpec<?> spec = built.get(0);
        assertThat(spec.samplesEveryCall()).isFalse();
        assertThat(spec.runIf()).isSameAs(runIf);
        assertThat(spec.candidateTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(spec.maxConcurrentCandidates()).isEqualTo(8);
        assertThat(spec.maxRunaways()).isEqualTo(2);
        assertThat(spec.candidateExecutor()).isSameAs(executor);
        assertThat(spec.faultHandler()).isSameAs(handler);
        assertThat(spec.compareByTree()).isTrue();
        assertThat(spec.comparator()).isNull();
        assertThat(spec.errorComparator()).isSameAs(errors);
        assertThat(spec.ignorePaths()).hasSize(1);
        assertThat(spec.cleaner()).isSameAs(cleaner);
        assertThat(spec.redactPaths()).hasSize(1);
        assertThat(spec.context()).isSameAs(context);
        assertThat(spec.beforeRun()).isSameAs(beforeRun);
        assertThat(spec.expiresOn()).isEqualTo(LocalDate.parse("2027-03-01"));
        assertThat(spec.strict()).isTrue();
        assertThat(spec.unorderedPaths()).hasSize(1);
        assertThat(spec.maxDifferences()).isEqualTo(10);
        assertThat(spec.maxValueChars()).isEqualTo(64);
        assertThat(spec.readiness()).isSameAs(readiness);
    }

    @Test
    void withoutASamplerEveryCallIsSampledAndTheDefaultsHold() {
        builder().build();
        ExperimentSpec<?> spec = built.get(0);
        assertThat(spec.samplesEveryCall()).isTrue();
        assertThat(spec.sampler().sample("x", Call.none())).isTrue();
        assertThat(spec.candidateTimeout()).isEqualTo(ExperimentSpec.DEFAULT_CANDIDATE_TIMEOUT);
        assertThat(spec.maxConcurrentCandidates()).isEqualTo(ExperimentSpec.DEFAULT_MAX_CONCURRENT_CANDIDATES);
        assertThat(spec.maxRunaways()).isEqualTo(ExperimentSpec.DEFAULT_MAX_RUNAWAYS);
        assertThat(spec.candidateExecutor()).isNull();
        assertThat(spec.faultHandler()).isNull();
        assertThat(spec.compareByTree()).isFalse();
        assertThat(spec.strict()).isNull();
        assertThat(spec.readiness()).isEqualTo(ReadinessCriteria.defaults());
    }
}
