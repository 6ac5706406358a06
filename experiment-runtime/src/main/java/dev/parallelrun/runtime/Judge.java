package dev.parallelrun.runtime;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Callback;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.ExperimentSpec;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.runtime.diff.Comparison;
import dev.parallelrun.runtime.diff.Differ;
import dev.parallelrun.runtime.diff.PublishedValues;
import dev.parallelrun.runtime.diff.Signature;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Decides each candidate's outcome (contract rule 5) and makes the published forms of values. Every
 * user callback it calls is guarded: a fault is counted and has its own fallback, never an exception.
 */
final class Judge<T extends @Nullable Object> {

    private final ExperimentSpec<T> spec;
    private final Differ differ;
    private final FaultLog faults;

    Judge(ExperimentSpec<T> spec, Differ differ, FaultLog faults) {
        this.spec = spec;
        this.differ = differ;
        this.faults = faults;
    }

    /** The outcome of a candidate that ran to the end (returned or threw). */
    CandidateResult<T> judge(String name, Run<T> control, Run<T> candidate) {
        Verdict verdict = control.threw() || candidate.threw()
                ? compareExceptions(control, candidate) : compareValues(control, candidate);
        if (verdict.outcome() == Outcome.MISMATCH && ignoredByRule(control, candidate)) {
            return new CandidateResult<>(name, Outcome.IGNORED, candidate, verdict.diff(), "an ignore rule matched");
        }
        return new CandidateResult<>(name, verdict.outcome(), candidate, verdict.diff(), verdict.note());
    }

    /** An outcome before the ignore rules, which only a mismatch goes on to. */
    private record Verdict(Outcome outcome, Diff diff, @Nullable String note) {
        static final Verdict MATCH = new Verdict(Outcome.MATCH, Diff.none(), null);
    }

    private Verdict compareExceptions(Run<T> control, Run<T> candidate) {
        Throwable expected = control.exception();
        Throwable actual = candidate.exception();
        if (expected != null && actual != null) {
            try {
                if (spec.errorComparator().test(expected, actual)) {
                    return Verdict.MATCH;
                }
            } catch (Throwable fault) {
                faults.record(Callback.ERROR_COMPARATOR, fault);
                return new Verdict(Outcome.COMPARISON_FAILED, Diff.none(), "the error comparator threw " + describe(fault));
            }
        }
        return new Verdict(Outcome.MISMATCH, exceptionDiff(control, candidate), null);
    }

    private boolean ignoredByRule(Run<T> control, Run<T> candidate) {
        for (BiPredicate<? super Run<T>, ? super Run<T>> rule : spec.ignoreRules()) {
            try {
                if (rule.test(control, candidate)) {
                    return true;
                }
            } catch (Throwable fault) {
                faults.record(Callback.IGNORE, fault); // a throwing rule means "not ignored"; later rules still run
            }
        }
        return false;
    }

    private Verdict compareValues(Run<T> control, Run<T> candidate) {
        T expected = control.value();
        T actual = candidate.value();
        BiPredicate<? super T, ? super T> comparator = spec.comparator();
        if (comparator != null) {
            try {
                if (comparator.test(expected, actual)) {
                    return Verdict.MATCH;
                }
            } catch (Throwable fault) {
                faults.record(Callback.COMPARATOR, fault);
                return new Verdict(Outcome.COMPARISON_FAILED, Diff.none(), "the comparator threw " + describe(fault));
            }
        } else if (equal(expected, actual)) {
            return Verdict.MATCH;
        }
        Comparison comparison = compare(expected, actual);
        if (comparison.onlyIgnored()) {
            return new Verdict(Outcome.IGNORED, Diff.none(), comparison.ignored() + " differences at ignored paths");
        }
        if (comparison.isEqual() && comparator == null) {
            return Verdict.MATCH; // equals said no, the trees say yes
        }
        String note = comparison.diff().isEmpty()
                ? "the comparator found a difference the structural differ does not show" : null;
        return new Verdict(Outcome.MISMATCH, comparison.diff(), note);
    }

    private static boolean equal(@Nullable Object expected, @Nullable Object actual) {
        try {
            return Objects.equals(expected, actual);
        } catch (RuntimeException | StackOverflowError e) {
            return false; // a hostile or cyclic equals: let the differ decide
        }
    }

    private Comparison compare(@Nullable Object expected, @Nullable Object actual) {
        Comparison comparison = differ.compare(expected, actual);
        Throwable cause = comparison.fallbackCause();
        if (cause != null) {
            faults.record(Callback.DIFFER, cause);
        }
        return comparison;
    }

    /** One {@code replace} of the whole value, an exception written as {@code {"exception":..,"message":..}}. */
    private Diff exceptionDiff(Run<T> control, Run<T> candidate) {
        String pair;
        if (candidate.threw() && !control.threw()) {
            pair = "threw " + className(candidate.exception());
        } else if (!candidate.threw()) {
            pair = "returned where control threw " + className(control.exception());
        } else {
            pair = "threw " + className(candidate.exception()) + " where control threw " + className(control.exception());
        }
        Difference difference = new Difference(Operation.REPLACE, "", json(candidate), json(control), null);
        return new Diff(List.of(difference), 1, Signature.of(List.of(pair)), true, null);
    }

    private static String className(@Nullable Throwable exception) {
        return exception == null ? "nothing" : exception.getClass().getName();
    }

    private String json(Run<T> run) {
        Throwable exception = run.exception();
        if (exception != null) {
            return exceptionJson(exception);
        }
        PublishedValue published = run.published();
        return published == null ? "null" : published.json();
    }

    /** An exception as published: its class and message. */
    static String exceptionJson(Throwable exception) {
        String message;
        try {
            message = exception.getMessage();
        } catch (RuntimeException e) {
            message = "[getMessage() threw " + e.getClass().getName() + "]";
        }
        return "{\"exception\":" + PublishedValues.quote(exception.getClass().getName()) + ",\"message\":"
                + (message == null ? "null" : PublishedValues.quote(message)) + "}";
    }

    /** The published form of a value: cleaned (the raw value when the cleaner throws), redacted, capped. */
    PublishedValue publish(@Nullable T value) {
        Object cleaned = value;
        Function<? super T, ? extends @Nullable Object> cleaner = spec.cleaner();
        if (cleaner != null && value != null) {
            try {
                cleaned = cleaner.apply(value);
            } catch (Throwable fault) {
                faults.record(Callback.CLEANER, fault); // publish the raw value, still redacted
            }
        }
        try {
            return differ.publish(cleaned);
        } catch (Throwable fault) {
            faults.record(Callback.DIFFER, fault);
            return new PublishedValue(PublishedValues.quote("[value not published: " + describe(fault) + "]"), false, 0,
                    false);
        }
    }

    private static String describe(Throwable fault) {
        return fault.getMessage() == null ? fault.getClass().getName()
                : fault.getClass().getName() + ": " + fault.getMessage();
    }
}
