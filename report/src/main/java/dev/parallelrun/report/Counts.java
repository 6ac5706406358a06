package dev.parallelrun.report;

import dev.parallelrun.experiment.Outcome;
import java.util.EnumMap;
import java.util.Map;

/** Small helpers for the arrays of counts the aggregation keeps. */
final class Counts {

    private Counts() {}

    /** A new array: {@code a + b}, element by element. */
    static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /** The outcome counts at {@code offset} of {@code counts}, in outcome order, as a map. */
    static Map<Outcome, Long> outcomes(long[] counts, int offset) {
        Map<Outcome, Long> map = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            map.put(outcome, counts[offset + outcome.ordinal()]);
        }
        return map;
    }
}
