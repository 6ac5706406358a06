package dev.parallelrun.publisher.opentelemetry;

import dev.parallelrun.experiment.CandidateResult;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.PublisherContractTest;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class OpenTelemetryPublisherContractTest extends PublisherContractTest {

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    @Override
    protected Publisher newPublisher() {
        return OpenTelemetryPublisher.create(telemetry.sdk);
    }

    /**
     * Results whose every candidate has its span, in publishing order (the in-memory exporter gets each span
     * as it ends, on the publishing thread).
     */
    @Override
    protected long publishedCount(List<Result<Object>> published) {
        List<SpanData> spans = telemetry.candidateSpans();
        int next = 0;
        long whole = 0;
        for (Result<Object> result : published) {
            boolean all = true;
            for (CandidateResult<Object> candidate : result.candidates()) {
                if (next < spans.size() && isSpanOf(spans.get(next), result, candidate)) {
                    next++;
                } else {
                    all = false;
                }
            }
            if (all) {
                whole++;
            }
        }
        return whole;
    }

    private static boolean isSpanOf(SpanData span, Result<Object> result, CandidateResult<Object> candidate) {
        return result.experiment().equals(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_NAME))
                && candidate.name().equals(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_CANDIDATE))
                && candidate
                        .outcome()
                        .name()
                        .equals(span.getAttributes().get(OpenTelemetryPublisher.EXPERIMENT_OUTCOME));
    }

    @AfterEach
    void closeTelemetry() {
        telemetry.close();
    }
}
