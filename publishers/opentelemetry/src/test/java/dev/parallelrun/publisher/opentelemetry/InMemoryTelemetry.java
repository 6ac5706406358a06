package dev.parallelrun.publisher.opentelemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenTelemetry SDK whose spans and log records end up in memory, exported as they end. As a test's
 * {@code @RegisterExtension} field it closes the publishers it made, then itself, after each test.
 */
final class InMemoryTelemetry implements AutoCloseable, AfterEachCallback {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setLoggerProvider(SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                    .build())
            .build();
    private final List<OpenTelemetryPublisher> publishers = new CopyOnWriteArrayList<>();

    /** A publisher into this SDK with the default options. */
    OpenTelemetryPublisher publisher() {
        return publisher(UnaryOperator.identity());
    }

    /** A publisher into this SDK with {@code options} applied to its builder. */
    OpenTelemetryPublisher publisher(UnaryOperator<OpenTelemetryPublisher.Builder> options) {
        OpenTelemetryPublisher publisher =
                options.apply(OpenTelemetryPublisher.builder(sdk)).build();
        publishers.add(publisher);
        return publisher;
    }

    List<SpanData> candidateSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(OpenTelemetryPublisher.SPAN_NAME))
                .toList();
    }

    List<LogRecordData> logRecords() {
        return logs.getFinishedLogRecordItems();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        publishers.forEach(OpenTelemetryPublisher::close);
        sdk.close();
    }
}
