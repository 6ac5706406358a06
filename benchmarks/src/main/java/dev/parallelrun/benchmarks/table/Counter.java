package dev.parallelrun.benchmarks.table;

/**
 * A counter as the table shows it: a count, or a rate per second.
 *
 * @param shown the count, or the rate per second
 * @param rate whether it is a rate
 */
record Counter(double shown, boolean rate) {

    /** From a secondary result's score and unit: {@code #}, {@code ops/s} (a rate), {@code ns/op} (its inverse). */
    static Counter of(double score, String unit) {
        int slash = unit.indexOf('/');
        if (slash < 0) {
            return new Counter(score, false);
        }
        String over = unit.substring(slash + 1);
        if (over.equals("op")) { // time per counted operation: invert
            double seconds = secondsIn(unit.substring(0, slash));
            // an iteration that counted nothing took an infinite time per operation: a rate of 0
            return new Counter(score > 0 && !Double.isNaN(seconds) ? 1 / (score * seconds) : Double.NaN, true);
        }
        double seconds = secondsIn(over);
        return new Counter(Double.isNaN(seconds) ? score : score / seconds, !Double.isNaN(seconds));
    }

    private static double secondsIn(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }
}
