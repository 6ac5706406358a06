package dev.parallelrun.publisher.contract;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.CandidateStats;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.LatencySummary;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.ReadinessCriteria;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.TraceIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Results as the engine makes them, for publisher tests: every outcome, every skip reason, a candidate that never
 * started, a failed comparison with its fault, nulls, exceptions without messages, huge values, unicode, traces.
 * Values are published as JSON text, and candidate runs start {@link #START_DELAY} after the call was sampled, as
 * the engine does. {@link #stats()} and {@link #laboratory()} give statistics with every part set, for publishers
 * that read them.
 */
public final class SampleResults {

    /** The experiment name every sample uses. */
    public static final String EXPERIMENT = "contract-experiment";

    /** How long every sample's candidate run waited to start after its call was sampled. */
    public static final Duration START_DELAY = Duration.ofNanos(180_500);

    private static final Instant START = Instant.parse("2026-11-25T10:15:30.123456789Z");
    private static final Instant CANDIDATE_START = START.plus(START_DELAY);
    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private SampleResults() {}

    /** A result whose only candidate has {@code outcome}, with plausible runs and differences. */
    public static Result<@Nullable Object> of(Outcome outcome) {
        return switch (outcome) {
            case MATCH ->
                result(
                        Call.keyed("customer-1"),
                        returned("control", "{\"total\":10}"),
                        CandidateResult.judged(
                                "candidate",
                                Outcome.MATCH,
                                candidateRun("candidate", "{\"total\":10}"),
                                Diff.none(),
                                null));
            case MISMATCH -> mismatch();
            case IGNORED ->
                result(
                        Call.none(),
                        returned("control", "{\"quotedAt\":1}"),
                        CandidateResult.judged(
                                "candidate",
                                Outcome.IGNORED,
                                candidateRun("candidate", "{\"quotedAt\":2}"),
                                Diff.none(),
                                "1 differences at ignored paths"));
            case TIMED_OUT ->
                result(
                        Call.none(),
                        returned("control", "1"),
                        CandidateResult.timedOut(
                                "candidate",
                                unfinished("candidate"),
                                "interrupted past the candidate timeout of 250 ms"));
            case SKIPPED -> skipped(SkipReason.CAP);
            case COMPARISON_FAILED -> comparisonFailed();
        };
    }

    /** A result whose only candidate was skipped for {@code reason}, with the engine's note. */
    public static Result<@Nullable Object> skipped(SkipReason reason) {
        return result(Call.none(), returned("control", "1"), CandidateResult.skipped("candidate", reason));
    }

    /** One skipped result per {@link SkipReason}, in the enum's order. */
    public static List<Result<@Nullable Object>> everySkipReason() {
        List<Result<@Nullable Object>> all = new ArrayList<>();
        for (SkipReason reason : SkipReason.values()) {
            all.add(skipped(reason));
        }
        return all;
    }

    /**
     * A candidate that timed out before its behavior ever started: its run is {@link Run#neverStarted}, with the
     * time it waited as its start delay and the sampling time as its start.
     */
    public static Result<@Nullable Object> neverStarted() {
        return result(
                Call.none(),
                returned("control", "1"),
                CandidateResult.timedOut(
                        "candidate",
                        Run.neverStarted("candidate", START, TIMEOUT),
                        "never started within the candidate timeout of 250 ms (no thread free in time)"));
    }

    /** A candidate whose comparator threw: the outcome is {@link Outcome#COMPARISON_FAILED}, with the fault. */
    public static Result<@Nullable Object> comparisonFailed() {
        IllegalStateException fault = new IllegalStateException("comparator bug at /lines/0");
        return result(
                Call.none(),
                returned("control", "1"),
                CandidateResult.comparisonFailed(
                        "candidate",
                        candidateRun("candidate", "2"),
                        fault,
                        "the comparator threw " + fault.getClass().getName() + ": " + fault.getMessage()));
    }

    /** One result per outcome. */
    public static List<Result<@Nullable Object>> everyOutcome() {
        List<Result<@Nullable Object>> all = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            all.add(of(outcome));
        }
        return all;
    }

    /** A keyed mismatch of a small order: a changed total and an added line. */
    public static Result<@Nullable Object> mismatch() {
        Diff diff = new Diff(
                List.of(
                        new Difference(Operation.REPLACE, "/total", "10.5", "10.0", null),
                        new Difference(Operation.ADD, "/lines/2", "{\"sku\":\"A-3\",\"qty\":1}", null, null)),
                2,
                "5c7d4a9afa1c5b0f",
                true,
                null);
        return result(
                Call.keyed("customer-42").with("order", "A-17"),
                returned("control", "{\"total\":10.0,\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"}]}"),
                mismatched(
                        "candidate",
                        candidateRun(
                                "candidate",
                                "{\"total\":10.5,\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"},"
                                        + "{\"sku\":\"A-3\",\"qty\":1}]}"),
                        diff,
                        null));
    }

    /** A mismatch where the control returned null and the candidate threw an exception without a message. */
    public static Result<@Nullable Object> nullsAndMessagelessException() {
        Run<@Nullable Object> control = Run.returned(
                "control", START, Duration.ofMillis(1), null, () -> new PublishedValue("null", false, 4, true));
        Run<@Nullable Object> threw = Run.<@Nullable Object>threw(
                        "candidate", CANDIDATE_START, Duration.ofMillis(2), new IllegalStateException())
                .withStartDelay(START_DELAY);
        Diff diff = new Diff(
                List.of(new Difference(
                        Operation.REPLACE,
                        "",
                        "{\"exception\":\"java.lang.IllegalStateException\",\"message\":null}",
                        "null",
                        null)),
                1,
                "0123456789abcdef",
                true,
                null);
        return result(Call.none(), control, mismatched("candidate", threw, diff, null));
    }

    /** A result where both sides threw, the control's exception without a message. */
    public static Result<@Nullable Object> bothThrew() {
        Run<@Nullable Object> control = Run.threw("control", START, Duration.ofMillis(1), new RuntimeException());
        Run<@Nullable Object> candidate = Run.<@Nullable Object>threw(
                        "candidate", CANDIDATE_START, Duration.ofMillis(1), new RuntimeException())
                .withStartDelay(START_DELAY);
        return result(
                Call.none(), control, CandidateResult.judged("candidate", Outcome.MATCH, candidate, Diff.none(), null));
    }

    /** A mismatch whose values are about {@code chars} characters of JSON each, already marked truncated. */
    public static Result<@Nullable Object> hugeValues(int chars) {
        String big = "\"" + "x".repeat(Math.max(0, chars - 2)) + "\"";
        Run<@Nullable Object> control = Run.returned(
                "control", START, Duration.ofMillis(3), big, () -> new PublishedValue(big, true, chars * 4, true));
        Run<@Nullable Object> candidate = Run.<@Nullable Object>returned(
                        "candidate",
                        CANDIDATE_START,
                        Duration.ofMillis(4),
                        big + "y",
                        () -> new PublishedValue(big, true, chars * 4 + 1, true))
                .withStartDelay(START_DELAY);
        List<Difference> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Difference(Operation.REPLACE, "/items/" + i, big, big, "-x\n+y"));
        }
        Diff diff = new Diff(many, 10_000, "fedcba9876543210", true, null);
        return result(Call.keyed("k".repeat(1_000)), control, mismatched("candidate", candidate, diff, null));
    }

    /** A mismatch full of non-ASCII text: names, keys, context, values and paths. */
    public static Result<@Nullable Object> unicode() {
        String control = "{\"名前\":\"Zoë 🍕\",\"note\":\"line\\nbreak \\\"quoted\\\" \\u0000\"}";
        String candidate = "{\"名前\":\"Zoë 🍔\",\"note\":\"line\\nbreak \\\"quoted\\\" \\u0000\"}";
        Diff diff = new Diff(
                List.of(
                        new Difference(Operation.REPLACE, "/名前", "\"Zoë 🍔\"", "\"Zoë 🍕\"", null),
                        new Difference(
                                Operation.ADD, "/a~1b~0c", "\"</script><script>alert(1)</script>\"", null, null)),
                2,
                "00ff00ff00ff00ff",
                true,
                null);
        return result(
                Call.keyed("клиент-7").with("città", "Zürich \" onmouseover=\""),
                returned("control", control),
                mismatched("candidate-ü", candidateRun("candidate-ü", candidate), diff, "ünïcödé note"));
    }

    /** A mismatch made inside a sampled trace, with an expired experiment. */
    public static Result<@Nullable Object> tracedAndExpired() {
        Result<@Nullable Object> base = mismatch();
        return new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                base.candidates(),
                new TraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true),
                LocalDate.parse("2026-01-01"),
                true);
    }

    /** Two candidates: one mismatched, one timed out. */
    public static Result<@Nullable Object> twoCandidates() {
        Result<@Nullable Object> base = mismatch();
        List<CandidateResult<@Nullable Object>> both = new ArrayList<>(base.candidates());
        both.add(CandidateResult.timedOut(
                "engine-v3", unfinished("engine-v3"), "interrupted past the candidate timeout of 250 ms"));
        return new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                both,
                null,
                null,
                false);
    }

    /**
     * Every kind of sample above: one per outcome, one per skip reason, a candidate that never started, and the
     * hostile and multi-candidate ones.
     */
    public static List<Result<@Nullable Object>> all() {
        List<Result<@Nullable Object>> all = new ArrayList<>(everyOutcome());
        for (Result<@Nullable Object> skipped : everySkipReason()) {
            if (skipped.candidates().get(0).skipReason() != SkipReason.CAP) { // CAP is everyOutcome()'s SKIPPED
                all.add(skipped);
            }
        }
        all.add(neverStarted());
        all.add(nullsAndMessagelessException());
        all.add(bothThrew());
        all.add(hugeValues(64 * 1024));
        all.add(unicode());
        all.add(tracedAndExpired());
        all.add(twoCandidates());
        return all;
    }

    /**
     * Statistics of {@link #EXPERIMENT} with every part set, as the engine reports them: one candidate with every
     * outcome, skips for every reason (more than half the sampled runs, so the verdict is
     * {@link dev.parallelrun.experiment.Readiness.Status#INCONCLUSIVE}, with a note on the skipped-share check),
     * runaways, faults from the user's callbacks and from the engine, latencies and a scheduling delay. The
     * verdict is the one {@link ReadinessCriteria#evaluate} gives for these counts.
     */
    public static ExperimentStats stats() {
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long skips = 0;
        for (SkipReason reason : SkipReason.values()) {
            long count = reason == SkipReason.CAP ? 6 : 1;
            skipped.put(reason, count);
            skips += count;
        }
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        outcomes.put(Outcome.MATCH, 5L);
        outcomes.put(Outcome.MISMATCH, 1L);
        outcomes.put(Outcome.IGNORED, 1L);
        outcomes.put(Outcome.TIMED_OUT, 2L);
        outcomes.put(Outcome.SKIPPED, skips);
        outcomes.put(Outcome.COMPARISON_FAILED, 1L);
        long sampled = 0;
        for (long count : outcomes.values()) {
            sampled += count;
        }
        long ran = sampled - skips;
        LatencySummary candidateLatency = latency(ran, 52_000, 90_000, 400_000, 1_200_000);
        LatencySummary control = latency(sampled, 41_000, 60_000, 210_000, 300_000);
        CandidateStats candidate = new CandidateStats("candidate", outcomes, 2, candidateLatency);
        Map<FaultSource, Long> faults = new EnumMap<>(FaultSource.class);
        faults.put(FaultSource.COMPARATOR, 1L);
        faults.put(FaultSource.BEFORE_RUN, 1L);
        faults.put(FaultSource.ENGINE, 1L);
        ReadinessCriteria criteria = ReadinessCriteria.defaults();
        ReadinessCriteria.Figures figures = new ReadinessCriteria.Figures(
                candidate.compared(),
                candidate.mismatchRate(),
                candidate.errorRate(),
                candidateLatency.p99(),
                control.p99(),
                candidate.skippedShare());
        return new ExperimentStats(
                EXPERIMENT,
                sampled,
                2,
                control,
                candidateLatency,
                latency(ran, START_DELAY.toNanos(), 250_000, 2_000_000, 250_000_000),
                List.of(candidate),
                skipped,
                1,
                3,
                faults,
                LocalDate.parse("2027-03-31"),
                false,
                criteria,
                criteria.evaluate(figures));
    }

    /**
     * A laboratory whose one experiment, {@link #EXPERIMENT}, reports {@link #stats()}, and whose publishing
     * pipeline reports a queue of 128 with some results queued, published, dropped and failed. Its experiment
     * runs the control only; the laboratory itself does nothing.
     */
    public static Laboratory laboratory() {
        return new SampleLaboratory(stats(), new PublishingStats(128, 3, 40, 2, 1));
    }

    /** A control run that returned the value whose published JSON is {@code json}. */
    public static Run<@Nullable Object> returned(String behavior, String json) {
        return Run.returned(
                behavior,
                START,
                Duration.ofMillis(2),
                json,
                () -> new PublishedValue(json, false, json.length(), true));
    }

    /**
     * A candidate run that returned the value whose published JSON is {@code json}, having waited
     * {@link #START_DELAY} after its call was sampled.
     */
    public static Run<@Nullable Object> candidateRun(String name, String json) {
        return Run.<@Nullable Object>returned(
                        name,
                        CANDIDATE_START,
                        Duration.ofMillis(2),
                        json,
                        () -> new PublishedValue(json, false, json.length(), true))
                .withStartDelay(START_DELAY);
    }

    private static Run<@Nullable Object> unfinished(String name) {
        return Run.<@Nullable Object>unfinished(name, CANDIDATE_START, TIMEOUT.minus(START_DELAY))
                .withStartDelay(START_DELAY);
    }

    private static CandidateResult<@Nullable Object> mismatched(
            String name, Run<@Nullable Object> run, Diff diff, @Nullable String note) {
        return CandidateResult.judged(name, Outcome.MISMATCH, run, diff, note);
    }

    private static LatencySummary latency(long count, long p50, long p90, long p99, long max) {
        return new LatencySummary(
                count, Duration.ofNanos(p50), Duration.ofNanos(p90), Duration.ofNanos(p99), Duration.ofNanos(max));
    }

    private static Result<@Nullable Object> result(
            Call call, Run<@Nullable Object> control, CandidateResult<@Nullable Object> candidate) {
        List<CandidateResult<@Nullable Object>> candidates = List.of(candidate);
        return new Result<>(
                EXPERIMENT, call, Map.copyOf(call.context()), START, control, candidates, null, null, false);
    }
}
