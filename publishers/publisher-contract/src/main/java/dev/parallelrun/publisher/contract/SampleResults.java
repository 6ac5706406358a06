package dev.parallelrun.publisher.contract;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.TraceIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Results as the engine makes them, for publisher tests: every outcome, nulls, exceptions without
 * messages, huge values, unicode, traces. Values are published as JSON text, as the engine does.
 */
public final class SampleResults {

    /** The experiment name every sample uses. */
    public static final String EXPERIMENT = "contract-experiment";

    private static final Instant START = Instant.parse("2026-11-25T10:15:30.123456789Z");

    private SampleResults() {}

    /** A result whose only candidate has {@code outcome}, with plausible runs and differences. */
    public static Result<Object> of(Outcome outcome) {
        return switch (outcome) {
            case MATCH -> result(Call.keyed("customer-1"), returned("control", "{\"total\":10}"),
                    candidate("candidate", Outcome.MATCH, returned("candidate", "{\"total\":10}"), Diff.none(), null));
            case MISMATCH -> mismatch();
            case IGNORED -> result(Call.none(), returned("control", "{\"quotedAt\":1}"),
                    candidate("candidate", Outcome.IGNORED, returned("candidate", "{\"quotedAt\":2}"), Diff.none(),
                            "1 differences at ignored paths"));
            case TIMED_OUT -> result(Call.none(), returned("control", "1"), candidate("candidate", Outcome.TIMED_OUT,
                    Run.unfinished("candidate", START, Duration.ofMillis(250)), Diff.none(),
                    "interrupted after the candidate timeout of 250 ms"));
            case SKIPPED -> result(Call.none(), returned("control", "1"), candidate("candidate", Outcome.SKIPPED, null,
                    Diff.none(), "maxConcurrentCandidates (64) reached"));
            case COMPARISON_FAILED -> result(Call.none(), returned("control", "1"), candidate("candidate",
                    Outcome.COMPARISON_FAILED, returned("candidate", "2"), Diff.none(),
                    "the comparator threw java.lang.IllegalStateException: boom"));
        };
    }

    /** One result per outcome. */
    public static List<Result<Object>> everyOutcome() {
        List<Result<Object>> all = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            all.add(of(outcome));
        }
        return all;
    }

    /** A keyed mismatch of a small order: a changed total and an added line. */
    public static Result<Object> mismatch() {
        Diff diff = new Diff(List.of(
                new Difference(Operation.REPLACE, "/total", "10.5", "10.0", null),
                new Difference(Operation.ADD, "/lines/2", "{\"sku\":\"A-3\",\"qty\":1}", null, null)),
                2, "5c7d4a9afa1c5b0f", true, null);
        return result(Call.keyed("customer-42").with("order", "A-17"),
                returned("control", "{\"total\":10.0,\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"}]}"),
                candidate("candidate", Outcome.MISMATCH,
                        returned("candidate", "{\"total\":10.5,\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"},"
                                + "{\"sku\":\"A-3\",\"qty\":1}]}"), diff, null));
    }

    /** A mismatch where the control returned null and the candidate threw an exception without a message. */
    public static Result<Object> nullsAndMessagelessException() {
        Run<Object> control = Run.returned("control", START, Duration.ofMillis(1), null,
                () -> new PublishedValue("null", false, 4, true));
        Run<Object> threw = Run.threw("candidate", START, Duration.ofMillis(2), new IllegalStateException());
        Diff diff = new Diff(List.of(new Difference(Operation.REPLACE, "",
                "{\"exception\":\"java.lang.IllegalStateException\",\"message\":null}", "null", null)),
                1, "0123456789abcdef", true, null);
        return result(Call.none(), control, candidate("candidate", Outcome.MISMATCH, threw, diff, null));
    }

    /** A result where both sides threw, the control's exception without a message. */
    public static Result<Object> bothThrew() {
        Run<Object> control = Run.threw("control", START, Duration.ofMillis(1), new RuntimeException());
        Run<Object> candidate = Run.threw("candidate", START, Duration.ofMillis(1), new RuntimeException());
        return result(Call.none(), control, candidate("candidate", Outcome.MATCH, candidate, Diff.none(), null));
    }

    /** A mismatch whose values are about {@code chars} characters of JSON each, already marked truncated. */
    public static Result<Object> hugeValues(int chars) {
        String big = "\"" + "x".repeat(Math.max(0, chars - 2)) + "\"";
        Run<Object> control = Run.returned("control", START, Duration.ofMillis(3), big,
                () -> new PublishedValue(big, true, chars * 4, true));
        Run<Object> candidate = Run.returned("candidate", START, Duration.ofMillis(4), big + "y",
                () -> new PublishedValue(big, true, chars * 4 + 1, true));
        List<Difference> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Difference(Operation.REPLACE, "/items/" + i, big, big, "-x\n+y"));
        }
        Diff diff = new Diff(many, 10_000, "fedcba9876543210", true, null);
        return result(Call.keyed("k".repeat(1_000)), control, candidate("candidate", Outcome.MISMATCH, candidate, diff, null));
    }

    /** A mismatch full of non-ASCII text: names, keys, context, values and paths. */
    public static Result<Object> unicode() {
        String control = "{\"名前\":\"Zoë 🍕\",\"note\":\"line\\nbreak \\\"quoted\\\" \\u0000\"}";
        String candidate = "{\"名前\":\"Zoë 🍔\",\"note\":\"line\\nbreak \\\"quoted\\\" \\u0000\"}";
        Diff diff = new Diff(List.of(new Difference(Operation.REPLACE, "/名前", "\"Zoë 🍔\"", "\"Zoë 🍕\"", null),
                new Difference(Operation.ADD, "/a~1b~0c", "\"</script><script>alert(1)</script>\"", null, null)),
                2, "00ff00ff00ff00ff", true, null);
        return result(Call.keyed("клиент-7").with("città", "Zürich \" onmouseover=\""),
                returned("control", control), candidate("candidate-ü", Outcome.MISMATCH, returned("candidate-ü", candidate),
                        diff, "ünïcödé note"));
    }

    /** A mismatch made inside a sampled trace, with an expired experiment. */
    public static Result<Object> tracedAndExpired() {
        Result<Object> base = mismatch();
        return new Result<>(base.experiment(), base.call(), base.context(), base.startedAt(), base.control(),
                base.candidates(), new TraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true),
                LocalDate.parse("2026-01-01"), true);
    }

    /** Two candidates: one mismatched, one timed out. */
    public static Result<Object> twoCandidates() {
        Result<Object> base = mismatch();
        List<CandidateResult<Object>> both = new ArrayList<>(base.candidates());
        both.add(candidate("engine-v3", Outcome.TIMED_OUT, Run.unfinished("engine-v3", START, Duration.ofMillis(250)),
                Diff.none(), "interrupted after the candidate timeout of 250 ms"));
        return new Result<>(base.experiment(), base.call(), base.context(), base.startedAt(), base.control(), both,
                null, null, false);
    }

    /** Every kind of sample above. */
    public static List<Result<Object>> all() {
        List<Result<Object>> all = new ArrayList<>(everyOutcome());
        all.add(nullsAndMessagelessException());
        all.add(bothThrew());
        all.add(hugeValues(64 * 1024));
        all.add(unicode());
        all.add(tracedAndExpired());
        all.add(twoCandidates());
        return all;
    }

    /** A run that returned the value whose published JSON is {@code json}. */
    public static Run<Object> returned(String behavior, String json) {
        return Run.returned(behavior, START, Duration.ofMillis(2), json,
                () -> new PublishedValue(json, false, json.length(), true));
    }

    private static CandidateResult<Object> candidate(String name, Outcome outcome, @Nullable Run<Object> run, Diff diff,
            @Nullable String note) {
        return new CandidateResult<>(name, outcome, run, diff, note,
                outcome == Outcome.SKIPPED ? SkipReason.CAP : null, null);
    }

    private static Result<Object> result(Call call, Run<Object> control, CandidateResult<Object> candidate) {
        return new Result<>(EXPERIMENT, call, Map.copyOf(call.context()), START, control, List.of(candidate), null, null,
                false);
    }
}
