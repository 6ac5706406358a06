package dev.parallelrun.junit;

import dev.parallelrun.experiment.Outcome;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Feeds a {@code @ParameterizedTest} with the mismatches an experiment recorded in JSON Lines files (the
 * {@code publisher-json-lines} format): one test case per recorded call, a few per signature group, each with the
 * call's input and the control's value as they were published.
 *
 * {@snippet :
 * @ParameterizedTest
 * @MismatchSource(files = "src/test/resources/mismatches", experiment = "pricing-v2")
 * void engineMatchesLegacy(Order order) {
 *     ParallelRunAssertions.assertMatches(order, legacy::price, engine::price);
 * }
 * }
 *
 * <p>The test's parameters, in order:
 * <ol>
 *   <li>the call's recorded input, deserialized to the parameter's (generic) type;</li>
 *   <li>optionally, the control's recorded value, deserialized to the parameter's type ({@code null} when the
 *       control threw: {@link RecordedMismatch#controlException()} says what);</li>
 *   <li>a parameter of type {@link RecordedMismatch}, in any of the first three places, gets the whole record
 *       (signature, key, file and line, differences, the JSON texts).</li>
 * </ol>
 * Further parameters ({@code TestInfo}, {@code @TempDir}, ...) are left to JUnit's other resolvers.
 *
 * <p>What a test may rely on:
 * <ul>
 *   <li>Cases come per signature group (the same outcome and signature, as the report groups them), the largest
 *       group first, at most {@link #examples()} distinct inputs each, in file order (files sorted by path; the
 *       writer's file names sort by time). Each case's display name is its signature (or outcome), its key and
 *       its file and line.</li>
 *   <li>A line that cannot be replayed is never dropped in silence: a line that is not JSON, lacks a field the
 *       format requires, has no recorded input (the experiment must be built with
 *       {@code ExperimentBuilder.captureInputs()}), or whose input or control value does not deserialize, is
 *       reported with its file, line and reason. By default ({@link Unreadable#FAIL}) the test fails, listing
 *       them all; {@link Unreadable#REPORT} replays the rest and publishes them as report entries.</li>
 *   <li>Files with nothing to replay fail the test, saying what was read, unless the test allows it with
 *       {@code @ParameterizedTest(allowZeroInvocations = true)}.</li>
 *   <li>A file's last line that lacks its {@code \n} and does not parse is a line being written (or cut by a
 *       kill): it is skipped, as the format tells every reader to, and said in a report entry.</li>
 * </ul>
 *
 * <p>Needs JUnit Jupiter 5.13 or later.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(MismatchArgumentsProvider.class)
public @interface MismatchSource {

    /** The value of {@link #examples()} that replays every distinct input of each group. */
    int ALL = Integer.MAX_VALUE;

    /**
     * JSON Lines files, or directories whose {@code .jsonl} files (in subdirectories too) are read. A relative
     * path resolves against the working directory: the project's (module's) directory under Maven and Gradle.
     */
    String[] files();

    /** The experiment whose results are replayed; lines of other experiments are passed over. */
    String experiment();

    /** The signature groups to replay (16 hex characters each, as the report shows them); empty for every group. */
    String[] signatures() default {};

    /**
     * The candidate outcomes to replay; default mismatches. {@code TIMED_OUT} and {@code COMPARISON_FAILED}
     * carry no signature and form one group each.
     */
    Outcome[] outcomes() default {Outcome.MISMATCH};

    /** The candidate whose results are replayed; empty for every candidate. */
    String candidate() default "";

    /** At most this many distinct inputs per signature group, at least 1; {@link #ALL} for every one. */
    int examples() default 3;

    /**
     * The Jackson mapper that reads inputs and control values: the name of a static method without parameters
     * returning an {@code ObjectMapper}, in the test class ({@code "replayMapper"}) or in another
     * ({@code "com.example.Mappers#pricing"}). Give the mapper the application's laboratory uses
     * ({@code RuntimeLaboratory.Builder.objectMapper}) when it has one. Default: the engine's default mapper (the
     * jdk8 and jsr310 modules, ISO-8601 dates), which also accepts properties the type does not have.
     */
    String mapper() default "";

    /** What to do with lines that cannot be replayed; default {@link Unreadable#FAIL}. */
    Unreadable unreadable() default Unreadable.FAIL;

    /** What {@link MismatchSource} does with a line it cannot replay. */
    enum Unreadable {
        /** Fails the parameterized test, listing every such line with its file, line and reason. */
        FAIL,
        /**
         * Replays the other lines, and lists every such line in a report entry of the test (and a warning through
         * {@code System.Logger}).
         */
        REPORT
    }
}
