package dev.parallelrun.publisher.jsonlines;

import java.util.concurrent.atomic.LongAdder;

/** The publisher's running counts, read from any thread by {@link JsonLinesPublisher#stats()}. */
final class Tally {
    final LongAdder linesWritten = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder filesRotated = new LongAdder();
    final LongAdder filesDeleted = new LongAdder();
    final LongAdder writeFailures = new LongAdder();
    final LongAdder linesDropped = new LongAdder();

    JsonLinesStats snapshot() {
        return new JsonLinesStats(
                linesWritten.sum(),
                bytesWritten.sum(),
                filesRotated.sum(),
                filesDeleted.sum(),
                writeFailures.sum(),
                linesDropped.sum());
    }
}
