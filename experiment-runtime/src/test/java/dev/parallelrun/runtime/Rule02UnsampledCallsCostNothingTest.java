package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Sampler;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rule 2 of CONTRACT.md: when the sampler says no, the control runs and nothing else happens. Measured with the
 * calling thread's allocation counter over 100,000 calls with pre-built behaviors, after warm-up.
 */
class Rule02UnsampledCallsCostNothingTest {

    private static final int CALLS = 100_000;
    private static final Integer VALUE = 4711;

    private final RecordingPublisher published = new RecordingPublisher();
    private final RuntimeLaboratory lab =
            RuntimeLaboratory.builder().publisher(published).build();
    private final AtomicInteger candidateCalls = new AtomicInteger();

    @AfterEach
    void close() {
        lab.close();
    }

    private Experiment<Integer> unsampled(String name) {
        // a real random sampler that (practically) never samples, not a constant "no"
        return lab.experiment(name, Integer.class).sampler(Sampler.fixed(1e-12)).build();
    }

    @Test
    void unsampledRunAllocatesNothing() {
        Experiment<Integer> experiment = unsampled("unsampled-run");
        Behavior<Integer, RuntimeException> control = () -> VALUE;
        Behavior<Integer, RuntimeException> candidate = () -> candidateCalls.incrementAndGet();
        double perCall = bytesPerCall(() -> experiment.run(control, candidate));
        System.out.printf("unsampled run: %.4f bytes per call%n", perCall);
        assertThat(perCall).isLessThan(8);
        assertThat(candidateCalls).hasValue(0);
    }

    @Test
    void unsampledKeyedRunAllocatesNothing() {
        Experiment<Integer> experiment = lab.experiment("unsampled-keyed", Integer.class)
                .sampler(Sampler.keyed(0.0))
                .build();
        Call call = Call.keyed("customer-42").with("order", "A-17");
        Behavior<Integer, RuntimeException> control = () -> VALUE;
        Behavior<Integer, RuntimeException> candidate = () -> candidateCalls.incrementAndGet();
        double perCall = bytesPerCall(() -> experiment.run(call, control, candidate));
        System.out.printf("unsampled keyed run: %.4f bytes per call%n", perCall);
        assertThat(perCall).isLessThan(8);
        assertThat(candidateCalls).hasValue(0);
    }

    @Test
    void unsampledWrappedFunctionAllocatesNothing() {
        Function<Integer, Integer> wrapped =
                unsampled("unsampled-wrap").wrap(x -> x, x -> candidateCalls.incrementAndGet());
        double perCall = bytesPerCall(() -> wrapped.apply(VALUE));
        System.out.printf("unsampled wrap: %.4f bytes per call%n", perCall);
        assertThat(perCall).isLessThan(8);
        assertThat(candidateCalls).hasValue(0);
    }

    @Test
    void pausedLaboratoryRunsControlOnlyAndAllocatesNothing() {
        Experiment<Integer> experiment =
                lab.experiment("paused", Integer.class).sampleRate(1.0).build();
        lab.pause();
        Behavior<Integer, RuntimeException> control = () -> VALUE;
        Behavior<Integer, RuntimeException> candidate = () -> candidateCalls.incrementAndGet();
        double perCall = bytesPerCall(() -> experiment.run(control, candidate));
        assertThat(perCall).isLessThan(8);
        assertThat(candidateCalls).hasValue(0);
        assertThat(lab.publishingStats().published()).isZero();
    }

    @Test
    void unsampledCallReadsNoClockOfTheLaboratory() {
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock counting = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                reads.incrementAndGet();
                return java.time.Instant.EPOCH;
            }
        };
        try (RuntimeLaboratory clocked =
                RuntimeLaboratory.builder().clock(counting).build()) {
            Experiment<Integer> experiment = clocked.experiment("no-clock", Integer.class)
                    .sampler(Sampler.never())
                    .expiresOn(java.time.LocalDate.parse("2100-01-01"))
                    .build();
            long afterBuild = reads.get();
            for (int i = 0; i < CALLS; i++) {
                experiment.run(() -> VALUE, () -> candidateCalls.incrementAndGet());
            }
            assertThat(reads.get()).isEqualTo(afterBuild);
        }
    }

    @Test
    void unsampledCallStartsNoThreadAndPublishesNothing() {
        Experiment<Integer> experiment = unsampled("no-thread");
        int before = Thread.activeCount();
        for (int i = 0; i < CALLS; i++) {
            experiment.run(() -> VALUE, () -> candidateCalls.incrementAndGet());
        }
        assertThat(candidateCalls).hasValue(0);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before);
        assertThat(experiment.stats().sampled()).isZero();
        assertThat(published.results).isEmpty();
    }

    /** Average bytes the current thread allocates per call of {@code call}, after warming it up. */
    private static double bytesPerCall(IntSupplier call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < 3 * CALLS; i++) { // warm-up: let the JIT compile and inline the path
            sink += call.getAsInt();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            sink += call.getAsInt();
        }
        long after = threads.getCurrentThreadAllocatedBytes();
        assertThat(sink).isNotZero();
        return (double) (after - before) / CALLS;
    }
}
