package dev.parallelrun.publisher.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Readiness;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.SkipReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every publisher must do. A publisher's test class extends this and says how to make a fresh
 * publisher and how many results its destination shows; it then adds its own tests against the real
 * library behind it.
 *
 * <p>The rules: accept every outcome, every skip reason, a candidate that never started, a failed comparison with
 * its fault, nulls, exceptions without messages, huge values and unicode; read a laboratory's statistics with every
 * part set (skips by reason, runaways, engine faults, an inconclusive verdict); never throw out of {@code publish};
 * stay safe when {@code close()} runs while the publishing thread is still publishing; and have flushed everything
 * it accepted once {@code close()} returns.
 *
 * <p>Every publisher is attached to {@link SampleResults#laboratory()} before its first result, so a publisher that
 * reads statistics (gauges, summaries) reads {@link SampleResults#stats()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PublisherContractTest {

    private @Nullable Publisher publisher;

    /** A fresh publisher writing to a fresh destination; the suite attaches it to a sample laboratory and closes it. */
    protected abstract Publisher newPublisher() throws Exception;

    /**
     * How many of the given published results the destination shows now (lines written, spans ended,
     * counter increments...). Called after {@code close()}.
     */
    protected abstract long publishedCount(List<Result<@Nullable Object>> published) throws Exception;

    private Publisher publisher() throws Exception {
        if (publisher == null) {
            publisher = newPublisher();
            publisher.attach(SampleResults.laboratory());
        }
        return publisher;
    }

    @AfterEach
    void closePublisher() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void acceptsEveryOutcome() throws Exception {
        Publisher under = publisher();
        for (Outcome outcome : Outcome.values()) {
            Result<@Nullable Object> result = SampleResults.of(outcome);
            assertThatCode(() -> under.publish(result)).as(outcome.name()).doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsEverySkipReason() throws Exception {
        Publisher under = publisher();
        for (Result<@Nullable Object> result : SampleResults.everySkipReason()) {
            SkipReason reason = result.candidates().get(0).skipReason();
            assertThat(reason).isNotNull();
            assertThatCode(() -> under.publish(result)).as(reason.name()).doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsACandidateThatNeverStartedAndAFailedComparisonWithItsFault() throws Exception {
        Publisher under = publisher();
        Result<@Nullable Object> neverStarted = SampleResults.neverStarted();
        Result<@Nullable Object> failed = SampleResults.comparisonFailed();
        assertThat(neverStarted.candidates().get(0).run()).isNotNull().satisfies(run -> {
            assertThat(run.started()).isFalse();
            assertThat(run.startDelay()).isPositive();
        });
        assertThat(failed.candidates().get(0).fault()).isNotNull();

        assertThatCode(() -> under.publish(neverStarted)).doesNotThrowAnyException();
        assertThatCode(() -> under.publish(failed)).doesNotThrowAnyException();
    }

    @Test
    void readsAStatisticsSnapshotWithEveryPartSet() throws Exception {
        ExperimentStats stats = SampleResults.stats();
        assertThat(stats.readiness().status()).isEqualTo(Readiness.Status.INCONCLUSIVE);
        assertThat(stats.runaways()).isPositive();
        assertThat(stats.faults(FaultSource.ENGINE)).isPositive();
        assertThat(stats.skipped().values())
                .allSatisfy(count -> assertThat(count).isPositive());

        Publisher under = publisher(); // attached to SampleResults.laboratory(), whose experiment reports stats
        assertThatCode(() -> under.publish(SampleResults.mismatch())).doesNotThrowAnyException();
        assertThatCode(under::close).doesNotThrowAnyException();
        publisher = null;
    }

    @Test
    void acceptsNullValuesAndExceptionsWithoutMessages() throws Exception {
        Publisher under = publisher();
        assertThatCode(() -> under.publish(SampleResults.nullsAndMessagelessException()))
                .doesNotThrowAnyException();
        assertThatCode(() -> under.publish(SampleResults.bothThrew())).doesNotThrowAnyException();
    }

    @Test
    void acceptsHugeValues() throws Exception {
        Publisher under = publisher();
        assertThatCode(() -> under.publish(SampleResults.hugeValues(1024 * 1024)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsUnicodeEverywhere() throws Exception {
        Publisher under = publisher();
        assertThatCode(() -> under.publish(SampleResults.unicode())).doesNotThrowAnyException();
    }

    @Test
    void acceptsTracesExpiryAndSeveralCandidates() throws Exception {
        Publisher under = publisher();
        assertThatCode(() -> under.publish(SampleResults.tracedAndExpired())).doesNotThrowAnyException();
        assertThatCode(() -> under.publish(SampleResults.twoCandidates())).doesNotThrowAnyException();
    }

    @Test
    void flushesEverythingOnClose() throws Exception {
        Publisher under = publisher();
        List<Result<@Nullable Object>> published = SampleResults.all();
        for (Result<@Nullable Object> result : published) {
            under.publish(result);
        }
        under.close();
        publisher = null;
        assertThat(publishedCount(published)).isEqualTo(expectedCount(published));
    }

    /**
     * How many of {@code published} the destination should show; by default all of them. A publisher that
     * deliberately leaves some out (a file of mismatches only) says so here.
     */
    protected long expectedCount(List<Result<@Nullable Object>> published) {
        return published.size();
    }

    @Test
    void closeWhilePublishingNeitherThrowsNorHangs() throws Exception {
        Publisher under = publisher();
        CountDownLatch publishing = new CountDownLatch(1);
        AtomicReference<@Nullable Throwable> escaped = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("contract-publishing-thread").start(() -> {
            List<Result<@Nullable Object>> samples = SampleResults.all();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int i = 0;
            while (System.nanoTime() < until) {
                try {
                    under.publish(samples.get(i++ % samples.size()));
                } catch (Throwable e) {
                    escaped.compareAndSet(null, e);
                }
                publishing.countDown();
            }
        });
        assertThat(publishing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatCode(under::close).doesNotThrowAnyException();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive())
                .as("publishing thread still running after close")
                .isFalse();
        assertThat(escaped.get()).as("exception out of publish").isNull();
        publisher = null;
    }

    @Test
    void closeTwiceAndPublishAfterCloseAreHarmless() throws Exception {
        Publisher under = publisher();
        under.publish(SampleResults.mismatch());
        under.close();
        assertThatCode(under::close).doesNotThrowAnyException();
        assertThatCode(() -> under.publish(SampleResults.mismatch())).doesNotThrowAnyException();
        publisher = null;
    }
}
