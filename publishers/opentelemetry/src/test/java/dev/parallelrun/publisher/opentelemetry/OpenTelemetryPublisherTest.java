package dev.parallelrun.publisher.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Diff;
import dev.parallelrun.experiment.Difference;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Operation;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.experiment.SkipReason;
import dev.parallelrun.experiment.TraceIds;
import dev.parallelrun.publisher.contract.SampleResults;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenTelemetryPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    private final OpenTelemetryPublisher publisher = telemetry.publisher();

    @Test
    void oneSpanPerCandidateFromTheRunsStartToItsEnd() {
        Result<Object> result = SampleResults.twoCandidates();
        publisher.publish(result);

        List<SpanData> spans = telemetry.candidateSpans();
        assertThat(spans).hasSize(2);
        for (int i = 0; i < 2; i++) {
            CandidateResult<Object> candidate = result.candidates().get(i);
            SpanData span = spans.get(i);
            Run<Object> run = candidate.run();
            assertThat(span.getName()).isEqualTo("parallelrun.experiment.candidate");
            assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_CANDIDATE))
                    .isEqualTo(candidate.name());
            assertThat(span.getStartEpochNanos()).isEqualTo(nanos(run.startedAt()));
            assertThat(span.getEndEpochNanos()).isEqualTo(nanos(run.startedAt().plus(run.duration())));
            assertThat(span.hasEnded()).isTrue();
        }
    }

    @Test
    void spanCoversTheBehaviorNotTheWaitToStart() {
        Result<Object> mismatch = SampleResults.mismatch();
        publisher.publish(mismatch);

        SpanData span = single(telemetry.candidateSpans());
        Run<Object> run = mismatch.candidates().get(0).run();
        assertThat(span.getStartEpochNanos())
                .isEqualTo(nanos(run.startedAt()))
                .isEqualTo(nanos(mismatch.startedAt()) + SampleResults.START_DELAY.toNanos());
        assertThat(span.getEndEpochNanos() - span.getStartEpochNanos())
                .isEqualTo(run.duration().toNanos());
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS))
                .isEqualTo(SampleResults.START_DELAY.toNanos());
    }

    @Test
    void skippedCandidateHasAZeroLengthSpanWhenTheCallStarted() {
        Result<Object> skipped = SampleResults.of(Outcome.SKIPPED);
        publisher.publish(skipped);

        SpanData span = single(telemetry.candidateSpans());
        assertThat(span.getStartEpochNanos()).isEqualTo(nanos(skipped.startedAt()));
        assertThat(span.getEndEpochNanos()).isEqualTo(span.getStartEpochNanos());
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_OUTCOME))
                .isEqualTo("SKIPPED");
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_SKIP_REASON))
                .isEqualTo("CAP");
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS))
                .isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void everySkipReasonIsNamedOnTheSkippedCandidatesSpan() {
        SampleResults.everySkipReason().forEach(publisher::publish);
        publisher.publish(SampleResults.mismatch());

        List<SpanData> spans = telemetry.candidateSpans();
        assertThat(spans).hasSize(SkipReason.values().length + 1);
        for (SkipReason reason : SkipReason.values()) {
            assertThat(spans.get(reason.ordinal()).getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_SKIP_REASON))
                    .isEqualTo(reason.name());
        }
        assertThat(spans.get(SkipReason.values().length)
                        .getAttributes()
                        .get(OpenTelemetryPublisher.EXPERIMENT_SKIP_REASON))
                .isNull();
    }

    @Test
    void candidateThatNeverStartedHasAZeroLengthSpanAtItsSamplingTimeAndItsWait() {
        Result<Object> neverStarted = SampleResults.neverStarted();
        publisher.publish(neverStarted);

        SpanData span = single(telemetry.candidateSpans());
        Run<Object> run = neverStarted.candidates().get(0).run();
        assertThat(span.getStartEpochNanos())
                .isEqualTo(nanos(run.startedAt()))
                .isEqualTo(nanos(neverStarted.startedAt()));
        assertThat(span.getEndEpochNanos()).isEqualTo(span.getStartEpochNanos());
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS))
                .isEqualTo(run.startDelay().toNanos())
                .isPositive();
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_OUTCOME))
                .isEqualTo("TIMED_OUT");
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.ERROR_TYPE)).isEqualTo("timeout");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("the candidate never started within its timeout");
    }

    @Test
    void namesCarryTheParallelrunPrefix() {
        assertThat(OpenTelemetryPublisher.SPAN_NAME).isEqualTo("parallelrun.experiment.candidate");
        assertThat(OpenTelemetryPublisher.MISMATCH_EVENT).isEqualTo("parallelrun.experiment.mismatch");
        assertThat(List.of(
                        OpenTelemetryPublisher.EXPERIMENT_NAME,
                        OpenTelemetryPublisher.EXPERIMENT_CANDIDATE,
                        OpenTelemetryPublisher.EXPERIMENT_OUTCOME,
                        OpenTelemetryPublisher.EXPERIMENT_SKIP_REASON,
                        OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS,
                        OpenTelemetryPublisher.EXPERIMENT_SIGNATURE,
                        OpenTelemetryPublisher.EXPERIMENT_DIFFERENCE_COUNT))
                .extracting(AttributeKey::getKey)
                .containsExactly(
                        "parallelrun.experiment.name",
                        "parallelrun.experiment.candidate",
                        "parallelrun.experiment.outcome",
                        "parallelrun.experiment.skip_reason",
                        "parallelrun.experiment.start_delay_ns",
                        "parallelrun.experiment.signature",
                        "parallelrun.experiment.difference_count");
        assertThat(OpenTelemetryPublisher.ERROR_TYPE.getKey()).isEqualTo("error.type");
    }

    @Test
    void spanIsAChildOfTheCallersSpanWhenTheCallWasTraced() {
        Result<Object> traced = SampleResults.tracedAndExpired();
        publisher.publish(traced);

        SpanData span = single(telemetry.candidateSpans());
        assertThat(span.getTraceId()).isEqualTo(traced.trace().traceId());
        assertThat(span.getParentSpanId()).isEqualTo(traced.trace().spanId());
        assertThat(span.getParentSpanContext().isRemote()).isFalse();
        assertThat(span.getSpanId()).isNotEqualTo(traced.trace().spanId());
    }

    @Test
    void spanIsARootWhenTheCallWasInNoTrace() {
        publisher.publish(SampleResults.mismatch());
        publisher.publish(SampleResults.mismatch());

        List<SpanData> spans = telemetry.candidateSpans();
        assertThat(spans)
                .hasSize(2)
                .allSatisfy(span ->
                        assertThat(span.getParentSpanContext().isValid()).isFalse());
        assertThat(spans.get(0).getTraceId()).isNotEqualTo(spans.get(1).getTraceId());
    }

    @Test
    void malformedTraceIdsMakeARootSpanInsteadOfFailing() {
        Result<Object> base = SampleResults.mismatch();
        Result<Object> malformed = new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                base.candidates(),
                new TraceIds("not-hex", "nope", true),
                null,
                false);

        assertThatCode(() -> publisher.publish(malformed)).doesNotThrowAnyException();
        assertThat(single(telemetry.candidateSpans()).getParentSpanContext().isValid())
                .isFalse();
        assertThat(publisher.failures()).isZero();
    }

    @Test
    void unsampledCallerLeavesTheCandidateUnsampledButTheMismatchStillLogged() {
        Result<Object> base = SampleResults.tracedAndExpired();
        TraceIds unsampled = new TraceIds(base.trace().traceId(), base.trace().spanId(), false);
        publisher.publish(new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                base.candidates(),
                unsampled,
                null,
                false));

        assertThat(telemetry.candidateSpans()).isEmpty();
        LogRecordData record = single(telemetry.logRecords());
        assertThat(record.getSpanContext().getTraceId()).isEqualTo(unsampled.traceId());
        assertThat(record.getSpanContext().isSampled()).isFalse();
    }

    @Test
    void attributesNameTheExperimentCandidateOutcomeAndDifferences() {
        publisher.publish(SampleResults.mismatch());
        publisher.publish(SampleResults.of(Outcome.MATCH));

        List<SpanData> spans = telemetry.candidateSpans();
        SpanData mismatch = spans.get(0);
        long delay = SampleResults.START_DELAY.toNanos();
        assertThat(mismatch.getAttributes().asMap())
                .containsOnly(
                        entry(OpenTelemetryPublisher.EXPERIMENT_NAME, SampleResults.EXPERIMENT),
                        entry(OpenTelemetryPublisher.EXPERIMENT_CANDIDATE, "candidate"),
                        entry(OpenTelemetryPublisher.EXPERIMENT_OUTCOME, "MISMATCH"),
                        entry(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS, delay),
                        entry(OpenTelemetryPublisher.EXPERIMENT_SIGNATURE, "5c7d4a9afa1c5b0f"),
                        entry(OpenTelemetryPublisher.EXPERIMENT_DIFFERENCE_COUNT, 2L));
        assertThat(spans.get(1).getAttributes().asMap())
                .containsOnly(
                        entry(OpenTelemetryPublisher.EXPERIMENT_NAME, SampleResults.EXPERIMENT),
                        entry(OpenTelemetryPublisher.EXPERIMENT_CANDIDATE, "candidate"),
                        entry(OpenTelemetryPublisher.EXPERIMENT_OUTCOME, "MATCH"),
                        entry(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS, delay));
    }

    @Test
    void noAttributeEverHoldsAValueAKeyOrAnExceptionMessage() {
        List<Result<Object>> samples = SampleResults.all();
        samples.forEach(publisher::publish);

        Set<Object> forbidden = new HashSet<>();
        for (Result<Object> result : samples) {
            forbidden.add(result.call().key());
            forbidden.addAll(result.context().values());
            forbidden.add(json(result.control()));
            for (CandidateResult<Object> candidate : result.candidates()) {
                forbidden.add(json(candidate.run()));
                forbidden.add(candidate.note());
                if (candidate.run() != null && candidate.run().exception() != null) {
                    forbidden.add(candidate.run().exception().getMessage()); // the class name is error.type
                }
                if (candidate.fault() != null) {
                    forbidden.add(candidate.fault().getMessage());
                }
                for (Difference difference : candidate.diff().differences()) {
                    forbidden.addAll(
                            java.util.Arrays.asList(difference.path(), difference.value(), difference.previous()));
                }
            }
        }
        forbidden.remove(null);
        List<Object> values = new ArrayList<>();
        telemetry
                .candidateSpans()
                .forEach(span -> values.addAll(span.getAttributes().asMap().values()));
        telemetry
                .logRecords()
                .forEach(record -> values.addAll(record.getAttributes().asMap().values()));

        assertThat(forbidden).as("the samples must have had a fault to leak").contains("comparator bug at /lines/0");
        assertThat(values).isNotEmpty().doesNotContainAnyElementsOf(forbidden);
    }

    @Test
    void candidateThatThrewOrTimedOutEndsInError() {
        publisher.publish(SampleResults.nullsAndMessagelessException());
        publisher.publish(SampleResults.of(Outcome.TIMED_OUT));
        publisher.publish(SampleResults.neverStarted());
        publisher.publish(SampleResults.of(Outcome.COMPARISON_FAILED));
        publisher.publish(SampleResults.mismatch());

        List<SpanData> spans = telemetry.candidateSpans();
        assertThat(spans.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans.get(0).getAttributes().get(OpenTelemetryPublisher.ERROR_TYPE))
                .isEqualTo("java.lang.IllegalStateException");
        for (SpanData timedOut : spans.subList(1, 3)) {
            assertThat(timedOut.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(timedOut.getAttributes().get(OpenTelemetryPublisher.ERROR_TYPE))
                    .isEqualTo("timeout");
        }
        for (SpanData fine : spans.subList(3, 5)) {
            assertThat(fine.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(fine.getAttributes().get(OpenTelemetryPublisher.ERROR_TYPE))
                    .isNull();
        }
    }

    @Test
    void mismatchIsLoggedAsAnEventInTheCandidateSpansContext() throws Exception {
        Result<Object> traced = SampleResults.tracedAndExpired();
        publisher.publish(traced);

        SpanData span = single(telemetry.candidateSpans());
        LogRecordData record = single(telemetry.logRecords());
        assertThat(record.getEventName()).isEqualTo("parallelrun.experiment.mismatch");
        assertThat(record.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(record.getSeverityText()).isEqualTo("WARN");
        assertThat(record.getSpanContext().getTraceId())
                .isEqualTo(span.getTraceId())
                .isEqualTo(traced.trace().traceId());
        assertThat(record.getSpanContext().getSpanId()).isEqualTo(span.getSpanId());
        assertThat(record.getTimestampEpochNanos()).isEqualTo(span.getEndEpochNanos());
        assertThat(record.getAttributes().asMap())
                .isEqualTo(span.getAttributes().asMap());

        JsonNode body = JSON.readTree(record.getBodyValue().asString());
        CandidateResult<Object> candidate = traced.candidates().get(0);
        assertThat(body.get("experiment").asText()).isEqualTo(SampleResults.EXPERIMENT);
        assertThat(body.get("candidate").asText()).isEqualTo("candidate");
        assertThat(body.get("signature").asText()).isEqualTo("5c7d4a9afa1c5b0f");
        assertThat(body.get("differenceCount").asInt()).isEqualTo(2);
        assertThat(body.get("structural").asBoolean()).isTrue();
        assertThat(body.get("omittedDifferences").asInt()).isZero();
        assertThat(body.get("differences")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Difference difference = candidate.diff().differences().get(i);
            JsonNode written = body.get("differences").get(i);
            assertThat(written.get("op").asText()).isEqualTo(difference.op().rfcName());
            assertThat(written.get("path").asText()).isEqualTo(difference.path());
            assertThat(written.get("value")).isEqualTo(JSON.readTree(difference.value()));
            if (difference.previous() == null) {
                assertThat(written.has("previous")).isFalse();
            } else {
                assertThat(written.get("previous")).isEqualTo(JSON.readTree(difference.previous()));
            }
        }
    }

    @Test
    void onlyMismatchesAreLogged() {
        SampleResults.everyOutcome().forEach(publisher::publish);

        assertThat(telemetry.candidateSpans()).hasSize(Outcome.values().length);
        assertThat(single(telemetry.logRecords()).getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_OUTCOME))
                .isEqualTo("MISMATCH");
    }

    @Test
    void hugeDifferencesAreCutToTheBodyBudgetAndCounted() throws Exception {
        int budget = 8 * 1024;
        OpenTelemetryPublisher small = telemetry.publisher(options -> options.maxBodyChars(budget));
        small.publish(SampleResults.hugeValues(1024 * 1024));

        String text = single(telemetry.logRecords()).getBodyValue().asString();
        assertThat(text.length()).isLessThanOrEqualTo(budget);
        JsonNode body = JSON.readTree(text);
        assertThat(body.get("differenceCount").asInt()).isEqualTo(10_000);
        assertThat(body.get("differences").size()
                        + body.get("omittedDifferences").asInt())
                .isEqualTo(10_000);
        assertThat(body.get("differences").size()).isPositive();
        JsonNode first = body.get("differences").get(0);
        assertThat(first.get("value").asText())
                .endsWith(PublishedValue.ELLIPSIS)
                .hasSizeLessThanOrEqualTo(budget / 4);
        assertThat(first.get("textDiff").asText()).isEqualTo("-x\n+y");
    }

    @Test
    void unicodeAndControlCharactersSurviveTheBody() throws Exception {
        Result<Object> unicode = SampleResults.unicode();
        publisher.publish(unicode);

        JsonNode body =
                JSON.readTree(single(telemetry.logRecords()).getBodyValue().asString());
        assertThat(body.get("candidate").asText()).isEqualTo("candidate-ü");
        assertThat(body.get("differences").get(0).get("path").asText()).isEqualTo("/名前");
        assertThat(body.get("differences").get(0).get("value").asText()).isEqualTo("Zoë 🍔");
        assertThat(body.get("differences").get(1).get("value").asText())
                .isEqualTo("</script><script>alert(1)</script>");
    }

    @Test
    void differenceValueThatIsNotJsonIsWrittenAsAString() throws Exception {
        Result<Object> base = SampleResults.mismatch();
        Diff diff = new Diff(
                List.of(new Difference(Operation.REPLACE, "/a", "{not json", "01", null)),
                1,
                "aaaaaaaaaaaaaaaa",
                false,
                "compared with equals\u0000");
        publisher.publish(new Result<>(
                base.experiment(),
                base.call(),
                base.context(),
                base.startedAt(),
                base.control(),
                List.of(new CandidateResult<>(
                        "candidate", Outcome.MISMATCH, base.candidates().get(0).run(), diff, null, null, null)),
                null,
                null,
                false));

        JsonNode body =
                JSON.readTree(single(telemetry.logRecords()).getBodyValue().asString());
        assertThat(body.get("differences").get(0).get("value").isTextual()).isTrue();
        assertThat(body.get("differences").get(0).get("value").asText()).isEqualTo("{not json");
        assertThat(body.get("differences").get(0).get("previous").asText()).isEqualTo("01");
        assertThat(body.get("structural").asBoolean()).isFalse();
        assertThat(body.get("note").asText()).isEqualTo("compared with equals\u0000");
    }

    @Test
    void publishAfterCloseEmitsNothing() {
        publisher.close();
        publisher.publish(SampleResults.mismatch());

        assertThat(telemetry.spans.getFinishedSpanItems()).isEmpty();
        assertThat(telemetry.logRecords()).isEmpty();
    }

    @Test
    void refusesATinyBodyBudget() {
        assertThatThrownBy(() -> OpenTelemetryPublisher.builder(telemetry.sdk).maxBodyChars(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBodyChars must be at least 1024, was 10");
    }

    @Test
    @SuppressWarnings("try") // the scope is what the test is about: the call runs inside it
    void sampledMismatchInsideACallersSpanBecomesItsChild() throws Exception {
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Integer> experiment =
                    lab.experiment("e2e", Integer.class).build(); // samples every call
            Span request =
                    telemetry.sdk.getTracer("test").spanBuilder("request").startSpan();
            try (Scope ignored = request.makeCurrent()) {
                assertThat(experiment.run(Call.keyed("k"), () -> 1, () -> 2)).isEqualTo(1);
            } finally {
                request.end();
            }

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> telemetry.logRecords().size() == 1);
            SpanData candidate = single(telemetry.candidateSpans());
            assertThat(candidate.getTraceId())
                    .isEqualTo(request.getSpanContext().getTraceId());
            assertThat(candidate.getParentSpanId())
                    .isEqualTo(request.getSpanContext().getSpanId());
            assertThat(candidate.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_NAME))
                    .isEqualTo("e2e");
            assertThat(candidate.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_OUTCOME))
                    .isEqualTo("MISMATCH");
            LogRecordData record = single(telemetry.logRecords());
            assertThat(record.getSpanContext().getSpanId()).isEqualTo(candidate.getSpanId());
            assertThat(record.getSpanContext().getTraceId()).isEqualTo(candidate.getTraceId());
            assertThat(candidate.getEndEpochNanos()).isGreaterThanOrEqualTo(candidate.getStartEpochNanos());
            assertThat(candidate.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS))
                    .isNotNull()
                    .isNotNegative();
        }
    }

    @Test
    void candidateTheEngineGaveUpOnBeforeItStartedIsAZeroLengthSpanAtItsSamplingTime() throws Exception {
        List<Runnable> held = new CopyOnWriteArrayList<>(); // an executor with no thread free: nothing starts
        List<Result<?>> results = new CopyOnWriteArrayList<>();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(results::add)
                .publisher(publisher)
                .build()) {
            Experiment<Integer> starved = lab.experiment("starved", Integer.class)
                    .candidateExecutor(held::add)
                    .candidateTimeout(Duration.ofMillis(20))
                    .build();
            assertThat(starved.run(() -> 1, () -> 2)).isEqualTo(1);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> telemetry.candidateSpans().size() == 1);
            held.forEach(Runnable::run); // late: each finds its candidate timed out and returns
        }

        Result<?> result = single(results);
        Run<?> run = result.candidates().get(0).run();
        assertThat(run.started()).isFalse();
        SpanData span = single(telemetry.candidateSpans());
        assertThat(span.getStartEpochNanos()).isEqualTo(span.getEndEpochNanos()).isEqualTo(nanos(result.startedAt()));
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_OUTCOME))
                .isEqualTo("TIMED_OUT");
        assertThat(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_START_DELAY_NS))
                .isEqualTo(run.startDelay().toNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(telemetry.logRecords()).isEmpty();
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static Object json(Run<?> run) {
        if (run == null || run.published() == null) {
            return null;
        }
        return run.published().json();
    }

    private static java.util.Map.Entry<AttributeKey<?>, Object> entry(AttributeKey<?> key, Object value) {
        return java.util.Map.entry(key, value);
    }
}
