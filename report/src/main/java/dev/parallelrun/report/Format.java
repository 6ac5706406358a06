package dev.parallelrun.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Numbers, rates, durations and times as the terminal and HTML reports show them (UTC, Locale.ROOT). */
final class Format {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {}

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A rate as a percentage with three decimals (the engine's form), or {@code n/a}. */
    static String rate(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.3f%%", rate * 100);
    }

    /** A share as a percentage with one decimal, or {@code n/a}. */
    static String share(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** A duration in the unit that fits: {@code 850 ns}, {@code 41.0 µs}, {@code 1.25 ms}, {@code 2.50 s}. */
    static String duration(long nanos, boolean unicode) {
        if (nanos < 0) {
            return "n/a";
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f %ss", nanos / 1e3, unicode ? "µ" : "u");
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String duration(Duration duration, long count, boolean unicode) {
        return count == 0 ? "n/a" : duration(duration.toNanos(), unicode);
    }

    static String time(@Nullable Instant time) {
        return time == null ? "n/a" : SECONDS.format(time);
    }

    /** A bucket's start: seconds for buckets shorter than a minute, minutes below a day, else the date. */
    static String bucket(Instant start, Duration width) {
        if (width.compareTo(Duration.ofMinutes(1)) < 0) {
            return SECONDS.format(start);
        }
        return width.compareTo(Duration.ofDays(1)) < 0 ? MINUTES.format(start) : DAYS.format(start);
    }

    /** {@code second}, {@code 5 seconds}, {@code minute}, {@code 10 minutes}, {@code hour}, {@code 3 days}... */
    static String bucketName(Duration width) {
        long seconds = width.toSeconds();
        if (seconds % 86_400 == 0) {
            return unit(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return unit(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return unit(seconds / 60, "minute");
        }
        return unit(seconds, "second");
    }

    private static String unit(long count, String unit) {
        return count == 1 ? unit : count + " " + unit + "s";
    }

    static String plural(long count, String one, String many) {
        return count(count) + " " + (count == 1 ? one : many);
    }

    /**
     * One failing (or passing) check, said for a reader who is not an engineer. Falls back to the check's own
     * words for a criterion this report does not know.
     */
    static String plainly(Verdict.Check check) {
        String criterion = check.criterion();
        int colon = criterion.lastIndexOf(": ");
        String candidate = colon < 0 ? "" : criterion.substring(0, colon + 2);
        String actual = check.actual();
        String must = " (must be " + check.requirement() + ")";
        String text = switch (check.kind()) {
            case SAMPLES ->
                check.passed()
                        ? actual + " calls were compared, enough to judge (" + check.requirement() + ")"
                        : "only " + actual + " calls have been compared so far; the verdict needs "
                                + check.requirement();
            case MISMATCH_RATE -> "the new code gave a different answer on " + actual + " of compared calls" + must;
            case ERROR_RATE -> "the new code failed or timed out on " + actual + " of its calls" + must;
            case LATENCY ->
                actual.equals("unknown")
                        ? "the latency of the slowest 1% of calls is unknown" + must
                        : "the slowest 1% of calls take " + actual + " the time of the old code" + must;
            case SKIPPED_SHARE ->
                "the new code was skipped, not compared, on " + actual + " of the sampled runs" + must;
            case OTHER -> criterion + " is " + actual + must;
        };
        String note = check.note();
        return (check.kind() == Verdict.Kind.OTHER ? "" : candidate) + text + (note == null ? "" : ": " + note);
    }
}
