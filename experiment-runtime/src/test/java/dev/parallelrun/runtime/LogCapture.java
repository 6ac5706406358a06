package dev.parallelrun.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the engine logs through System.Logger (backed by java.util.logging in these tests). Public for the
 * tests of the other runtime packages.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.parallelrun");
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        logger.addHandler(this);
    }

    /** Records whose message contains {@code text}. */
    public long count(String text) {
        return records.stream()
                .filter(r -> r.getMessage() != null && r.getMessage().contains(text))
                .count();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
