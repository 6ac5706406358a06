package dev.parallelrun.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** What the fixture tests run on: the recorded types and a way to run a fixture class in JUnit. */
final class Fixtures {

    /** Where the hand-written JSON Lines fixtures are, relative to the module's directory (the working directory). */
    static final String MISMATCHES = "src/test/resources/mismatches";

    private Fixtures() {}

    /** What the recorded calls took. */
    record Order(String id, int quantity, BigDecimal unitPrice) {}

    /** What the recorded calls returned. */
    record Price(BigDecimal total) {}

    /** Runs {@code fixture}'s tests in a JUnit Jupiter engine of their own. */
    static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute();
    }

    /** Runs the test of {@code fixture} named {@code method} alone, in a JUnit Jupiter engine of its own. */
    static EngineExecutionResults run(Class<?> fixture, String method) {
        Method test = Arrays.stream(fixture.getDeclaredMethods())
                .filter(m -> m.getName().equals(method))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(fixture.getSimpleName() + " has no test " + method));
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(fixture, test))
                .execute();
    }
}
