package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.publisher.contract.SampleResults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every field of a {@code result} line, as FORMAT.md defines it. */
class ResultLineTest {

    @TempDir
    Path directory;

    private List<JsonNode> publish(boolean everyResult, Result<?>... results) {
        try (JsonLinesPublisher publisher =
                JsonLinesPublisher.builder(directory).everyResult(everyResult).build()) {
            for (Result<?> result : results) {
                publisher.publish(result);
            }
        }
        return Lines.read(directory);
    }

    private JsonNode only(Result<?> result) {
        List<JsonNode> lines = publish(false, result);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Test
    void everyLineCarriesSchemaTypeTimeExperimentHostAndJvm() {
        JsonNode line = only(SampleResults.mismatch());

        assertThat(line.get("schema").isInt()).isTrue();
        assertThat(line.get("schema").asInt()).isEqualTo(2).isEqualTo(JsonLinesPublisher.SCHEMA);
        assertThat(line.get("type").asText()).isEqualTo("result");
        assertThat(line.get("time").asText()).isEqualTo("2026-11-25T10:15:30.123Z");
        assertThat(line.get("experiment").asText()).isEqualTo(SampleResults.EXPERIMENT);
        assertThat(line.get("host").asText())
                .isEqualTo(JsonLinesPublisher.hostName())
                .isNotBlank();
        assertThat(line.get("jvm").asText()).matches(ProcessHandle.current().pid() + "-[0-9a-f]{8}");
    }

    @Test
    void timeIsTheCallsStartInUtcWithMilliseconds() {
        Result<Object> base = SampleResults.mismatch();
        Instant whole = Instant.parse("2027-01-02T03:04:05Z");
        Result<Object> atWholeSecond = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                whole,
                base.control(),
                base.candidates(),
                null,
                null,
                false);

        assertThat(only(atWholeSecond).get("time").asText()).isEqualTo("2027-01-02T03:04:05.000Z");
    }

    @Test
    void oneJvmIdPerPublisherAndDifferentAcrossPublishers() {
        publish(false, SampleResults.mismatch(), SampleResults.mismatch());
        publish(false, SampleResults.mismatch());

        List<String> jvms =
                Lines.read(directory).stream().map(n -> n.get("jvm").asText()).toList();
        assertThat(jvms).hasSize(3);
        assertThat(jvms.stream().distinct()).hasSize(2);
    }

    @Test
    void keyAndContextAreWrittenAndAbsentOptionalFieldsAreLeftOut() {
        JsonNode line = only(SampleResults.mismatch());

        assertThat(line.get("key").asText()).isEqualTo("customer-42");
        assertThat(line.get("context")).isEqualTo(Lines.tree("{\"order\":\"A-17\"}"));
        assertThat(line.get("expired").asBoolean()).isFalse();
        assertThat(line.has("traceId")).isFalse();
        assertThat(line.has("spanId")).isFalse();
        assertThat(line.has("expiresOn")).isFalse();
        assertThat(line.has("input")).as("no input captured: none written").isFalse();
        assertThat(line.has("inputTruncated")).isFalse();
        assertThat(line.has("inputLength")).isFalse();
        assertThat(line.toString()).doesNotContain("null");
    }

    @Test
    void aCapturedInputIsWrittenAsTheJsonItWasPublishedAsBeforeTheControl() {
        String input = "{\"id\":\"A-17\",\"total\":19.90,\"card\":\"[REDACTED]\",\"lines\":[{\"sku\":\"A-1\"}]}";
        publish(false, withInput(SampleResults.mismatch(), new PublishedValue(input, false, input.length(), true)));
        String text = Lines.texts(directory).get(0);
        JsonNode line = Lines.parse(text);

        assertThat(text).contains("\"input\":" + input + ",\"control\":");
        assertThat(line.get("input").get("total").decimalValue()).isEqualByComparingTo("19.90");
        assertThat(line.has("inputTruncated")).isFalse();
        assertThat(line.has("inputLength")).isFalse();
        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsSubsequence("expired", "input", "control", "candidates");
    }

    @Test
    void aNullInputIsTheJsonNullAndAnInputThatIsNotJsonIsWrittenAsAString() {
        publish(
                false,
                withInput(SampleResults.mismatch(), new PublishedValue("null", false, 4, true)),
                withInput(SampleResults.mismatch(), new PublishedValue("Order[id=A-17", false, 13, false)));
        List<JsonNode> lines = Lines.read(directory);

        assertThat(lines.get(0).get("input").isNull()).isTrue();
        assertThat(lines.get(1).get("input").asText()).isEqualTo("Order[id=A-17");
    }

    @Test
    void aCutInputSaysSoAndHowLongItWasAsACutValueDoes() {
        String cut = "\"{\\\"id\\\":\\\"A-17\\\",\\\"li" + PublishedValue.ELLIPSIS + "\"";
        JsonNode line = only(withInput(SampleResults.mismatch(), new PublishedValue(cut, true, 40_000, true)));

        assertThat(line.get("input").isTextual()).isTrue();
        assertThat(line.get("input").asText()).startsWith("{\"id\":\"A-17\"").endsWith(PublishedValue.ELLIPSIS);
        assertThat(line.get("inputTruncated").asBoolean()).isTrue();
        assertThat(line.get("inputLength").asInt()).isEqualTo(40_000);
    }

    @Test
    void aMultiLineInputIsWrittenOnOneLine() {
        String input = "{\n  \"id\": \"A-17\",\n  \"note\": \"line one\\nline two\"\n}";
        publish(false, withInput(SampleResults.mismatch(), new PublishedValue(input, false, input.length(), true)));

        assertThat(Lines.texts(directory)).hasSize(1);
        assertThat(Lines.read(directory).get(0).get("input"))
                .isEqualTo(Lines.tree("{\"id\":\"A-17\",\"note\":\"line one\\nline two\"}"));
    }

    private static Result<Object> withInput(Result<Object> base, PublishedValue input) {
        return new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                base.candidates(),
                base.trace(),
                base.expiresOn(),
                base.expired(),
                input);
    }

    @Test
    void contextKeepsItsOrderAndAnEmptyContextIsAnEmptyObject() {
        Result<Object> base = SampleResults.mismatch();
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("z", "1");
        ordered.put("a", "2");
        ordered.put("m", "3");
        Result<Object> withContext = new Result<>(
                base.experiment(),
                Call.none(),
                ordered,
                base.startedAt(),
                base.control(),
                base.candidates(),
                null,
                null,
                false);
        Result<Object> without = new Result<>(
                base.experiment(),
                Call.none(),
                Map.of(),
                base.startedAt(),
                base.control(),
                base.candidates(),
                null,
                null,
                false);

        List<JsonNode> lines = publish(false, withContext, without);

        assertThat(lines.get(0).get("context").fieldNames()).toIterable().containsExactly("z", "a", "m");
        assertThat(lines.get(0).has("key")).isFalse();
        assertThat(lines.get(1).get("context").isObject()).isTrue();
        assertThat(lines.get(1).get("context").size()).isZero();
    }

    @Test
    void traceIdsAndExpiryAreWrittenWhenPresent() {
        JsonNode line = only(SampleResults.tracedAndExpired());

        assertThat(line.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("spanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.get("expiresOn").asText()).isEqualTo("2026-01-01");
        assertThat(line.get("expired").asBoolean()).isTrue();
    }

    @Test
    void controlRunHasItsDurationAndItsPublishedValueEmbeddedAsJson() {
        JsonNode control = only(SampleResults.mismatch()).get("control");

        assertThat(control.get("durationNanos").asLong())
                .isEqualTo(Duration.ofMillis(2).toNanos());
        assertThat(control.get("value"))
                .isEqualTo(Lines.tree("{\"total\":10.0,\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"}]}"));
        assertThat(control.has("exception")).isFalse();
        assertThat(control.has("completed")).isFalse();
        assertThat(control.has("started")).isFalse();
        assertThat(control.has("valueTruncated")).isFalse();
        assertThat(control.has("valueLength")).isFalse();
        assertThat(control.has("startDelayNanos"))
                .as("the control runs at once: no start delay")
                .isFalse();
    }

    @Test
    void publishedJsonTextIsEmbeddedAsItIsNotReencoded() {
        publish(false, SampleResults.mismatch());
        String text = Lines.texts(directory).get(0);

        assertThat(text).contains("\"value\":{\"total\":10.0,\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"}]}");
        assertThat(text).contains("{\"op\":\"replace\",\"path\":\"/total\",\"value\":10.5,\"previous\":10.0}");
        assertThat(text).contains("{\"op\":\"add\",\"path\":\"/lines/2\",\"value\":{\"sku\":\"A-3\",\"qty\":1}}");
    }

    @Test
    void candidateHasNameOutcomeRunSignatureDifferencesCountAndStructural() {
        JsonNode candidate = only(SampleResults.mismatch()).get("candidates").get(0);

        assertThat(candidate.get("name").asText()).isEqualTo("candidate");
        assertThat(candidate.get("outcome").asText()).isEqualTo("MISMATCH");
        assertThat(candidate.get("run").get("value").get("total").decimalValue())
                .isEqualByComparingTo("10.5");
        assertThat(candidate.get("run").get("startDelayNanos").asLong()).isEqualTo(SampleResults.START_DELAY.toNanos());
        assertThat(candidate.get("run").has("started")).isFalse();
        assertThat(candidate.has("skipReason")).isFalse();
        assertThat(candidate.has("fault")).isFalse();
        assertThat(candidate.get("signature").asText()).isEqualTo("5c7d4a9afa1c5b0f");
        assertThat(candidate.get("differenceCount").asInt()).isEqualTo(2);
        assertThat(candidate.get("structural").asBoolean()).isTrue();
        assertThat(candidate.has("note")).isFalse();
        JsonNode replace = candidate.get("differences").get(0);
        assertThat(replace.get("op").asText()).isEqualTo("replace");
        assertThat(replace.get("path").asText()).isEqualTo("/total");
        assertThat(replace.get("value").isNumber()).isTrue();
        assertThat(replace.get("previous").decimalValue()).isEqualByComparingTo("10.0");
        JsonNode add = candidate.get("differences").get(1);
        assertThat(add.get("op").asText()).isEqualTo("add");
        assertThat(add.get("value")).isEqualTo(Lines.tree("{\"sku\":\"A-3\",\"qty\":1}"));
        assertThat(add.has("previous")).isFalse();
    }

    @Test
    void nullValueIsWrittenAsJsonNullAndAnExceptionWithoutMessageHasANullMessage() {
        JsonNode line = only(SampleResults.nullsAndMessagelessException());

        JsonNode control = line.get("control");
        assertThat(control.has("value")).isTrue();
        assertThat(control.get("value").isNull()).isTrue();
        JsonNode run = line.get("candidates").get(0).get("run");
        assertThat(run.has("value")).isFalse();
        assertThat(run.get("exception").get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(run.get("exception").has("message")).isTrue();
        assertThat(run.get("exception").get("message").isNull()).isTrue();
    }

    @Test
    void exceptionMessageIsWrittenAsAString() {
        Result<Object> base = SampleResults.mismatch();
        Run<Object> threw = Run.threw(
                "candidate",
                base.startedAt(),
                Duration.ofMillis(1),
                new IllegalArgumentException("bad \"input\"\nsecond line"));
        CandidateResult<Object> candidate = new CandidateResult<>(
                "candidate", Outcome.MISMATCH, threw, base.candidates().get(0).diff(), null, null, null);
        Result<Object> result = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                List.of(candidate),
                null,
                null,
                false);

        JsonNode exception = only(result).get("candidates").get(0).get("run").get("exception");

        assertThat(exception.get("class").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(exception.get("message").asText()).isEqualTo("bad \"input\"\nsecond line");
    }

    @Test
    void timedOutRunIsNotCompletedAndHasNoValue() {
        JsonNode candidate =
                only(SampleResults.of(Outcome.TIMED_OUT)).get("candidates").get(0);

        assertThat(candidate.get("outcome").asText()).isEqualTo("TIMED_OUT");
        JsonNode run = candidate.get("run");
        assertThat(run.get("completed").asBoolean(true)).isFalse();
        assertThat(run.has("started")).as("it started, and was interrupted").isFalse();
        assertThat(run.get("durationNanos").asLong()
                        + run.get("startDelayNanos").asLong())
                .isEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(run.get("startDelayNanos").asLong()).isEqualTo(SampleResults.START_DELAY.toNanos());
        assertThat(run.has("value")).isFalse();
        assertThat(run.has("exception")).isFalse();
        assertThat(candidate.get("note").asText()).isEqualTo("interrupted past the candidate timeout of 250 ms");
        assertThat(candidate.has("signature")).isFalse();
        assertThat(candidate.get("differences").isArray()).isTrue();
        assertThat(candidate.get("differences").size()).isZero();
        assertThat(candidate.get("differenceCount").asInt()).isZero();
    }

    @Test
    void candidateThatNeverStartedSaysSoAndHowLongItWaited() {
        Result<Object> neverStarted = SampleResults.neverStarted();
        JsonNode candidate = only(neverStarted).get("candidates").get(0);

        assertThat(candidate.get("outcome").asText()).isEqualTo("TIMED_OUT");
        JsonNode run = candidate.get("run");
        assertThat(run.get("started").isBoolean()).isTrue();
        assertThat(run.get("started").asBoolean(true)).isFalse();
        assertThat(run.get("completed").asBoolean(true)).isFalse();
        assertThat(run.get("durationNanos").asLong()).isZero();
        assertThat(run.get("startDelayNanos").asLong())
                .isEqualTo(neverStarted.candidates().get(0).run().startDelay().toNanos())
                .isEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(run.has("value")).isFalse();
        assertThat(candidate.get("note").asText()).startsWith("never started within the candidate timeout");
    }

    @Test
    void skippedCandidateHasItsReasonAndNoRun() {
        List<JsonNode> lines =
                publish(true, SampleResults.of(Outcome.SKIPPED)); // skips alone are written only on request
        assertThat(lines).hasSize(1);
        JsonNode candidate = lines.get(0).get("candidates").get(0);

        assertThat(candidate.get("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(candidate.get("skipReason").asText()).isEqualTo("CAP");
        assertThat(candidate.has("run")).isFalse();
        assertThat(candidate.get("note").asText()).isEqualTo(SkipReason.CAP.description());
    }

    @Test
    void everySkipReasonIsWrittenByItsName() {
        List<JsonNode> lines = publish(true, SampleResults.everySkipReason().toArray(Result<?>[]::new));

        assertThat(lines)
                .extracting(n -> n.get("candidates").get(0).get("skipReason").asText())
                .containsExactly(
                        Arrays.stream(SkipReason.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void failedComparisonCarriesItsFault() {
        Result<Object> failed = SampleResults.comparisonFailed();
        JsonNode candidate = only(failed).get("candidates").get(0);

        assertThat(candidate.get("outcome").asText()).isEqualTo("COMPARISON_FAILED");
        assertThat(candidate.get("fault"))
                .isEqualTo(Lines.tree(
                        "{\"class\":\"java.lang.IllegalStateException\",\"message\":\"comparator bug at /lines/0\"}"));
        assertThat(candidate.get("run").get("value").asInt()).isEqualTo(2);
        assertThat(candidate.get("note").asText())
                .isEqualTo("the comparator threw java.lang.IllegalStateException: comparator bug at /lines/0");
    }

    @Test
    void faultWithoutAMessageHasANullMessageAndAFaultIsWrittenOnlyWithAFailedComparison() {
        Result<Object> base = SampleResults.comparisonFailed();
        Run<Object> run = base.candidates().get(0).run();
        Result<Object> result = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                List.of(
                        CandidateResult.comparisonFailed("messageless", run, new UnsupportedOperationException(), "x"),
                        new CandidateResult<>(
                                "stray",
                                Outcome.MISMATCH,
                                run,
                                Diff.none(),
                                null,
                                null,
                                new IllegalStateException("not a comparison fault"))),
                null,
                null,
                false);

        JsonNode candidates = only(result).get("candidates");

        assertThat(candidates.get(0).get("fault").get("class").asText())
                .isEqualTo("java.lang.UnsupportedOperationException");
        assertThat(candidates.get(0).get("fault").get("message").isNull()).isTrue();
        assertThat(candidates.get(1).has("fault")).isFalse();
    }

    @Test
    void truncatedValuesSayHowLongTheyWere() {
        JsonNode line = only(SampleResults.hugeValues(4096));

        JsonNode control = line.get("control");
        assertThat(control.get("valueTruncated").asBoolean()).isTrue();
        assertThat(control.get("valueLength").asInt()).isEqualTo(4096 * 4);
        assertThat(control.get("value").isTextual()).isTrue();
        JsonNode candidate = line.get("candidates").get(0);
        assertThat(candidate.get("differenceCount").asInt()).isEqualTo(10_000);
        assertThat(candidate.get("differences").size()).isEqualTo(100);
        assertThat(candidate.get("differences").get(0).get("textDiff").asText()).isEqualTo("-x\n+y");
        assertThat(line.get("key").asText()).hasSize(1_000);
    }

    @Test
    void candidateNoteAndDiffNoteAreJoinedIntoTheOneNote() {
        Result<Object> base = SampleResults.mismatch();
        Diff fellBack = new Diff(
                List.of(new Difference(Operation.REPLACE, "", "\"b\"", "\"a\"", null)),
                1,
                "0011223344556677",
                false,
                "compared with equals and shown with toString");
        Run<Object> run = base.candidates().get(0).run();
        Result<Object> result = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                List.of(
                        new CandidateResult<>(
                                "both", Outcome.MISMATCH, run, fellBack, "an ignore rule threw", null, null),
                        new CandidateResult<>("diff-only", Outcome.MISMATCH, run, fellBack, null, null, null)),
                null,
                null,
                false);

        JsonNode candidates = only(result).get("candidates");

        assertThat(candidates.get(0).get("note").asText())
                .isEqualTo("an ignore rule threw; compared with equals and shown with toString");
        assertThat(candidates.get(0).get("structural").asBoolean(true)).isFalse();
        assertThat(candidates.get(1).get("note").asText()).isEqualTo("compared with equals and shown with toString");
    }

    @Test
    void removeHasNoValueAndAddHasNoPreviousWhateverTheDifferenceCarries() {
        Result<Object> base = SampleResults.mismatch();
        Diff diff = new Diff(
                List.of(
                        new Difference(Operation.REMOVE, "/a", "1", "2", null),
                        new Difference(Operation.ADD, "/b", "3", "4", null)),
                2,
                "0011223344556677",
                true,
                null);
        Result<Object> result = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                List.of(new CandidateResult<>(
                        "candidate", Outcome.MISMATCH, base.candidates().get(0).run(), diff, null, null, null)),
                null,
                null,
                false);

        JsonNode differences = only(result).get("candidates").get(0).get("differences");

        assertThat(differences.get(0)).isEqualTo(Lines.tree("{\"op\":\"remove\",\"path\":\"/a\",\"previous\":2}"));
        assertThat(differences.get(1)).isEqualTo(Lines.tree("{\"op\":\"add\",\"path\":\"/b\",\"value\":3}"));
    }

    @Test
    void severalCandidatesAreWrittenInOrder() {
        JsonNode candidates = only(SampleResults.twoCandidates()).get("candidates");

        assertThat(candidates).hasSize(2);
        assertThat(candidates.get(0).get("name").asText()).isEqualTo("candidate");
        assertThat(candidates.get(1).get("name").asText()).isEqualTo("engine-v3");
        assertThat(candidates.get(1).get("outcome").asText()).isEqualTo("TIMED_OUT");
    }

    @Test
    void byDefaultOnlyResultsAPersonMustLookAtAreWritten() {
        List<Result<Object>> all = new ArrayList<>(SampleResults.everyOutcome());
        all.add(SampleResults.bothThrew()); // a match too

        List<JsonNode> lines = publish(false, all.toArray(Result<?>[]::new));

        assertThat(lines)
                .extracting(n -> n.get("candidates").get(0).get("outcome").asText())
                .containsExactly("MISMATCH", "TIMED_OUT", "COMPARISON_FAILED");
    }

    @Test
    void byDefaultAResultIsWrittenExactlyWhenItNeedsAttention() {
        List<Result<Object>> all = SampleResults.all();

        List<JsonNode> lines = publish(false, all.toArray(Result<?>[]::new));

        List<Result<Object>> needing =
                all.stream().filter(Result::needsAttention).toList();
        assertThat(needing).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(lines).hasSize(needing.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("candidates").size())
                    .isEqualTo(needing.get(i).candidates().size());
        }
        for (Outcome outcome : Outcome.values()) {
            Lines.clear(directory);
            assertThat(publish(false, SampleResults.of(outcome)))
                    .as(outcome.name())
                    .hasSize(outcome.needsAttention() ? 1 : 0);
        }
    }

    @Test
    void everyResultWritesMatchesIgnoredAndSkippedToo() {
        List<JsonNode> lines = publish(true, SampleResults.everyOutcome().toArray(Result<?>[]::new));

        assertThat(lines)
                .extracting(n -> n.get("candidates").get(0).get("outcome").asText())
                .containsExactly("MATCH", "MISMATCH", "IGNORED", "TIMED_OUT", "SKIPPED", "COMPARISON_FAILED");
    }

    @Test
    void everyResultWritesMatchesToo() {
        List<Result<Object>> all = new ArrayList<>(SampleResults.everyOutcome());
        all.add(SampleResults.bothThrew());

        List<JsonNode> lines = publish(true, all.toArray(Result<?>[]::new));

        assertThat(lines)
                .extracting(n -> n.get("candidates").get(0).get("outcome").asText())
                .containsExactly("MATCH", "MISMATCH", "IGNORED", "TIMED_OUT", "SKIPPED", "COMPARISON_FAILED", "MATCH");
        JsonNode bothThrew = lines.get(6);
        assertThat(bothThrew.get("control").get("exception").get("class").asText())
                .isEqualTo("java.lang.RuntimeException");
    }

    @Test
    void unicodeSurvivesEverywhereAndFilesAreUtf8() {
        JsonNode line = only(SampleResults.unicode());

        assertThat(line.get("key").asText()).isEqualTo("клиент-7");
        assertThat(line.get("context").get("città").asText()).isEqualTo("Zürich \" onmouseover=\"");
        JsonNode candidate = line.get("candidates").get(0);
        assertThat(candidate.get("name").asText()).isEqualTo("candidate-ü");
        assertThat(candidate.get("note").asText()).isEqualTo("ünïcödé note");
        assertThat(candidate.get("run").get("value").get("名前").asText()).isEqualTo("Zoë 🍔");
        assertThat(candidate.get("run").get("value").get("note").asText()).isEqualTo("line\nbreak \"quoted\" \u0000");
        assertThat(candidate.get("differences").get(0).get("path").asText()).isEqualTo("/名前");
        assertThat(candidate.get("differences").get(0).get("previous").asText()).isEqualTo("Zoë 🍕");
        assertThat(candidate.get("differences").get(1).get("value").asText())
                .isEqualTo("</script><script>alert(1)</script>");
        assertThat(Lines.texts(directory)).hasSize(1); // no raw line break from the values
    }

    @Test
    void unpairedSurrogatesInStringsAndValuesDoNotBreakTheLine() {
        Result<Object> base = SampleResults.mismatch();
        String lone = "half \uD83D of a pair";
        Diff diff = new Diff(
                List.of(new Difference(Operation.REPLACE, "/x", "\"" + lone + "\"", "\"\uDC00\"", null)),
                1,
                "0011223344556677",
                true,
                null);
        Result<Object> result = new Result<>(
                base.experiment(),
                Call.keyed(lone),
                Map.of("k\uD800", lone),
                base.startedAt(),
                SampleResults.returned("control", "{\"a\uDBFF\":\"" + lone + "\"}"),
                List.of(new CandidateResult<>(
                        "candidate", Outcome.MISMATCH, base.candidates().get(0).run(), diff, lone, null, null)),
                null,
                null,
                false);

        JsonNode line = only(result);

        assertThat(line.get("key").asText()).isEqualTo(lone);
        assertThat(line.get("context").get("k\uD800").asText()).isEqualTo(lone);
        assertThat(line.get("control").get("value").get("a\uDBFF").asText()).isEqualTo(lone);
        assertThat(line.get("candidates")
                        .get(0)
                        .get("differences")
                        .get(0)
                        .get("value")
                        .asText())
                .isEqualTo(lone);
        assertThat(line.get("candidates")
                        .get(0)
                        .get("differences")
                        .get(0)
                        .get("previous")
                        .asText())
                .isEqualTo("\uDC00");
    }
}
