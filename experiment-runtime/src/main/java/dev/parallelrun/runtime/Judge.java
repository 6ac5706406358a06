package dev.parallelrun.runtime;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.spi.ExperimentSpec;
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
 * Decides each candidate's outcome and makes the published forms of values. Every user callback it calls is
 * guarded: a fault is counted and has its own fallback, never an exception.
 *
 * <p>Values are compared raw (the comparator, or {@code equals}); differences are explained on the cleaned values,
 * since they are published. When {@code equals} says two values differ and their published forms do not, the
 * trees are compared exactly: a difference in how numbers are written is a match, as documented; anything else is
 * state the published form does not show, a mismatch whose note says so, never a silent match.
 */
final class Judge<T extends @Nullable Object> {

    static final String HIDDEN_STATE = "equals() says the values differ, but their published forms are identical:"
            + " the difference is in state the published form does not show (a field without a getter, a lambda)."
            + " Give the experiment a comparator, compareByTree() when the published form is all that matters (a class"
            + " without equals()), or an ObjectMapper that shows that state";
    static final String CLEANED_AWAY = "the values differ only in what the cleaner leaves out of the published form";
    static final String DIFFER_SHOWS_NOTHING = "the comparator found a difference the structural differ does not show";

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
                ? compareExceptions(control, candidate)
                : compareValues(control, candidate);
        if (verdict.fault() != null) {
            return CandidateResult.comparisonFailed(name, candidate, verdict.fault(), requireNonNull(verdict.note()));
        }
        if (verdict.outcome() == Outcome.MISMATCH && ignoredByRule(control, candidate)) {
            return CandidateResult.judged(name, Outcome.IGNORED, candidate, verdict.diff(), "an ignore rule matched");
        }
        return CandidateResult.judged(name, verdict.outcome(), candidate, verdict.diff(), verdict.note());
    }

    /** An outcome before the ignore rules, which only a mismatch goes on to. */
    private record Verdict(
            Outcome outcome,
            Diff diff,
            @Nullable String note,
            @Nullable Throwable fault) {
        static final Verdict MATCH = new Verdict(Outcome.MATCH, Diff.none(), null, null);

        static Verdict failed(String what, Throwable fault) {
            return new Verdict(Outcome.COMPARISON_FAILED, Diff.none(), what + " threw " + describe(fault), fault);
        }

        static Verdict mismatch(Diff diff, @Nullable String note) {
            return new Verdict(Outcome.MISMATCH, diff, note, null);
        }
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
                faults.record(FaultSource.ERROR_COMPARATOR, fault);
                return Verdict.failed("the error comparator", fault);
            }
        }
        return Verdict.mismatch(exceptionDiff(control, candidate), null);
    }

    private boolean ignoredByRule(Run<T> control, Run<T> candidate) {
        for (BiPredicate<? super Run<T>, ? super Run<T>> rule : spec.ignoreRules()) {
            try {
                if (rule.test(control, candidate)) {
                    return true;
                }
            } catch (Throwable fault) {
                faults.record(FaultSource.IGNORE, fault); // a throwing rule means "not ignored"; later rules still run
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
                faults.record(FaultSource.COMPARATOR, fault);
                return Verdict.failed("the comparator", fault);
            }
        } else if (!spec.compareByTree() && equal(expected, actual)) {
            return Verdict.MATCH;
        }
        // the values differ; the differences shown are those of the published (cleaned) forms
        Comparison shown = compare(clean(expected), clean(actual));
        if (shown.onlyIgnored()) {
            return new Verdict(Outcome.IGNORED, Diff.none(), shown.ignored() + " differences at ignored paths", null);
        }
        if (!shown.isEqual()) {
            return Verdict.mismatch(shown.diff(), null);
        }
        if (comparator != null) {
            return Verdict.mismatch(shown.diff(), DIFFER_SHOWS_NOTHING);
        }
        if (spec.compareByTree()) {
            return Verdict.MATCH;
        }
        return equalsDisagreesWithPublishedForm(expected, actual);
    }

    /** {@code equals} says different, the published forms say equal: find out which is right. */
    private Verdict equalsDisagreesWithPublishedForm(@Nullable T expected, @Nullable T actual) {
        if (spec.cleaner() != null) {
            Comparison raw = compare(expected, actual);
            if (raw.onlyIgnored()) {
                return new Verdict(Outcome.IGNORED, Diff.none(), raw.ignored() + " differences at ignored paths", null);
            }
            if (!raw.isEqual()) {
                return Verdict.mismatch(Diff.none(), CLEANED_AWAY);
            }
        }
        return switch (differ.sameTree(expected, actual)) {
            // numbers written differently (1 and 1.0, 1.10 and 1.1) compare by value, as documented; DIFFERENT
            // trees that the experiment's rules (tolerance, unordered arrays) call equal are equal too
            case SAME_NUMBERS_BY_VALUE, DIFFERENT -> Verdict.MATCH;
            case IDENTICAL, UNKNOWN -> Verdict.mismatch(Diff.none(), HIDDEN_STATE);
        };
    }

    private @Nullable Object clean(@Nullable T value) {
        Function<? super T, ? extends @Nullable Object> cleaner = spec.cleaner();
        if (cleaner == null || value == null) {
            return value;
        }
        try {
            return cleaner.apply(value);
        } catch (Throwable fault) {
            faults.record(FaultSource.CLEANER, fault); // the raw value, still redacted
            return value;
        }
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
            faults.record(FaultSource.DIFFER, cause);
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
            pair = "threw " + className(candidate.exception()) + " where control threw "
                    + className(control.exception());
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
        return publishSafely(clean(value), "value");
    }

    /** The published form of a call's input: redacted (the experiment's paths) and capped, never cleaned. */
    PublishedValue publishInput(Object input) {
        return publishSafely(input, "input");
    }

    /** {@code what} names the published thing in the placeholder when the differ cannot publish it. */
    private PublishedValue publishSafely(@Nullable Object published, String what) {
        try {
            return differ.publish(published);
        } catch (Throwable fault) {
            faults.record(FaultSource.DIFFER, fault);
            return new PublishedValue(
                    PublishedValues.quote("[" + what + " not published: " + describe(fault) + "]"), false, 0, false);
        }
    }

    static String describe(Throwable fault) {
        return fault.getMessage() == null
                ? fault.getClass().getName()
                : fault.getClass().getName() + ": " + fault.getMessage();
    }
}
