package dev.parallelrun.publisher.micrometer;

import static io.micrometer.core.tck.MeterRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.publisher.contract.SampleResults;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsOneRunPerCandidateUnderItsOutcome() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        List<Result<Object>> samples = SampleResults.all();
        samples.forEach(publisher::publish);

        Map<List<String>, Long> expected = new HashMap<>();
        for (Result<Object> result : samples) {
            for (CandidateResult<Object> candidate : result.candidates()) {
                expected.merge(
                        List.of(
                                result.experiment(),
                                candidate.name(),
                                candidate.outcome().name()),
                        1L,
                        Long::sum);
            }
        }
        for (Map.Entry<List<String>, Long> entry : expected.entrySet()) {
            List<String> tags = entry.getKey();
            assertThat(runs(tags.get(0), tags.get(1), Outcome.valueOf(tags.get(2)))
                            .count())
                    .as(tags.toString())
                    .isEqualTo(entry.getValue().doubleValue());
        }
        double total = registry.find(MicrometerPublisher.RUNS).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
        assertThat(total)
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void everyOutcomeAndSkipReasonCounterOfACandidateExistsFromItsFirstResult() {
        new MicrometerPublisher(registry).publish(SampleResults.mismatch());

        for (Outcome outcome : Outcome.values()) {
            assertThat(registry)
                    .hasMeterWithNameAndTags(
                            MicrometerPublisher.RUNS,
                            Tags.of(
                                    MicrometerPublisher.EXPERIMENT_TAG,
                                    SampleResults.EXPERIMENT,
                                    MicrometerPublisher.CANDIDATE_TAG,
                                    "candidate",
                                    MicrometerPublisher.OUTCOME_TAG,
                                    outcome.name()));
        }
        for (SkipReason reason : SkipReason.values()) {
            assertThat(skips(SampleResults.EXPERIMENT, "candidate", reason).count())
                    .as(reason.name())
                    .isZero();
        }
        assertThat(runs(SampleResults.EXPERIMENT, "candidate", Outcome.MISMATCH).count())
                .isEqualTo(1);
        assertThat(runs(SampleResults.EXPERIMENT, "candidate", Outcome.MATCH).count())
                .isZero();
    }

    @Test
    void skipsAreCountedPerReasonBesideTheSkippedRun() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        SampleResults.everySkipReason().forEach(publisher::publish);
        publisher.publish(SampleResults.skipped(SkipReason.CAP));

        for (SkipReason reason : SkipReason.values()) {
            assertThat(skips(SampleResults.EXPERIMENT, "candidate", reason).count())
                    .as(reason.name())
                    .isEqualTo(reason == SkipReason.CAP ? 2 : 1);
        }
        assertThat(runs(SampleResults.EXPERIMENT, "candidate", Outcome.SKIPPED).count())
                .isEqualTo(SkipReason.values().length + 1);
        assertThat(startDelay(SampleResults.EXPERIMENT, "candidate").count()).isZero(); // a skipped run has no run
    }

    @Test
    void startDelayIsRecordedForEveryCandidateRunThereIs() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.publish(SampleResults.mismatch());
        publisher.publish(SampleResults.of(Outcome.TIMED_OUT));
        publisher.publish(SampleResults.neverStarted());

        Timer delay = startDelay(SampleResults.EXPERIMENT, "candidate");
        assertThat(delay.count()).isEqualTo(3);
        Duration neverStartedWaited =
                SampleResults.neverStarted().candidates().get(0).run().startDelay();
        assertThat((long) delay.totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(2 * SampleResults.START_DELAY.toNanos() + neverStartedWaited.toNanos());
        assertThat(delay.max(TimeUnit.NANOSECONDS)).isEqualTo(neverStartedWaited.toNanos());
    }

    @Test
    void timersCountAndSumTheCompletedRunsOfEachBehavior() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        List<Result<Object>> samples = SampleResults.all();
        samples.forEach(publisher::publish);

        assertTimersMatch(samples);
    }

    @Test
    void timedOutNeverStartedAndSkippedCandidatesAreCountedButNotTimed() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.publish(SampleResults.of(Outcome.TIMED_OUT));
        publisher.publish(SampleResults.neverStarted());
        publisher.publish(SampleResults.of(Outcome.SKIPPED));

        assertThat(runs(SampleResults.EXPERIMENT, "candidate", Outcome.TIMED_OUT)
                        .count())
                .isEqualTo(2);
        assertThat(runs(SampleResults.EXPERIMENT, "candidate", Outcome.SKIPPED).count())
                .isEqualTo(1);
        assertThat(duration(SampleResults.EXPERIMENT, "candidate").count()).isZero();
        assertThat(duration(SampleResults.EXPERIMENT, Run.CONTROL).count()).isEqualTo(3);
    }

    @Test
    void candidateThatThrewIsTimed() {
        new MicrometerPublisher(registry).publish(SampleResults.nullsAndMessagelessException());

        Timer candidate = duration(SampleResults.EXPERIMENT, "candidate");
        assertThat(candidate.count()).isEqualTo(1);
        assertThat(candidate.totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(Duration.ofMillis(2).toNanos());
    }

    @Test
    void percentileHistogramsOnlyWhenAskedFor() {
        Map<String, DistributionStatisticConfig> asked = new HashMap<>();
        SimpleMeterRegistry withHistograms = new SimpleMeterRegistry();
        for (SimpleMeterRegistry each : List.of(registry, withHistograms)) {
            each.config()
                    .meterFilter(
                            new MeterFilter() { // sees what the publisher asked for each timer
                                @Override
                                public DistributionStatisticConfig configure(
                                        Meter.Id id, DistributionStatisticConfig config) {
                                    if (id.getType() == Meter.Type.TIMER) {
                                        String timer = id.getName().equals(MicrometerPublisher.START_DELAY)
                                                ? "start delay"
                                                : id.getTag(MicrometerPublisher.BEHAVIOR_TAG);
                                        asked.put((each == registry ? "default " : "opted in ") + timer, config);
                                    }
                                    return config;
                                }
                            });
        }
        new MicrometerPublisher(registry).publish(SampleResults.mismatch());
        MicrometerPublisher.builder(withHistograms)
                .percentileHistograms(true)
                .build()
                .publish(SampleResults.mismatch());

        assertThat(asked)
                .containsOnlyKeys(
                        "default control",
                        "default candidate",
                        "default start delay",
                        "opted in control",
                        "opted in candidate",
                        "opted in start delay");
        for (String timer : List.of("control", "candidate", "start delay")) {
            assertThat(asked.get("default " + timer).isPercentileHistogram())
                    .as(timer)
                    .isNull();
            assertThat(asked.get("opted in " + timer).isPercentileHistogram())
                    .as(timer)
                    .isTrue();
        }
    }

    @Test
    void everyMeterOfANameHasTheSameTagKeys() throws Exception {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        List<Meter> meters = new ArrayList<>();
        List<Result<?>> results = runThroughTheEngine(publisher, () -> {
            SampleResults.all().forEach(publisher::publish);
            meters.addAll(registry.getMeters()); // before close() removes the laboratory's gauges
        });

        Map<String, Set<Set<String>>> keysByName = new HashMap<>();
        for (Meter meter : meters) {
            Set<String> keys = new TreeSet<>();
            meter.getId().getTags().forEach(tag -> keys.add(tag.getKey()));
            keysByName
                    .computeIfAbsent(meter.getId().getName(), name -> new HashSet<>())
                    .add(keys);
        }
        assertThat(results).isNotEmpty();
        assertThat(keysByName)
                .containsOnlyKeys(
                        MicrometerPublisher.RUNS,
                        MicrometerPublisher.SKIPS,
                        MicrometerPublisher.DURATION,
                        MicrometerPublisher.START_DELAY,
                        MicrometerPublisher.FAULTS,
                        MicrometerPublisher.RUNAWAYS,
                        MicrometerPublisher.QUEUED,
                        MicrometerPublisher.CAPACITY,
                        MicrometerPublisher.PUBLISHED,
                        MicrometerPublisher.DROPPED,
                        MicrometerPublisher.PUBLISHER_FAILURES);
        assertThat(keysByName.get(MicrometerPublisher.RUNS))
                .containsExactly(Set.of("experiment", "candidate", "outcome"));
        assertThat(keysByName.get(MicrometerPublisher.SKIPS))
                .containsExactly(Set.of("experiment", "candidate", "reason"));
        assertThat(keysByName.get(MicrometerPublisher.DURATION)).containsExactly(Set.of("experiment", "behavior"));
        assertThat(keysByName.get(MicrometerPublisher.START_DELAY)).containsExactly(Set.of("experiment", "candidate"));
        assertThat(keysByName.get(MicrometerPublisher.FAULTS)).containsExactly(Set.of("experiment", "source"));
        assertThat(keysByName.get(MicrometerPublisher.RUNAWAYS)).containsExactly(Set.of("experiment"));
        for (String untagged : List.of(
                MicrometerPublisher.QUEUED,
                MicrometerPublisher.CAPACITY,
                MicrometerPublisher.PUBLISHED,
                MicrometerPublisher.DROPPED,
                MicrometerPublisher.PUBLISHER_FAILURES)) {
            assertThat(keysByName.get(untagged)).as(untagged).containsExactly(Set.of());
        }
    }

    @Test
    void noTagEverHoldsAValueAPathOrACallKey() throws Exception {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        List<Result<Object>> samples = SampleResults.all();
        List<Meter> meters = new ArrayList<>();
        List<Result<?>> results = new ArrayList<>(runThroughTheEngine(publisher, () -> {
            samples.forEach(publisher::publish);
            meters.addAll(registry.getMeters());
        }));
        results.addAll(samples);

        Set<String> allowed = new HashSet<>(Set.of(Run.CONTROL));
        Set<String> forbidden = new HashSet<>();
        for (Result<?> result : results) {
            allowed.add(result.experiment());
            if (result.call().key() != null) {
                forbidden.add(result.call().key());
            }
            forbidden.addAll(result.context().values());
            addPublished(forbidden, result.control());
            for (CandidateResult<?> candidate : result.candidates()) {
                allowed.add(candidate.name());
                addPublished(forbidden, candidate.run());
                for (Difference difference : candidate.diff().differences()) {
                    forbidden.add(difference.path());
                    forbidden.add(difference.value());
                    forbidden.add(difference.previous());
                }
                forbidden.add(candidate.diff().signature());
            }
        }
        for (Outcome outcome : Outcome.values()) {
            allowed.add(outcome.name());
        }
        for (SkipReason reason : SkipReason.values()) {
            allowed.add(reason.name());
        }
        for (FaultSource source : FaultSource.values()) {
            allowed.add(source.name());
        }
        forbidden.remove(null);
        forbidden.remove("");
        forbidden.removeAll(allowed); // a value that happens to equal an outcome name says nothing

        List<String> tagValues = new ArrayList<>();
        for (Meter meter : meters) {
            for (Tag tag : meter.getId().getTags()) {
                tagValues.add(tag.getValue());
            }
        }
        assertThat(tagValues).isNotEmpty().allSatisfy(value -> {
            assertThat(allowed).as("tag value %s", value).contains(value);
            assertThat(forbidden).as("tag value %s", value).doesNotContain(value);
        });
        assertThat(forbidden)
                .as("the runs must have had keys, context and differences to leak")
                .contains("customer-secret-key-7", "order-ctx-99", "/total", "/lines/2", "secret-exception-message");
    }

    @Test
    void countsAndTimersEqualTheEnginesOwnStatistics() throws Exception {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        List<Result<?>> results = runThroughTheEngine(publisher);

        assertTimersMatch(results);
        Map<String, Long> byOutcome = new HashMap<>();
        for (Result<?> result : results) {
            for (CandidateResult<?> candidate : result.candidates()) {
                byOutcome.merge(candidate.name() + " " + candidate.outcome(), 1L, Long::sum);
            }
        }
        assertThat(byOutcome)
                .containsKeys("engine-v2 MATCH", "engine-v2 MISMATCH", "engine-v3 TIMED_OUT", "engine-v3 MISMATCH");
        for (String candidate : List.of("engine-v2", "engine-v3")) {
            for (Outcome outcome : Outcome.values()) {
                assertThat(runs("pricing", candidate, outcome).count())
                        .as(candidate + " " + outcome)
                        .isEqualTo(byOutcome
                                .getOrDefault(candidate + " " + outcome, 0L)
                                .doubleValue());
            }
        }
    }

    @Test
    void publishingGaugesFollowTheLaboratorysPublishingStats() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .queueCapacity(2)
                .publisher(
                        result -> { // holds the publishing thread on the first result
                            holding.countDown();
                            waitFor(release);
                        })
                .publisher(result -> {
                    throw new IllegalStateException("a failing publisher");
                })
                .publisher(publisher)
                .build()) {
            Experiment<Integer> experiment =
                    lab.experiment("queue", Integer.class).build();
            experiment.run(() -> 1, () -> 1);
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 4; i++) {
                experiment.run(() -> 1, () -> 1);
            }
            await().ignoreExceptions()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> lab.publishingStats().queued()
                                    + lab.publishingStats().dropped()
                            == 4);

            assertThat(lab.publishingStats().queued()).isEqualTo(2);
            assertThat(lab.publishingStats().dropped()).isEqualTo(2);
            assertThat(gauge(MicrometerPublisher.QUEUED)).isEqualTo(2);
            assertThat(gauge(MicrometerPublisher.CAPACITY)).isEqualTo(2);
            assertThat(functionCount(MicrometerPublisher.DROPPED)).isEqualTo(2);
            assertThat(functionCount(MicrometerPublisher.PUBLISHED)).isZero();

            release.countDown();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lab.publishingStats().published() == 3);
            assertThat(gauge(MicrometerPublisher.QUEUED)).isZero();
            assertThat(functionCount(MicrometerPublisher.PUBLISHED)).isEqualTo(3);
            assertThat(functionCount(MicrometerPublisher.PUBLISHER_FAILURES))
                    .isEqualTo(lab.publishingStats().publisherFailures())
                    .isEqualTo(3);
            assertThat(faults("queue", FaultSource.PUBLISHER)).isEqualTo(3);
        }
    }

    @Test
    void faultCountersFollowTheExperimentsStats() throws Exception {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Integer> experiment = lab.experiment("faulty", Integer.class)
                    .comparator((a, b) -> {
                        throw new IllegalStateException("comparator bug");
                    })
                    .build();
            Experiment<Integer> quiet = lab.experiment("quiet", Integer.class).build();
            for (int i = 0; i < 3; i++) {
                experiment.run(() -> 1, () -> 2);
            }
            await().ignoreExceptions()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> runs("faulty", "candidate", Outcome.COMPARISON_FAILED)
                                    .count()
                            == 3);

            assertThat(experiment.stats().faults(FaultSource.COMPARATOR)).isEqualTo(3);
            assertThat(faults("faulty", FaultSource.COMPARATOR)).isEqualTo(3);
            assertThat(faults("faulty", FaultSource.CLEANER)).isZero();
            // built before the first result was published, never sampled: its counters exist all the same
            assertThat(faults(quiet.name(), FaultSource.SAMPLER)).isZero();
        }
    }

    @Test
    void runawaysGaugeFollowsTheExperimentsStats() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Integer> stubborn = lab.experiment("stubborn", Integer.class)
                    .candidateTimeout(Duration.ofMillis(20))
                    .build();
            stubborn.run(() -> 1, () -> {
                running.countDown();
                awaitIgnoringInterrupts(release); // past its timeout, its thread keeps running: a runaway
                return 1;
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            runs("stubborn", "candidate", Outcome.TIMED_OUT).count() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> stubborn.stats().runaways() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> runaways("stubborn") == 1);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> stubborn.stats().runaways() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> runaways("stubborn") == 0);
            assertThat(stubborn.stats().runawaysTotal()).isEqualTo(1);
        }
    }

    @Test
    void faultCountersAndRunawaysGaugeReadTheAttachedLaboratorysStats() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.attach(SampleResults.laboratory());
        var stats = SampleResults.stats();

        assertThat(runaways(SampleResults.EXPERIMENT))
                .isEqualTo(stats.runaways())
                .isPositive();
        for (FaultSource source : FaultSource.values()) {
            assertThat(faults(SampleResults.EXPERIMENT, source))
                    .as(source.name())
                    .isEqualTo(stats.faults(source));
        }
        assertThat(faults(SampleResults.EXPERIMENT, FaultSource.ENGINE)).isEqualTo(1);
        assertThat(gauge(MicrometerPublisher.CAPACITY)).isEqualTo(128);
        publisher.close();
        assertThat(registry)
                .doesNotHaveMeterWithName(MicrometerPublisher.RUNAWAYS)
                .doesNotHaveMeterWithName(MicrometerPublisher.FAULTS);
    }

    @Test
    void closeRemovesTheMetersThatReadTheLaboratoryAndKeepsCountersAndTimers() throws Exception {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            lab.experiment("closing", Integer.class).build().run(() -> 1, () -> 2);
            await().ignoreExceptions()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> runs("closing", "candidate", Outcome.MISMATCH).count() == 1);
            assertThat(registry)
                    .hasMeterWithName(MicrometerPublisher.QUEUED)
                    .hasMeterWithName(MicrometerPublisher.FAULTS)
                    .hasMeterWithName(MicrometerPublisher.RUNAWAYS);
        }
        assertThat(registry)
                .doesNotHaveMeterWithName(MicrometerPublisher.QUEUED)
                .doesNotHaveMeterWithName(MicrometerPublisher.DROPPED)
                .doesNotHaveMeterWithName(MicrometerPublisher.FAULTS)
                .doesNotHaveMeterWithName(MicrometerPublisher.RUNAWAYS);
        assertThat(runs("closing", "candidate", Outcome.MISMATCH).count()).isEqualTo(1);

        // a second laboratory on the same registry gets gauges of its own and continues the counters
        MicrometerPublisher second = new MicrometerPublisher(registry);
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().queueCapacity(7).publisher(second).build()) {
            lab.experiment("closing", Integer.class).build().run(() -> 1, () -> 2);
            await().ignoreExceptions()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> runs("closing", "candidate", Outcome.MISMATCH).count() == 2);
            assertThat(gauge(MicrometerPublisher.CAPACITY)).isEqualTo(7);
        }
    }

    @Test
    void aRegistryThatThrowsNeverReachesThePublishingThread() {
        // a meter of another type under the timer's id: Micrometer refuses to register the timer
        Gauge.builder(MicrometerPublisher.DURATION, () -> 1)
                .tags(
                        MicrometerPublisher.EXPERIMENT_TAG,
                        SampleResults.EXPERIMENT,
                        MicrometerPublisher.BEHAVIOR_TAG,
                        Run.CONTROL)
                .register(registry);
        MicrometerPublisher publisher = new MicrometerPublisher(registry);

        assertThatCode(() -> publisher.publish(SampleResults.mismatch())).doesNotThrowAnyException();
        assertThatCode(() -> publisher.publish(SampleResults.mismatch())).doesNotThrowAnyException();
        assertThat(publisher.failures()).isEqualTo(2);
    }

    @Test
    void publishAfterCloseRecordsNothing() {
        MicrometerPublisher publisher = new MicrometerPublisher(registry);
        publisher.attach(Laboratory.noop());
        publisher.close();
        publisher.publish(SampleResults.mismatch());

        assertThat(registry.getMeters()).isEmpty();
    }

    /**
     * Runs keyed, mismatching, throwing and timing-out calls through a real laboratory and returns the results
     * it published (collected by a publisher placed before {@code under}).
     */
    private List<Result<?>> runThroughTheEngine(MicrometerPublisher under) throws Exception {
        return runThroughTheEngine(under, () -> {});
    }

    private List<Result<?>> runThroughTheEngine(MicrometerPublisher under, Runnable beforeClose) throws Exception {
        List<Result<?>> results = new CopyOnWriteArrayList<>();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(results::add)
                .publisher(under)
                .build()) {
            Experiment<Map<String, Object>> pricing = lab.<Map<String, Object>>experiment("pricing")
                    .candidateTimeout(Duration.ofMillis(50))
                    .build();
            int calls = 8;
            for (int i = 0; i < calls; i++) {
                int n = i;
                pricing.run(
                        Call.keyed("customer-secret-key-7").with("order", "order-ctx-99"),
                        () -> Map.of("total", 10, "customer", "alice"),
                        Candidates.<Map<String, Object>>of(
                                        "engine-v2",
                                        () -> n % 2 == 0
                                                ? Map.of("total", 10, "customer", "alice")
                                                : Map.of("total", 11, "customer", "bob"))
                                .and("engine-v3", () -> {
                                    if (n % 2 == 0) {
                                        new CountDownLatch(1).await(); // hangs until the timeout interrupts it
                                    }
                                    throw new IllegalArgumentException("secret-exception-message");
                                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> results.size() == calls);
            beforeClose.run();
        }
        return results;
    }

    /** Both timers of every behavior against the runs of {@code results}. */
    private void assertTimersMatch(List<? extends Result<?>> results) {
        Map<List<String>, long[]> durations = new HashMap<>(); // count, total nanos
        Map<List<String>, long[]> delays = new HashMap<>();
        for (Result<?> result : results) {
            addRun(durations, delays, result.experiment(), result.control());
            for (CandidateResult<?> candidate : result.candidates()) {
                addRun(durations, delays, result.experiment(), candidate.run());
            }
        }
        assertThat(durations).isNotEmpty();
        assertThat(delays).isNotEmpty();
        for (Map.Entry<List<String>, long[]> entry : durations.entrySet()) {
            assertTimer(
                    duration(entry.getKey().get(0), entry.getKey().get(1)),
                    entry.getKey() + " duration",
                    entry.getValue());
        }
        for (Map.Entry<List<String>, long[]> entry : delays.entrySet()) {
            assertTimer(
                    startDelay(entry.getKey().get(0), entry.getKey().get(1)),
                    entry.getKey() + " start delay",
                    entry.getValue());
        }
    }

    private static void assertTimer(Timer timer, String what, long[] countAndTotal) {
        assertThat(timer.count()).as(what + " count").isEqualTo(countAndTotal[0]);
        assertThat((long) timer.totalTime(TimeUnit.NANOSECONDS))
                .as(what + " total")
                .isEqualTo(countAndTotal[1]);
    }

    private static void addRun(
            Map<List<String>, long[]> durations, Map<List<String>, long[]> delays, String experiment, Run<?> run) {
        if (run == null) {
            return;
        }
        List<String> key = List.of(experiment, run.name());
        long[] sums = durations.computeIfAbsent(key, k -> new long[2]);
        if (run.started() && run.completed()) {
            sums[0]++;
            sums[1] += run.duration().toNanos();
        }
        if (!run.name().equals(Run.CONTROL)) {
            long[] waited = delays.computeIfAbsent(key, k -> new long[2]);
            waited[0]++;
            waited[1] += run.startDelay().toNanos();
        }
    }

    private static void addPublished(Set<String> forbidden, Run<?> run) {
        if (run == null) {
            return;
        }
        PublishedValue published = run.published();
        if (published != null) {
            forbidden.add(published.json());
        }
        forbidden.add(run.describeException());
        if (run.exception() != null) {
            forbidden.add(run.exception().getMessage());
        }
    }

    private Counter runs(String experiment, String candidate, Outcome outcome) {
        return registry.get(MicrometerPublisher.RUNS)
                .tags(
                        MicrometerPublisher.EXPERIMENT_TAG,
                        experiment,
                        MicrometerPublisher.CANDIDATE_TAG,
                        candidate,
                        MicrometerPublisher.OUTCOME_TAG,
                        outcome.name())
                .counter();
    }

    private Counter skips(String experiment, String candidate, SkipReason reason) {
        return registry.get(MicrometerPublisher.SKIPS)
                .tags(
                        MicrometerPublisher.EXPERIMENT_TAG,
                        experiment,
                        MicrometerPublisher.CANDIDATE_TAG,
                        candidate,
                        MicrometerPublisher.REASON_TAG,
                        reason.name())
                .counter();
    }

    private Timer startDelay(String experiment, String candidate) {
        return registry.get(MicrometerPublisher.START_DELAY)
                .tags(MicrometerPublisher.EXPERIMENT_TAG, experiment, MicrometerPublisher.CANDIDATE_TAG, candidate)
                .timer();
    }

    private double runaways(String experiment) {
        return registry.get(MicrometerPublisher.RUNAWAYS)
                .tags(MicrometerPublisher.EXPERIMENT_TAG, experiment)
                .gauge()
                .value();
    }

    private Timer duration(String experiment, String behavior) {
        return registry.get(MicrometerPublisher.DURATION)
                .tags(MicrometerPublisher.EXPERIMENT_TAG, experiment, MicrometerPublisher.BEHAVIOR_TAG, behavior)
                .timer();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double functionCount(String name) {
        return registry.get(name).functionCounter().count();
    }

    private double faults(String experiment, FaultSource source) {
        return registry.get(MicrometerPublisher.FAULTS)
                .tags(MicrometerPublisher.EXPERIMENT_TAG, experiment, MicrometerPublisher.SOURCE_TAG, source.name())
                .functionCounter()
                .count();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // a runaway: keeps running past the interrupt of its timeout
            }
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
