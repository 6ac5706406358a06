package dev.parallelrun.junit;

import static dev.parallelrun.junit.Fixtures.MISMATCHES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.junit.Fixtures.Order;
import dev.parallelrun.junit.Fixtures.Price;
import dev.parallelrun.junit.MismatchSource.Unreadable;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** {@link MismatchSource} as a test sees it, through fixture classes run by JUnit's test kit. */
class MismatchSourceTest {

    private static final String A = "5c7d4a9afa1c5b0f";
    private static final String B = "0b3e9f2a7c1d4e58";

    /** What each fixture test was called with. */
    static final List<List<Object>> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        RECEIVED.clear();
    }

    @Test
    void casesComePerSignatureGroupLargestFirstWithAtMostNDistinctInputsEach() {
        EngineExecutionResults results = run("groups");

        results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
        assertThat(displayNames(results))
                .containsExactly(
                        "[1] " + A + " #1 of 6, key c-1 (2026-a.jsonl:2)",
                        "[2] " + A + " #2 of 6, key c-2 (2026-a.jsonl:4)",
                        "[3] " + A + " #3 of 6, key c-6 (2026-b.jsonl:1)",
                        "[4] " + B + " #1 of 3, key c-3 (2026-a.jsonl:5)",
                        "[5] " + B + " #2 of 3, key c-8 (2026-b.jsonl:3)",
                        "[6] " + B + " #3 of 3, key c-9, candidate 'fast' (2026-b.jsonl:4)");
        assertThat(RECEIVED)
                .extracting(args -> ((Order) args.get(0)).id())
                .containsExactly("o-1", "o-2", "o-6", "o-3", "o-8", "o-9");
    }

    @Test
    void eachCaseCarriesTheInputAndTheControlValueAsTheTestsTypesAndTheRecord() {
        run("groups");

        List<Object> first = RECEIVED.get(0);
        // the recorded 19.90 and 39.80 keep their scale
        assertThat(first.get(0)).isEqualTo(new Order("o-1", 2, new BigDecimal("19.90")));
        assertThat(first.get(1)).isEqualTo(new Price(new BigDecimal("39.80")));
        RecordedMismatch recorded = (RecordedMismatch) first.get(2);
        assertThat(recorded.experiment()).isEqualTo("pricing-v2");
        assertThat(recorded.candidate()).isEqualTo("candidate");
        assertThat(recorded.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(recorded.signature()).isEqualTo(A);
        assertThat(recorded.key()).isEqualTo("c-1");
        assertThat(recorded.context()).containsEntry("order", "o-1");
        assertThat(recorded.line()).isEqualTo(2);
        assertThat(recorded.file()).isAbsolute().endsWith(java.nio.file.Path.of("groups", "2026-a.jsonl"));
        assertThat(recorded.inputJson()).isEqualTo("{\"id\":\"o-1\",\"quantity\":2,\"unitPrice\":19.90}");
        assertThat(recorded.controlJson()).isEqualTo("{\"total\":39.80}");
        assertThat(recorded.differences()).containsExactly("replace /total 2 -> 1");
        assertThat(recorded.time()).hasToString("2026-11-25T10:15:30.123Z");
    }

    @Test
    void signaturesOutcomesCandidateAndExamplesSelectTheCases() {
        assertThat(idsOf("oneSignature")).containsExactly("o-3", "o-8", "o-9");
        assertThat(idsOf("everyExample")).containsExactly("o-1", "o-2", "o-6", "o-7", "o-9", "o-3", "o-8", "o-9");
        assertThat(idsOf("oneCandidate")).containsExactly("o-9");
        EngineExecutionResults timeouts = run("timeouts");
        assertThat(displayNames(timeouts)).containsExactly("[1] TIMED_OUT #1 of 1, key c-5 (2026-a.jsonl:8)");
    }

    @Test
    void aRecordAloneAndJUnitsOwnParametersAfterTheInputWork() {
        run("recordOnly").testEvents().assertStatistics(stats -> stats.succeeded(6));
        assertThat(RECEIVED).allSatisfy(args -> assertThat(args.get(0)).isInstanceOf(RecordedMismatch.class));

        RECEIVED.clear();
        run("inputAndTestInfo").testEvents().assertStatistics(stats -> stats.succeeded(6));
        assertThat(RECEIVED).allSatisfy(args -> {
            assertThat(args.get(0)).isInstanceOf(Order.class);
            assertThat(((TestInfo) args.get(1)).getDisplayName()).startsWith("[");
        });
    }

    @Test
    void unreadableLinesFailTheTestListingEachWithItsFileLineAndWhy() {
        EngineExecutionResults results = run("badLines");

        results.testEvents().assertStatistics(stats -> stats.started(0));
        String message = containerFailure(results);
        String file = "src/test/resources/mismatches/bad/bad.jsonl";
        assertThat(message)
                .startsWith("@MismatchSource(experiment = \"pricing-v2\"): 7 lines cannot be replayed:")
                .contains(file + ":2: not JSON: Unrecognized token 'this'")
                .contains(file + ":3: a result without \"experiment\"")
                .contains(file + ":4: " + MismatchReader.NO_INPUT)
                .contains(file + ":5: the input does not deserialize to dev.parallelrun.junit.Fixtures$Order: Cannot"
                        + " deserialize value of type `int` from String \"many\"")
                .contains("(at /quantity)")
                .contains(file + ":6: schema 3: this version reads schemas [1, 2]")
                .contains(file + ":7: a result without a \"candidates\" array")
                .contains(file + ":8: the input does not deserialize")
                .contains("the input is redacted at /id, /quantity (the experiment's redactPaths)")
                .contains("unreadable = Unreadable.REPORT")
                .doesNotContain(":1:")
                .doesNotContain(":9:"); // the torn last line is skipped, as the format says
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void reportModeReplaysTheReadableLinesAndPublishesTheOthers() {
        EngineExecutionResults results = run("badLinesReported");

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class)
                        .getKeyValuePairs()
                        .get("parallel-run"))
                .toList();
        assertThat(entries)
                .anySatisfy(entry -> assertThat(entry)
                        .startsWith("@MismatchSource(experiment = \"pricing-v2\"): 7 lines cannot be replayed:")
                        .contains("bad.jsonl:2: not JSON"));
        assertThat(entries)
                .anySatisfy(entry ->
                        assertThat(entry).contains("bad.jsonl:9: the last line has no end of line and does not parse"));
    }

    @Test
    void linesWithoutARecordedInputSayTheExperimentMustCaptureInputs() {
        String message = containerFailure(run("oldFile"));

        assertThat(message)
                .contains("2 lines cannot be replayed")
                .contains("schema-1.jsonl:1: no \"input\"")
                .contains("schema-1.jsonl:2: no \"input\"")
                .contains("captureInputs()");
    }

    @Test
    void anInputCutByTheSizeCapIsReportedAsOneThatCannotBeReplayed() {
        EngineExecutionResults results = run("cutInput");

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(RECEIVED).singleElement().isEqualTo(List.of(new Order("o-1", 2, new BigDecimal("19.90"))));
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class)
                        .getKeyValuePairs()
                        .get("parallel-run"))
                .toList();
        assertThat(entries)
                .singleElement()
                .asString()
                .contains("1 line cannot be replayed")
                .contains("cut.jsonl:2: the input was cut by the experiment's size cap (maxValueChars)");
    }

    @Test
    void theDefaultMapperAcceptsUnknownPropertiesAndANamedMapperIsUsed() {
        run("defaultMapper").testEvents().assertStatistics(stats -> stats.succeeded(2));
        RecordedMismatch threw = (RecordedMismatch) RECEIVED.get(1).get(2);
        assertThat(RECEIVED.get(1).get(1)).isNull();
        assertThat(threw.controlException()).isEqualTo("java.lang.IllegalStateException: no stock");
        assertThat(threw.controlJson()).isNull();

        assertThat(containerFailure(run("namedMapper")))
                .contains("extra.jsonl:1: the input does not deserialize")
                .contains("Unrecognized field \"weight\"");
    }

    @Test
    void filesWithNothingToReplayFailSayingWhatWasReadUnlessZeroInvocationsAreAllowed() {
        assertThat(containerFailure(run("nothingToReplay")))
                .isEqualTo("@MismatchSource(experiment = \"checkout-v3\"): nothing to replay. Read 2 files, 11 result"
                        + " lines (per experiment: {pricing-v2=10, receipt-v2=1}). Use"
                        + " @ParameterizedTest(allowZeroInvocations = true) when that is expected.");
        assertThat(containerFailure(run("noSuchGroup")))
                .contains("0 candidate results of 'pricing-v2' had outcome [MISMATCH], signature [ffffffffffffffff].");
        run("zeroAllowed").containerEvents().assertStatistics(stats -> stats.failed(0));
    }

    @Test
    void aMissingPathAndBadAttributesAreNamed() {
        assertThat(containerFailure(run("missingDirectory")))
                .contains("no such file or directory: ")
                .contains("src/test/resources/mismatches/nowhere")
                .contains("a relative path resolves against the working directory");
        assertThat(containerFailure(run("badAttributes")))
                .isEqualTo("@MismatchSource(experiment = \"\"): experiment must not be empty; examples must be at"
                        + " least 1, was 0; signatures: 'A1' is not a signature (16 lowercase hex characters)");
        assertThat(containerFailure(run("noParameter"))).contains("the test takes no parameter for the recorded input");
    }

    /** Runs the fixture test named {@code fixture} of {@link Replays} alone. */
    private static EngineExecutionResults run(String fixture) {
        return Fixtures.run(Replays.class, fixture);
    }

    private static List<String> idsOf(String fixture) {
        RECEIVED.clear();
        run(fixture).testEvents().assertStatistics(stats -> stats.failed(0));
        return RECEIVED.stream().map(args -> ((Order) args.get(0)).id()).toList();
    }

    private static List<String> displayNames(EngineExecutionResults results) {
        return results.testEvents().started().stream()
                .map(event -> event.getTestDescriptor().getDisplayName())
                .toList();
    }

    /** The message of the one failed container: the parameterized test. */
    private static String containerFailure(EngineExecutionResults results) {
        List<Event> failed = results.containerEvents().failed().list();
        assertThat(failed).hasSize(1);
        Throwable thrown = failed.get(0)
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
        assertThat(thrown).isInstanceOf(MismatchSourceException.class);
        return thrown.getMessage();
    }

    /**
     * The fixture tests, one per case, each run alone by {@link #run(String)}. Their bodies are empty: what each was
     * called with is recorded on the way in.
     */
    @ExtendWith(RecordArguments.class)
    static class Replays {
        static ObjectMapper strictMapper() {
            return JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
        }

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2")
        void groups(Order order, Price control, RecordedMismatch recorded) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2", signatures = B)
        void oneSignature(Order order) {}

        @ParameterizedTest
        @MismatchSource(
                files = {MISMATCHES + "/groups/2026-a.jsonl", MISMATCHES + "/groups/2026-b.jsonl"},
                experiment = "pricing-v2",
                examples = MismatchSource.ALL)
        void everyExample(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2", candidate = "fast")
        void oneCandidate(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2", outcomes = Outcome.TIMED_OUT)
        void timeouts(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2")
        void recordOnly(RecordedMismatch recorded) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2")
        void inputAndTestInfo(Order order, TestInfo info) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/bad", experiment = "pricing-v2")
        void badLines(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/bad", experiment = "pricing-v2", unreadable = Unreadable.REPORT)
        void badLinesReported(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/old", experiment = "pricing-v2")
        void oldFile(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/extra", experiment = "pricing-v2")
        void defaultMapper(Order order, Price control, RecordedMismatch recorded) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/extra", experiment = "pricing-v2", mapper = "strictMapper")
        void namedMapper(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "checkout-v3")
        void nothingToReplay(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2", signatures = "ffffffffffffffff")
        void noSuchGroup(Order order) {}

        @ParameterizedTest(allowZeroInvocations = true)
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "checkout-v3")
        void zeroAllowed(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/cut", experiment = "pricing-v2", unreadable = Unreadable.REPORT)
        void cutInput(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/nowhere", experiment = "pricing-v2")
        void missingDirectory(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "", examples = 0, signatures = "A1")
        void badAttributes(Order order) {}

        @ParameterizedTest
        @MismatchSource(files = MISMATCHES + "/groups", experiment = "pricing-v2")
        void noParameter() {}
    }

    /** Adds the arguments of each fixture invocation to {@link #RECEIVED}, nulls included. */
    static final class RecordArguments implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(
                Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext,
                ExtensionContext extensionContext)
                throws Throwable {
            RECEIVED.add(Collections.unmodifiableList(new ArrayList<>(invocationContext.getArguments())));
            invocation.proceed();
        }
    }
}
