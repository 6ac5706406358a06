package dev.parallelrun.publisher.jsonlines;

import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.publisher.contract.PublisherContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesPublisherContractTest extends PublisherContractTest {

    @TempDir
    Path temp;

    private Path directory;

    @Override
    protected Publisher newPublisher() throws Exception {
        directory = Files.createTempDirectory(temp, "contract");
        return JsonLinesPublisher.to(directory);
    }

    /** Result lines in the files: every line is read strictly (whole, UTF-8, one JSON object). */
    @Override
    protected long publishedCount(List<Result<Object>> published) {
        return Lines.results(directory).size();
    }

    /** By default only results with a candidate that needs attention are written. */
    @Override
    protected long expectedCount(List<Result<Object>> published) {
        return published.stream().filter(Result::needsAttention).count();
    }
}
