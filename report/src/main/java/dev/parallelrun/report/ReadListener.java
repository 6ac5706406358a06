package dev.parallelrun.report;

/**
 * Hears what a {@link ReportReader} meets while it reads, on the reading thread. Both methods do nothing by
 * default.
 */
public interface ReadListener {

    /** A listener that hears nothing. */
    ReadListener NONE = new ReadListener() {};

    /** A line or file that could not be used; called once per problem, in reading order, before it is skipped. */
    default void problem(ReadProblem problem) {}

    /** Where the reading is: called at each file's start and end, and every few thousand lines. */
    default void progress(ReadProgress progress) {}

    /**
     * How far a reader got.
     *
     * @param filesRead files finished
     * @param files files to read
     * @param bytesRead bytes read so far
     * @param bytes bytes to read (the files' sizes when listed)
     * @param lines lines read so far
     */
    record ReadProgress(int filesRead, int files, long bytesRead, long bytes, long lines) {
        /** {@code bytesRead / bytes}, between 0 and 1. */
        public double fraction() {
            return bytes <= 0
                    ? (files == 0 ? 1 : (double) filesRead / files)
                    : Math.min(1.0, (double) bytesRead / bytes);
        }
    }
}
