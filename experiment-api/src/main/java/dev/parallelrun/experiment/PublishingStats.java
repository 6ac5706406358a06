package dev.parallelrun.experiment;

/**
 * A snapshot of a laboratory's publishing pipeline.
 *
 * @param capacity how many results the queue holds
 * @param queued results waiting to be compared and published
 * @param published results handed to the publishers
 * @param dropped results dropped because the queue was full or the laboratory was closing
 * @param publisherFailures calls to a publisher that threw
 */
public record PublishingStats(int capacity, int queued, long published, long dropped, long publisherFailures) {

    /** Nothing published: what {@link Laboratory#noop()} reports. */
    public static PublishingStats none() {
        return new PublishingStats(0, 0, 0, 0, 0);
    }
}
