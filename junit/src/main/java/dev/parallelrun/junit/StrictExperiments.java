package dev.parallelrun.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Makes the laboratories built during a test strict, so that every experiment the code under test builds in them
 * fails the test on anything but a match (a {@code MismatchException}), samples every call and makes the caller wait
 * for the comparison. Production configuration is not touched: {@link StrictExperimentsExtension} sets the system
 * property {@code parallelrun.strict} ({@code RuntimeLaboratory.STRICT_PROPERTY}) to {@code true} for the test and
 * restores it afterwards.
 *
 * {@snippet :
 * @StrictExperiments
 * class CheckoutTest {
 *     @Test
 *     void checkoutPricesLikeLegacy() {
 *         Checkout checkout = new Checkout(RuntimeLaboratory.builder().build());  // strict: built in the test
 *         checkout.price(order);                      // throws MismatchException if the engines differ
 *     }
 * }
 * }
 *
 * <p>On a method, it covers that test: its {@code @BeforeEach} methods, the test, its {@code @AfterEach} methods.
 * On a class, it covers the whole class, {@code @BeforeAll} and {@code @AfterAll} methods included (and its
 * {@code @Nested} classes).
 *
 * <p>What it cannot reach, since the engine reads the property once, when a laboratory is built:
 * <ul>
 *   <li>a laboratory built before (a static field, an application context cached across test classes) stays as it
 *       was built;</li>
 *   <li>an experiment built with {@code strict(false)}, or changed by the laboratory's customizer, keeps its own
 *       setting.</li>
 * </ul>
 *
 * <p>The property is global to the JVM: the annotation takes JUnit's {@link Resources#SYSTEM_PROPERTIES} lock, so
 * under parallel execution it never runs beside another test that declares that lock; a test running beside it
 * that builds a laboratory without declaring it would see the property too.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StrictExperimentsExtension.class)
@ResourceLock(Resources.SYSTEM_PROPERTIES)
public @interface StrictExperiments {}
