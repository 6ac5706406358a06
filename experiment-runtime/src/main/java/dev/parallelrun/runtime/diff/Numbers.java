package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Numbers compared by the value their JSON text shows: {@code 1}, {@code 1L}, {@code 1.0} and
 * {@code BigDecimal("1.10")} equal {@code BigDecimal("1.1")}, and the double {@code 0.1} equals
 * {@code BigDecimal("0.1")} (its shortest decimal form, as JSON writes it), not the binary fraction behind it.
 * {@code NaN} equals {@code NaN}; {@code 0.0} equals {@code -0.0}.
 */
final class Numbers {

    /** Integers up to this magnitude are exact as doubles. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    private Numbers() {}

    /** True when two number nodes have the same value. */
    static boolean equal(JsonNode a, JsonNode b) {
        NumberType ta = a.numberType();
        NumberType tb = b.numberType();
        boolean longA = ta == NumberType.INT || ta == NumberType.LONG;
        boolean longB = tb == NumberType.INT || tb == NumberType.LONG;
        if (longA && longB) {
            return a.longValue() == b.longValue();
        }
        if (ta == NumberType.DOUBLE && tb == NumberType.DOUBLE) {
            return sameDouble(a.doubleValue(), b.doubleValue());
        }
        if (longA && tb == NumberType.DOUBLE) {
            return integralEqual(a.longValue(), b.doubleValue());
        }
        if (ta == NumberType.DOUBLE && longB) {
            return integralEqual(b.longValue(), a.doubleValue());
        }
        return slowEqual(a, b);
    }

    private static boolean sameDouble(double x, double y) {
        return x == y || (Double.isNaN(x) && Double.isNaN(y));
    }

    private static boolean integralEqual(long l, double d) {
        if (Math.abs(l) <= EXACT_IN_DOUBLE) {
            return d == (double) l;
        }
        return Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(BigDecimal.valueOf(l)) == 0;
    }

    private static boolean slowEqual(JsonNode a, JsonNode b) {
        boolean finiteA = isFinite(a);
        boolean finiteB = isFinite(b);
        if (!finiteA || !finiteB) {
            return !finiteA && !finiteB && sameDouble(a.doubleValue(), b.doubleValue());
        }
        return decimal(a).compareTo(decimal(b)) == 0;
    }

    private static boolean isFinite(JsonNode n) {
        NumberType type = n.numberType();
        return (type != NumberType.DOUBLE && type != NumberType.FLOAT) || Double.isFinite(n.doubleValue());
    }

    /** The value as its JSON text reads: floats and doubles by their shortest decimal form. */
    private static BigDecimal decimal(JsonNode n) {
        return switch (n.numberType()) {
            case INT, LONG -> BigDecimal.valueOf(n.longValue());
            case BIG_INTEGER -> new BigDecimal(n.bigIntegerValue());
            case FLOAT -> new BigDecimal(Float.toString(n.floatValue()));
            case DOUBLE -> BigDecimal.valueOf(n.doubleValue());
            case BIG_DECIMAL -> n.decimalValue();
            case null -> BigDecimal.valueOf(n.doubleValue());
        };
    }

    /**
     * The value as the nearest double, the same for equal values of any type (each conversion rounds the same
     * decimal value correctly): what tolerances compare and what hashes are made of.
     */
    static double toDouble(JsonNode n) {
        double d = n.numberType() == NumberType.FLOAT
                ? Double.parseDouble(Float.toString(n.floatValue()))
                : n.doubleValue();
        return d == 0.0 ? 0.0 : d; // -0.0 equals 0.0
    }

    /** A hash consistent with {@link #equal}. */
    static int hash(JsonNode n) {
        return Double.hashCode(toDouble(n));
    }
}
