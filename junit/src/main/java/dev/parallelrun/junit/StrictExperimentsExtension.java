package dev.parallelrun.junit;

import dev.parallelrun.runtime.RuntimeLaboratory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension behind {@link StrictExperiments}: sets {@value RuntimeLaboratory#STRICT_PROPERTY} to {@code true}
 * before a test class (when registered on the class) and before each test, and puts back what was there before (its
 * value, or no property) after each. Register it through the annotation, or with {@code @ExtendWith} or
 * {@code @RegisterExtension}.
 */
public final class StrictExperimentsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StrictExperimentsExtension.class);
    private static final String PREVIOUS = "previous";

    /** Makes the extension; JUnit makes it when it finds the annotation. */
    public StrictExperimentsExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        makeStrict(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restore(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        makeStrict(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(context);
    }

    private static void makeStrict(ExtensionContext context) {
        // each level keeps what it found, in its own store, so a class-level and a test-level scope nest
        context.getStore(NAMESPACE).put(PREVIOUS, new Previous(System.getProperty(RuntimeLaboratory.STRICT_PROPERTY)));
        System.setProperty(RuntimeLaboratory.STRICT_PROPERTY, "true");
    }

    private static void restore(ExtensionContext context) {
        Previous previous = context.getStore(NAMESPACE).remove(PREVIOUS, Previous.class);
        if (previous == null) {
            return;
        }
        if (previous.value() == null) {
            System.clearProperty(RuntimeLaboratory.STRICT_PROPERTY);
        } else {
            System.setProperty(RuntimeLaboratory.STRICT_PROPERTY, previous.value());
        }
    }

    /** The property's value before, {@code null} when it was not set. */
    private record Previous(@Nullable String value) {}
}
