package dev.parallelrun.experiment;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most a given number of sampled calls per second: the generic cell rate algorithm, lock-free, with a
 * burst of at most one second's worth of calls.
 */
final class RateLimit implements Sampler {

    private static final long SECOND = 1_000_000_000L;

    private final double perSecond;
    private final long interval;
    private final long tolerance;
    // when the next call would be due if calls came exactly every interval (the "theoretical arrival time")
    private final AtomicLong due;

    RateLimit(double perSecond) {
        this.perSecond = perSecond;
        this.interval = Math.max(1, (long) (SECOND / perSecond));
        this.tolerance = Math.max(0, SECOND - interval);
        this.due = new AtomicLong(System.nanoTime());
    }

    @Override
    public boolean sample(String experiment, Call call) {
        long now = System.nanoTime();
        while (true) {
            long current = due.get();
            long next = current - now > 0 ? current : now;
            if (next - now > tolerance) {
                return false;
            }
            if (due.compareAndSet(current, next + interval)) {
                return true;
            }
        }
    }

    @Override
    public String toString() {
        return "rateLimit(" + perSecond + "/s)";
    }
}
