package dev.parallelrun.examples.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Capturing inputs costs an unsampled call nothing: the pricing experiment built as the demo builds it (capturing
 * each call's order, redacting the e-mail address), with a sampler that (practically) never samples, allocates no
 * byte per call on the caller's thread. Measured with the thread's allocation counter over 100,000 calls after
 * warm-up, with behaviors that allocate nothing themselves, so that every byte counted would be the engine's.
 */
class UnsampledCaptureTest {

    private static final int CALLS = 100_000;
    private static final Order ORDER = new Order(
            "order-1",
            "customer-1",
            "li.wei1@mail.example",
            "EUR",
            List.of(new Order.Line("mug", 2, new BigDecimal("5.00"))),
            new BigDecimal("10"));
    private static final Price PRICE = new Price(
            "EUR",
            List.of(new Price.LinePrice("mug", new BigDecimal("10.00"))),
            new BigDecimal("10.00"),
            new BigDecimal("1.00"),
            new BigDecimal("9.00"),
            Instant.EPOCH);

    private final RuntimeLaboratory lab = RuntimeLaboratory.builder().build();
    private final AtomicInteger candidateCalls = new AtomicInteger();

    @AfterEach
    void close() {
        lab.close();
    }

    private Experiment<Price> capturing(String name) {
        return lab.experiment(name, Price.class)
                .sampler(Sampler.fixed(1e-12)) // a real random sampler, not a constant "no"
                .ignorePaths("/quotedAt")
                .captureInputs()
                .redactPaths("/customerEmail")
                .build();
    }

    @Test
    void anUnsampledCallThroughWrapAllocatesNothingWhenTheExperimentCapturesInputs() {
        Function<Order, Price> price = capturing("pricing-wrap").wrap(order -> PRICE, order -> {
            candidateCalls.incrementAndGet();
            return PRICE;
        });

        double perCall = bytesPerCall(() -> price.apply(ORDER) == PRICE ? 1 : 0);

        System.out.printf("unsampled wrap, inputs captured: %.4f bytes per call%n", perCall);
        assertThat(perCall).isLessThan(8);
        assertThat(candidateCalls).hasValue(0);
    }

    @Test
    void anUnsampledRunWithTheInputOnItsCallAllocatesNothingBeyondTheCall() {
        Experiment<Price> pricing = capturing("pricing-run");
        Call call = Call.keyed(ORDER.customerId()).input(ORDER); // built once: a caller's own allocation otherwise
        Behavior<Price, RuntimeException> control = () -> PRICE;
        Behavior<Price, RuntimeException> candidate = () -> {
            candidateCalls.incrementAndGet();
            return PRICE;
        };

        double perCall = bytesPerCall(() -> pricing.run(call, control, candidate) == PRICE ? 1 : 0);

        System.out.printf("unsampled run, inputs captured: %.4f bytes per call%n", perCall);
        assertThat(perCall).isLessThan(8);
        assertThat(candidateCalls).hasValue(0);
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
        assertThat(sink).isEqualTo(4 * CALLS);
        return (double) (after - before) / CALLS;
    }
}
