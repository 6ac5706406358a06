package dev.parallelrun.publisher.micrometer;

import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Run;
import dev.parallelrun.publisher.contract.PublisherContractTest;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

class MicrometerPublisherContractTest extends PublisherContractTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected Publisher newPublisher() {
        return new MicrometerPublisher(registry);
    }

    /** Every result records its control's run exactly once: the control timers' counts are the results seen. */
    @Override
    protected long publishedCount(List<Result<Object>> published) {
        long count = 0;
        for (Timer timer : registry.find(MicrometerPublisher.DURATION)
                .tag(MicrometerPublisher.BEHAVIOR_TAG, Run.CONTROL)
                .timers()) {
            count += timer.count();
        }
        return count;
    }
}
