package dev.parallelrun.experiment.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A fault is logged on one line: class, message, at most three frames and the root cause; never more than once an interval, never a throw. */
class ThrottledLogTest {

    /** An exception {@code depth} frames deep, so that it has more frames than a line shows. */
    private static RuntimeException thrownAtDepth(int depth, String message, Throwable cause) {
        if (depth == 0) {
            return new IllegalStateException(message, cause);
        }
        return thrownAtDepth(depth - 1, message, cause);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void oneLineHasTheClassTheMessageAndThreeFrames() {
        RuntimeException fault = thrownAtDepth(20, "bad value", null);
        String line = ThrottledLog.oneLine(fault);
        StackTraceElement[] frames = fault.getStackTrace();
        assertThat(line)
                .startsWith("java.lang.IllegalStateException: bad value at " + frames[0] + " < " + frames[1] + " < "
                        + frames[2] + " (" + (frames.length - 3) + " more frames)");
        assertThat(line).endsWith(" (" + (frames.length - 3) + " more frames)");
        assertThat(occurrences(line, " < ")).isEqualTo(2);
    }

    @Test
    void oneLineHasNoLineBreakEvenWhenTheMessageHasSome() {
        String line = ThrottledLog.oneLine(new IllegalArgumentException("first\nsecond\r\nthird"));
        assertThat(line).doesNotContain("\n").doesNotContain("\r").contains("first second  third");
    }

    @Test
    void oneLineEndsWithTheRootCauseAndItsFrames() {
        java.io.IOException root = new java.io.IOException("disk full");
        RuntimeException middle = new RuntimeException("wrapped", root);
        RuntimeException fault = thrownAtDepth(5, "outer", middle);
        String line = ThrottledLog.oneLine(fault);
        assertThat(line).startsWith("java.lang.IllegalStateException: outer at ");
        assertThat(line).contains("; caused by java.io.IOException: disk full at " + root.getStackTrace()[0]);
        assertThat(line).doesNotContain("wrapped"); // the root, not every link of the chain
        assertThat(occurrences(line, "; caused by ")).isEqualTo(1);
    }

    @Test
    void anExceptionWithoutMessageOrFramesIsItsClassName() {
        RuntimeException bare = new RuntimeException((String) null);
        bare.setStackTrace(new StackTraceElement[0]);
        assertThat(ThrottledLog.oneLine(bare)).isEqualTo("java.lang.RuntimeException");
    }

    @Test
    void oneLineNeverThrowsWhateverTheExceptionDoes() {
        RuntimeException hostileMessage = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new IllegalStateException("getMessage bug");
            }
        };
        assertThat(ThrottledLog.oneLine(hostileMessage))
                .startsWith(hostileMessage.getClass().getName());

        RuntimeException hostileStack = new RuntimeException("stack") {
            private static final long serialVersionUID = 1L;

            @Override
            public StackTraceElement[] getStackTrace() {
                throw new IllegalStateException("getStackTrace bug");
            }
        };
        assertThat(ThrottledLog.oneLine(hostileStack))
                .isEqualTo(hostileStack.getClass().getName());

        RuntimeException hostileCause = new RuntimeException("cause") {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable getCause() {
                throw new StackOverflowError("getCause bug");
            }
        };
        assertThat(ThrottledLog.oneLine(hostileCause))
                .isEqualTo(hostileCause.getClass().getName());
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        String line = ThrottledLog.oneLine(a);
        assertThat(line).startsWith("java.lang.RuntimeException: a at ").doesNotContain("\n");
    }

    @Test
    void warnLogsTheFirstFaultAtOnceThenAtMostOnceAnIntervalAndCountsTheRest() {
        RecordingLogger logger = new RecordingLogger();
        ThrottledLog log = new ThrottledLog(logger, Duration.ofDays(1));
        assertThat(log.warn(() -> "comparator threw", new IllegalStateException("one")))
                .isTrue();
        assertThat(log.warn(() -> "comparator threw", new IllegalStateException("two")))
                .isFalse();
        assertThat(log.warn(() -> "comparator threw", new IllegalStateException("three")))
                .isFalse();
        assertThat(logger.lines).singleElement().satisfies(line -> {
            assertThat(line).startsWith("WARNING comparator threw: java.lang.IllegalStateException: one at ");
            assertThat(line).doesNotContain("\n");
        });
    }

    @Test
    void theNextLoggedFaultSaysHowManyWereNotLoggedSince() {
        RecordingLogger logger = new RecordingLogger();
        ThrottledLog log = new ThrottledLog(logger, Duration.ofMillis(200));
        assertThat(log.warn(() -> "first", null)).isTrue();
        int notLogged = 0;
        while (!log.warn(() -> "again", null)) {
            notLogged++;
            Thread.onSpinWait();
        }
        assertThat(notLogged).isPositive();
        assertThat(logger.lines)
                .containsExactly(
                        "WARNING first", "WARNING again (" + notLogged + " more since the last report, not logged)");
    }

    @Test
    void aZeroIntervalLogsEveryFault() {
        RecordingLogger logger = new RecordingLogger();
        ThrottledLog log = new ThrottledLog(logger, Duration.ZERO);
        log.warn(() -> "one", null);
        log.warn(() -> "two", null);
        assertThat(logger.lines).containsExactly("WARNING one", "WARNING two");
    }

    @Test
    void aMessageOrLoggerThatThrowsIsSwallowed() {
        ThrottledLog hostileMessage = new ThrottledLog(new RecordingLogger(), Duration.ZERO);
        Supplier<String> throwing = () -> {
            throw new IllegalStateException("message bug");
        };
        assertThat(hostileMessage.warn(throwing, new RuntimeException())).isFalse();

        RecordingLogger broken = new RecordingLogger();
        broken.broken = true;
        assertThat(new ThrottledLog(broken, Duration.ZERO).warn(() -> "x", new RuntimeException()))
                .isFalse();
    }

    /** A System.Logger that keeps "LEVEL message" per call, or throws when broken. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            record(level, message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            record(level, format);
        }

        private void record(Level level, String message) {
            if (broken) {
                throw new IllegalStateException("logging backend down");
            }
            lines.add(level + " " + message);
        }
    }
}
