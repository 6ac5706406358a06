package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.FaultHandler;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Publisher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Rule 1 of CONTRACT.md, faults: every fault the experiment catches is counted, told to onFault and logged on one line, and never reaches the caller. */
class Rule01FaultsAreReportedNeverThrownTest {

    /** What a fault handler was told, and on which thread. */
    private record Told(FaultSource source, Throwable fault, Thread thread) {}

    private static FaultHandler recordingInto(List<Told> told) {
        return (source, fault) -> told.add(new Told(source, fault, Thread.currentThread()));
    }

    /** Two of these pointing at each other make an indirect cycle. */
    static final class Node {
        public final String name;
        public Node next;

        Node(String name) {
            this.name = name;
        }

        static Node cycle(String name) {
            Node first = new Node(name + "-1");
            Node second = new Node(name + "-2");
            first.next = second;
            second.next = first;
            return first;
        }
    }

    @Test
    void aFaultIsLoggedAsOneWarningOfOneLineWithAFewFrames() {
        RecordingPublisher published = new RecordingPublisher();
        try (LogCapture log = new LogCapture();
                RuntimeLaboratory lab =
                        RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<Object> experiment =
                    lab.experiment("cyclic-log", Object.class).build();
            experiment.run(() -> Node.cycle("control"), () -> Node.cycle("candidate"));
            assertThat(published.first().candidates().get(0).diff().structural())
                    .isFalse();
            assertThat(experiment.stats().faults(FaultSource.DIFFER)).isPositive();
            List<LogRecord> warnings = log.records.stream()
                    .filter(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("'cyclic-log'"))
                    .toList();
            assertThat(warnings).singleElement().satisfies(warning -> {
                String message = warning.getMessage();
                assertThat(message).contains(FaultSource.DIFFER.description() + " threw; the caller was not affected");
                assertThat(message).doesNotContain("\n").doesNotContain("\r");
                assertThat(message.split(" < ", -1).length - 1)
                        .as("frames after the first")
                        .isLessThanOrEqualTo(2 * 2);
                assertThat(message).hasSizeLessThan(2_000);
                assertThat(warning.getThrown()).as("no stack trace is attached").isNull();
            });
        }
    }

    @Test
    void theFaultHandlerIsToldTheSourceAndTheThrowableOfAFailingComparator() {
        List<Told> told = new CopyOnWriteArrayList<>();
        IllegalStateException bug = new IllegalStateException("comparator bug");
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).build()) {
            Experiment<String> experiment = lab.<String>experiment("comparator-fault")
                    .onFault(recordingInto(told))
                    .comparator((a, b) -> {
                        throw bug;
                    })
                    .build();
            experiment.run(() -> "a", () -> "a");
            published.first();
            assertThat(told).singleElement().satisfies(t -> {
                assertThat(t.source()).isEqualTo(FaultSource.COMPARATOR);
                assertThat(t.fault()).isSameAs(bug);
                assertThat(t.thread()).isNotSameAs(Thread.currentThread());
            });
        }
    }

    @Test
    void theFaultHandlerIsToldOfAFailingPublisher() {
        List<Told> told = new CopyOnWriteArrayList<>();
        IllegalStateException bug = new IllegalStateException("publisher bug");
        Publisher broken = result -> {
            throw bug;
        };
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(broken).build()) {
            Experiment<String> experiment = lab.<String>experiment("publisher-fault")
                    .onFault(recordingInto(told))
                    .build();
            experiment.run(() -> "a", () -> "a");
            await().until(() -> !told.isEmpty());
            assertThat(told).singleElement().satisfies(t -> {
                assertThat(t.source()).isEqualTo(FaultSource.PUBLISHER);
                assertThat(t.fault()).isSameAs(bug);
                assertThat(t.thread().getName()).isEqualTo("parallel-run-publisher");
            });
            assertThat(experiment.stats().faults(FaultSource.PUBLISHER)).isEqualTo(1);
        }
    }

    @Test
    void theFaultHandlerIsToldOfAFailingSamplerOnTheCallersThread() {
        List<Told> told = new CopyOnWriteArrayList<>();
        IllegalStateException bug = new IllegalStateException("sampler bug");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().build()) {
            Experiment<String> experiment = lab.<String>experiment("sampler-fault")
                    .onFault(recordingInto(told))
                    .sampler((name, call) -> {
                        throw bug;
                    })
                    .build();
            assertThat(experiment.run(() -> "a", () -> "b")).isEqualTo("a");
            assertThat(told).singleElement().satisfies(t -> {
                assertThat(t.source()).isEqualTo(FaultSource.SAMPLER);
                assertThat(t.fault()).isSameAs(bug);
                assertThat(t.thread()).isSameAs(Thread.currentThread());
            });
        }
    }

    @Test
    void aFaultHandlerThatThrowsNeverReachesTheCaller() {
        Map<FaultSource, Integer> told = new ConcurrentHashMap<>();
        FaultHandler hostile = (source, fault) -> {
            told.merge(source, 1, Integer::sum);
            if (source == FaultSource.SAMPLER) {
                throw new StackOverflowError("handler bug");
            }
            throw new IllegalStateException("handler bug");
        };
        Publisher broken = result -> {
            throw new IllegalStateException("publisher bug");
        };
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(broken)
                .publisher(published)
                .build()) {
            Experiment<String> failingSampler = lab.<String>experiment("hostile-handler-sampler")
                    .onFault(hostile)
                    .sampler((name, call) -> {
                        throw new IllegalStateException("sampler bug");
                    })
                    .build();
            assertThat(failingSampler.run(() -> "control", () -> "candidate")).isEqualTo("control");
            assertThat(failingSampler.stats().faults(FaultSource.SAMPLER)).isEqualTo(1);

            Experiment<String> failingComparator = lab.<String>experiment("hostile-handler-comparator")
                    .onFault(hostile)
                    .comparator((a, b) -> {
                        throw new IllegalStateException("comparator bug");
                    })
                    .build();
            assertThat(failingComparator.run(() -> "control", () -> "control")).isEqualTo("control");
            assertThat(published.first().candidates().get(0).outcome()).isEqualTo(Outcome.COMPARISON_FAILED);
            await().until(() -> told.getOrDefault(FaultSource.PUBLISHER, 0) == 1);
            assertThat(told).containsEntry(FaultSource.SAMPLER, 1).containsEntry(FaultSource.COMPARATOR, 1);
            assertThat(failingComparator.stats().faults(FaultSource.COMPARATOR)).isEqualTo(1);
            assertThat(failingComparator.stats().faults(FaultSource.PUBLISHER)).isEqualTo(1);
        }
    }

    /** A publisher that fails to attach and to close, deep in a stack. */
    private static final class FailingLifecycle implements Publisher {
        @Override
        public void publish(dev.parallelrun.experiment.Result<?> result) {}

        @Override
        public void attach(dev.parallelrun.experiment.Laboratory laboratory) {
            throw new IllegalStateException("cannot attach");
        }

        @Override
        public void close() {
            throw new IllegalStateException("cannot close");
        }

        @Override
        public String toString() {
            return "FailingLifecycle";
        }
    }

    @Test
    void aPublisherThatFailsToAttachOrToCloseIsLoggedOnOneLine() {
        RecordingPublisher healthy = new RecordingPublisher();
        try (LogCapture log = new LogCapture()) {
            RuntimeLaboratory lab = RuntimeLaboratory.builder()
                    .publisher(new FailingLifecycle())
                    .publisher(healthy)
                    .build();
            lab.<String>experiment("lifecycle").build().run(() -> "a", () -> "a");
            healthy.await(1);
            lab.close();
            assertThat(healthy.closed).isTrue();
            List<LogRecord> warnings = log.records.stream()
                    .filter(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("FailingLifecycle"))
                    .toList();
            assertThat(warnings).hasSize(2).allSatisfy(warning -> {
                assertThat(warning.getThrown()).as("no stack trace is attached").isNull();
                assertThat(warning.getMessage())
                        .doesNotContain("\n")
                        .contains("java.lang.IllegalStateException: cannot");
            });
        }
    }
}
