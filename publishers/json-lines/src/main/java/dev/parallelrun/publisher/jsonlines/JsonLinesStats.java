package dev.parallelrun.publisher.jsonlines;

/**
 * What a {@link JsonLinesPublisher} has done since it was built. Counts only grow.
 *
 * @param linesWritten whole lines written to files (results and summaries)
 * @param bytesWritten bytes of those lines, {@code \n} included
 * @param filesRotated files closed because the next line would have passed {@code maxFileBytes}
 * @param filesDeleted this publisher's oldest files deleted to stay under {@code maxTotalBytes}
 * @param writeFailures I/O errors met (opening, writing or deleting a file); none is thrown out of
 *     {@code publish}
 * @param linesDropped lines that did not reach a file: an I/O error, a line longer than
 *     {@code maxFileBytes}, or statistics that could not be read or encoded
 */
public record JsonLinesStats(
        long linesWritten,
        long bytesWritten,
        long filesRotated,
        long filesDeleted,
        long writeFailures,
        long linesDropped) {}
