package dev.parallelrun.runtime.migration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the library logs through System.Logger (java.util.logging in these tests). */
final class Logs extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.parallelrun");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    Logs() {
        logger.addHandler(this);
    }

    long count(String text) {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().contains(text)).count();
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
