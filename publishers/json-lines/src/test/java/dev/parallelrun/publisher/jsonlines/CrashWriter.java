package dev.parallelrun.publisher.jsonlines;

import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.SampleResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link CrashTest}: publishes as fast as it can, forever, until it is killed. Lines of
 * different sizes (a few hundred bytes to a few KiB, so some span page boundaries), and small files, so that
 * a rotation may be in progress when the kill comes.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        List<Result<Object>> samples = new ArrayList<>(SampleResults.everyOutcome());
        samples.add(SampleResults.nullsAndMessagelessException());
        samples.add(SampleResults.hugeValues(40)); // 100 differences: about 12 KiB
        samples.add(SampleResults.unicode());
        samples.add(SampleResults.tracedAndExpired());
        samples.add(SampleResults.twoCandidates());
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .everyResult(true)
                .maxFileBytes(256 * 1024)
                .build();
        for (long i = 0; ; i++) {
            publisher.publish(samples.get((int) (i % samples.size())));
        }
    }
}
