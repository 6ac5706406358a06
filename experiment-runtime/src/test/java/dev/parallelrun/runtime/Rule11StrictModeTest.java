package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Candidates;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.MismatchException;
import dev.parallelrun.experiment.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Rule 11 of CONTRACT.md: strict mode samples every call, waits for the candidates, publishes, then throws a
 * MismatchException for anything but MATCH and IGNORED, even when the control threw.
 */
class Rule11StrictModeTest {

    @Test
    void mismatchThrowsWithTheDifferencesInTheMessageAfterPublishing() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).strict(true).build()) {
            Experiment<String> experiment =
                    lab.<String>experiment("strict").sampleRate(0.0).build();
            assertThatThrownBy(() -> experiment.run(() -> "expected", () -> "actual"))
                    .isInstanceOf(MismatchException.class)
                    .hasMessageContaining("strict")
                    .hasMessageContaining("MISMATCH")
                    .hasMessageContaining("expected")
                    .hasMessageContaining("actual")
                    .satisfies(e -> assertThat(((MismatchException) e).outcomes())
                            .containsEntry("candidate", Outcome.MISMATCH));
            // published before it threw, and sampled although the rate is 0
            assertThat(published.results).hasSize(1);
        }
    }

    @Test
    void matchAndIgnoredDoNotThrow() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            assertThat(lab.<String>experiment("match").build().run(() -> "a", () -> "a"))
                    .isEqualTo("a");
            assertThat(lab.<String>experiment("ignored")
                            .ignore((a, b) -> true)
                            .build()
                            .run(() -> "a", () -> "b"))
                    .isEqualTo("a");
        }
    }

    @Test
    void timedOutAndFailedComparisonThrowToo() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<String> slow = lab.<String>experiment("slow")
                    .candidateTimeout(Duration.ofMillis(20))
                    .build();
            assertThatThrownBy(() -> slow.run(() -> "a", () -> {
                        new CountDownLatch(1).await();
                        return "a";
                    }))
                    .isInstanceOf(MismatchException.class)
                    .hasMessageContaining("TIMED_OUT");
            Experiment<String> broken = lab.<String>experiment("broken")
                    .comparator((a, b) -> {
                        throw new IllegalStateException("comparator bug");
                    })
                    .build();
            assertThatThrownBy(() -> broken.run(() -> "a", () -> "a"))
                    .isInstanceOf(MismatchException.class)
                    .hasMessageContaining("COMPARISON_FAILED");
        }
    }

    @Test
    void mismatchBeatsTheControlsOwnExceptionWhichIsKeptAsSuppressed() {
        IllegalStateException controlFailure = new IllegalStateException("control failed");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<String> experiment =
                    lab.<String>experiment("control-threw").build();
            assertThatThrownBy(() -> experiment.run(
                            () -> {
                                throw controlFailure;
                            },
                            () -> "value"))
                    .isInstanceOf(MismatchException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(controlFailure));
            // when both throw the same, the control's exception is what the caller gets
            assertThatThrownBy(() -> experiment.run(
                            () -> {
                                throw controlFailure;
                            },
                            () -> {
                                throw new IllegalStateException("control failed");
                            }))
                    .isSameAs(controlFailure);
        }
    }

    @Test
    void experimentCanOptOutOfALaboratorysStrictMode() {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            assertThat(lab.<String>experiment("lenient").strict(false).build().run(() -> "a", () -> "b"))
                    .isEqualTo("a");
        }
    }

    @Test
    @ResourceLock("system-properties")
    void systemPropertyTurnsStrictModeOnWhenTheLaboratoryIsBuilt() {
        System.setProperty(RuntimeLaboratory.STRICT_PROPERTY, "true");
        RuntimeLaboratory lab;
        try {
            lab = RuntimeLaboratory.builder().build();
        } finally {
            System.clearProperty(RuntimeLaboratory.STRICT_PROPERTY);
        }
        try (lab) {
            assertThat(lab.strict()).isTrue();
            assertThatThrownBy(() -> lab.<String>experiment("property").build().run(() -> "a", () -> "b"))
                    .isInstanceOf(MismatchException.class);
        }
        try (RuntimeLaboratory later = RuntimeLaboratory.builder().build()) {
            assertThat(later.strict()).isFalse();
        }
    }

    @Test
    void mismatchExceptionSurvivesSerialization() throws Exception {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            MismatchException thrown = null;
            try {
                lab.<String>experiment("serial").build().run(() -> "a", () -> "b");
            } catch (MismatchException e) {
                thrown = e;
            }
            assertThat(thrown).isNotNull();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(thrown);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                MismatchException copy = (MismatchException) in.readObject();
                assertThat(copy.getMessage()).isEqualTo(thrown.getMessage());
                assertThat(copy.experiment()).isEqualTo("serial");
                assertThat(copy.outcomes()).containsEntry("candidate", Outcome.MISMATCH);
            }
        }
    }

    /** Thrown from a method of its own, so its stack shows where. */
    private static String failInVersionTwo(Object state) {
        throw new Unserializable("v2 bug", state);
    }

    /** A candidate's exception that cannot be serialized: it holds a plain Object. */
    static final class Unserializable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // on purpose: serializing this field fails
        final Object state;

        Unserializable(String message, Object state) {
            super(message);
            this.state = state;
        }
    }

    private static MismatchException mismatchOf(Runnable call) {
        try {
            call.run();
        } catch (MismatchException e) {
            return e;
        }
        throw new AssertionError("no MismatchException");
    }

    @Test
    void mismatchExceptionCarriesThePublishedResultAndEachCandidatesOwnException() {
        RecordingPublisher published = new RecordingPublisher();
        IllegalArgumentException v3Failure = new IllegalArgumentException("v3 bug");
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).strict(true).build()) {
            Experiment<String> experiment = lab.<String>experiment("carries")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            MismatchException mismatch = mismatchOf(() -> experiment.run(
                    Call.none(),
                    () -> "a",
                    Candidates.<String>of("v2", () -> failInVersionTwo(new Object()))
                            .and("v3", () -> {
                                throw v3Failure;
                            })
                            .and("v4", () -> "a")));
            assertThat(mismatch.result()).isSameAs(published.results.get(0));
            Throwable v2Failure = mismatch.result().candidate("v2").run().exception();
            assertThat(mismatch.getSuppressed()).containsExactly(v2Failure, v3Failure);
            assertThat(v2Failure.getStackTrace()[0].getMethodName()).isEqualTo("failInVersionTwo");
            assertThat(mismatch.outcomes())
                    .containsEntry("v2", Outcome.MISMATCH)
                    .containsEntry("v3", Outcome.MISMATCH)
                    .containsEntry("v4", Outcome.MATCH);
        }
    }

    @Test
    void mismatchExceptionCarriesTheComparatorsOwnException() {
        IllegalStateException comparatorFault = new IllegalStateException("comparator bug");
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<String> experiment = lab.<String>experiment("comparator-fault")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .comparator((a, b) -> {
                        throw comparatorFault;
                    })
                    .build();
            MismatchException mismatch = mismatchOf(() -> experiment.run(() -> "a", () -> "a"));
            assertThat(mismatch.getSuppressed()).containsExactly(comparatorFault);
            assertThat(mismatch.result().candidates().get(0).fault()).isSameAs(comparatorFault);
        }
    }

    @Test
    void mismatchExceptionSerializesWhateverTheCandidatesThrewAndKeepsTheirClassAndStack() throws Exception {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<String> experiment = lab.<String>experiment("round-trip")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            MismatchException thrown =
                    mismatchOf(() -> experiment.run(() -> "a", () -> failInVersionTwo(new Object())));
            Throwable original = thrown.getSuppressed()[0];
            assertThat(original).isInstanceOf(Unserializable.class);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(thrown);
            }
            MismatchException copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (MismatchException) in.readObject();
            }
            assertThat(copy.result()).isNull();
            assertThat(copy.getMessage()).isEqualTo(thrown.getMessage());
            assertThat(copy.getStackTrace()).isEqualTo(thrown.getStackTrace());
            assertThat(copy.getSuppressed()).singleElement().satisfies(suppressed -> {
                assertThat(suppressed).isInstanceOf(MismatchException.CandidateFailure.class);
                MismatchException.CandidateFailure failure = (MismatchException.CandidateFailure) suppressed;
                assertThat(failure.className()).isEqualTo(Unserializable.class.getName());
                assertThat(failure.getMessage()).contains("v2 bug");
                assertThat(Arrays.asList(failure.getStackTrace())).isEqualTo(Arrays.asList(original.getStackTrace()));
            });
            // the exception itself is untouched by being serialized
            assertThat(thrown.result()).isNotNull();
            assertThat(thrown.getSuppressed()).containsExactly(original);
        }
    }

    @Test
    void strictModeMessagesShowTheCleanedAndRedactedValues() {
        record Customer(String name, String card) {}
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<Customer> experiment = lab.<Customer>experiment("cleaned-message")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .cleaner(c -> new Customer(c.name().toUpperCase(Locale.ROOT), c.card()))
                    .redactPaths("/card")
                    .build();
            MismatchException mismatch = mismatchOf(() ->
                    experiment.run(() -> new Customer("ann", "4111-1111"), () -> new Customer("anne", "4222-2222")));
            assertThat(mismatch.getMessage())
                    .contains("\"ANN\" -> \"ANNE\"")
                    .contains("[REDACTED]")
                    .doesNotContain("anne")
                    .doesNotContain("\"ann\"")
                    .doesNotContain("4111")
                    .doesNotContain("4222");
        }
    }

    /** An exception whose message cannot be read. */
    static final class UnreadableMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage bug");
        }
    }

    @Test
    void mismatchExceptionSerializesEvenWhenACandidatesExceptionCannotSayItsMessage() throws Exception {
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<String> experiment = lab.<String>experiment("unreadable-candidate")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            MismatchException thrown = mismatchOf(() -> experiment.run(() -> "a", () -> {
                throw new UnreadableMessage();
            }));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(thrown);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                MismatchException copy = (MismatchException) in.readObject();
                assertThat(((MismatchException.CandidateFailure) copy.getSuppressed()[0]).className())
                        .isEqualTo(UnreadableMessage.class.getName());
            }
        }
    }

    @Test
    void inStrictModeAControlExceptionThatCannotSayItsMessageStillGivesAMismatchException() {
        UnreadableMessage failure = new UnreadableMessage();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder().strict(true).build()) {
            Experiment<String> experiment = lab.<String>experiment("unreadable-control")
                    .candidateTimeout(Duration.ofSeconds(30))
                    .build();
            assertThatThrownBy(() -> experiment.run(
                            () -> {
                                throw failure;
                            },
                            () -> "value"))
                    .isInstanceOf(MismatchException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).contains(failure));
        }
    }
}
