package dev.parallelrun.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link StrictExperiments}: laboratories built during a test are strict, and the property is put back after. */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class StrictExperimentsTest {

    /** Whether each fixture's laboratory was strict, by where it was built. */
    static final Map<String, Boolean> STRICT = new ConcurrentHashMap<>();

    private String before;

    @BeforeEach
    void remember() {
        STRICT.clear();
        before = System.getProperty(RuntimeLaboratory.STRICT_PROPERTY);
        System.clearProperty(RuntimeLaboratory.STRICT_PROPERTY);
    }

    @AfterEach
    void putBack() {
        if (before == null) {
            System.clearProperty(RuntimeLaboratory.STRICT_PROPERTY);
        } else {
            System.setProperty(RuntimeLaboratory.STRICT_PROPERTY, before);
        }
    }

    @Test
    void aLaboratoryBuiltInAnAnnotatedTestIsStrictAndThePropertyIsGoneAfter() {
        Fixtures.run(OnMethod.class).testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(STRICT).containsEntry("strict test", true).containsEntry("plain test", false);
        assertThat(System.getProperty(RuntimeLaboratory.STRICT_PROPERTY)).isNull();
    }

    @Test
    void aValueSetBeforeIsPutBack() {
        System.setProperty(RuntimeLaboratory.STRICT_PROPERTY, "false");

        Fixtures.run(OnMethod.class);

        assertThat(STRICT).containsEntry("strict test", true).containsEntry("plain test", false);
        assertThat(System.getProperty(RuntimeLaboratory.STRICT_PROPERTY)).isEqualTo("false");
    }

    @Test
    void onAClassItCoversBeforeAllAndEveryTestAndIsPutBackAfterTheClass() {
        Fixtures.run(OnClass.class).testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(STRICT)
                .containsEntry("before all", true)
                .containsEntry("before each", true)
                .containsEntry("first", true)
                .containsEntry("second", true);
        assertThat(System.getProperty(RuntimeLaboratory.STRICT_PROPERTY)).isNull();
    }

    @Test
    void anExperimentThatDiffersInAStrictTestFailsItWithAMismatchException() {
        EngineExecutionResults results = Fixtures.run(Differs.class);

        results.testEvents().assertStatistics(stats -> stats.failed(1));
        Throwable thrown = results.testEvents()
                .failed()
                .list()
                .get(0)
                .getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
        assertThat(thrown)
                .isInstanceOf(MismatchException.class)
                .hasMessageStartingWith("experiment 'checkout-v2':")
                .hasMessageContaining("replace (root) 42 -> 43");
    }

    @Test
    void theAnnotationTakesTheSystemPropertiesLock() {
        List<ResourceLock> locks = AnnotationSupport.findRepeatableAnnotations(OnClass.class, ResourceLock.class);

        assertThat(locks).singleElement().satisfies(lock -> {
            assertThat(lock.value()).isEqualTo(Resources.SYSTEM_PROPERTIES);
            assertThat(lock.mode()).isEqualTo(ResourceAccessMode.READ_WRITE);
        });
    }

    private static void record(String where) {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            STRICT.put(where, lab.strict());
        }
    }

    static class OnMethod {
        @Test
        @StrictExperiments
        void strictTest() {
            record("strict test");
        }

        @Test
        void plainTest() {
            record("plain test");
        }
    }

    @StrictExperiments
    static class OnClass {
        @BeforeAll
        static void beforeAll() {
            record("before all");
        }

        @BeforeEach
        void beforeEach() {
            record("before each");
        }

        @Test
        void first() {
            record("first");
        }

        @Test
        void second() {
            record("second");
        }
    }

    static class Differs {
        @Test
        @StrictExperiments
        void checkout() {
            try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
                Experiment<Integer> checkout = lab.experiment("checkout-v2", Integer.class)
                        .sampleRate(0.0)
                        .build();
                checkout.run(() -> 42, () -> 43); // sampled although the rate is 0: strict samples every call
            }
        }
    }
}
