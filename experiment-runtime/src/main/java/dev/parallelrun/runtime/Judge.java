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
        Mismatch mismatch;
        if (control.threw() && candidate.threw()) {
            Throwable expected = Objects.requireNonNull(control.exception());
            Throwable actual = Objects.requireNonNull(candidate.exception());
            try {
                if (spec.errorComparator().test(expected, actual)) {
                    return new CandidateResult<>(name, Outcome.MATCH, candidate, Diff.none(), null);
                }
            } catch (Throwable fault) {
                faults.record(Callback.ERROR_COMPARATOR, fault);
                return failed(name, candidate, "the error comparator threw " + describe(fault));
            }
            mismatch = new Mismatch(exceptionDiff(control, candidate), null);
        } else if (control.threw() || candidate.threw()) {
            mismatch = new Mismatch(exceptionDiff(control, candidate), null);
        } else {
            mismatch = compareValues(name, control, candidate);
            if (mismatch.outcome != null) {
                return new CandidateResult<>(name, mismatch.outcome, candidate, mismatch.diff, mismatch.note);
            }
        }
        for (BiPredicate<? super Run<T>, ? super Run<T>> rule : spec.ignoreRules()) {
            try {
                if (rule.test(control, candidate)) {
                    return new CandidateResult<>(name, Outcome.IGNORED, candidate, mismatch.diff, "an ignore rule matched");
                }
            } catch (Throwable fault) {
                faults.record(Callback.IGNORE, fault); // a throwing rule means "not ignored"; later rules still run
            }
        }
        return new CandidateResult<>(name, Outcome.MISMATCH, candidate, mismatch.diff, mismatch.note);
    }

    /** A decided outcome, or a mismatch's diff to run the ignore rules on. */
    private record Mismatch(Diff diff, @Nullable String note, @Nullable Outcome outcome) {
        Mismatch(Diff diff, @Nullable String note) {
            this(diff, note, null);
        }
    }

    private Mismatch compareValues(String name, Run<T> control, Run<T> candidate) {
        T expected = control.value();
        T actual = candidate.value();
        BiPredicate<? super T, ? super T> comparator = spec.comparator();
        if (comparator != null) {
            try {
                if (comparator.test(expected, actual)) {
                    return new Mismatch(Diff.none(), null, Outcome.MATCH);
                }
            } catch (Throwable fault) {
                faults.record(Callback.COMPARATOR, fault);
                return new Mismatch(Diff.none(), "the comparator threw " + describe(fault), Outcome.COMPARISON_FAILED);
            }
        } else if (equal(expected, actual)) {
            return new Mismatch(Diff.none(), null, Outcome.MATCH);
        }
        Comparison comparison = compare(expected, actual);
        if (comparison.onlyIgnored()) {
            return new Mismatch(Diff.none(), comparison.ignored() + " differences at ignored paths", Outcome.IGNORED);
        }
        if (comparison.isEqual() && comparator == null) {
            return new Mismatch(Diff.none(), null, Outcome.MATCH); // equals said no, the trees say yes
        }
        String note = comparison.diff().isEmpty()
                ? "the comparator found a difference the structural differ does not show" : null;
        return new Mismatch(comparison.diff(), note);
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

    private CandidateResult<T> failed(String name, Run<T> candidate, String note) {
        return new CandidateResult<>(name, Outcome.COMPARISON_FAILED, candidate, Diff.none(), note);
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
