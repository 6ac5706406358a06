package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Experiment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Rule 10 of CONTRACT.md: an experiment past its expiry date is flagged; in strict mode it fails. */
class Rule10ExpiryTest {

    private static final Clock AFTER = Clock.fixed(Instant.parse("2027-03-02T09:00:00Z"), ZoneOffset.UTC);
    private static final Clock ON_THE_DAY = Clock.fixed(Instant.parse("2027-03-01T23:59:00Z"), ZoneOffset.UTC);

    @Test
    void pastItsExpiryTheExperimentStillRunsButIsFlagged() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().publisher(published).clock(AFTER).build()) {
            Experiment<String> experiment = lab.<String>experiment("old")
                    .expiresOn(LocalDate.parse("2027-03-01"))
                    .build();
            assertThat(experiment.run(() -> "a", () -> "a")).isEqualTo("a");
            assertThat(published.first().expired()).isTrue();
            assertThat(published.first().expiresOn()).isEqualTo(LocalDate.parse("2027-03-01"));
            assertThat(experiment.stats().expired()).isTrue();
        }
    }

    @Test
    void pastItsExpiryTheExperimentLogsAWarningOnce() {
        RecordingPublisher published = new RecordingPublisher();
        try (LogCapture log = new LogCapture();
                RuntimeLaboratory lab = RuntimeLaboratory.builder()
                        .publisher(published)
                        .clock(AFTER)
                        .build()) {
            Experiment<String> experiment = lab.<String>experiment("nagging")
                    .maxConcurrentCandidates(1_000)
                    .expiresOn(LocalDate.parse("2027-03-01"))
                    .build();
            for (int i = 0; i < 20; i++) {
                experiment.run(() -> "a", () -> "a");
            }
            published.await(20);
            experiment.stats();
            assertThat(log.count("'nagging' expired on 2027-03-01")).isEqualTo(1);
        }
    }

    @Test
    void onItsExpiryDayTheExperimentIsNotYetExpired() {
        RecordingPublisher published = new RecordingPublisher();
        try (RuntimeLaboratory lab = RuntimeLaboratory.builder()
                .publisher(published)
                .clock(ON_THE_DAY)
                .build()) {
            Experiment<String> experiment = lab.<String>experiment("today")
                    .expiresOn(LocalDate.parse("2027-03-01"))
                    .build();
            experiment.run(() -> "a", () -> "a");
            assertThat(published.first().expired()).isFalse();
            assertThat(experiment.stats().expired()).isFalse();
        }
    }

    @Test
    void inStrictModeAnExpiredExperimentFailsToBuild() {
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().strict(true).clock(AFTER).build()) {
            assertThatThrownBy(() -> lab.<String>experiment("forgotten")
                            .expiresOn(LocalDate.parse("2027-03-01"))
                            .build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("forgotten")
                    .hasMessageContaining("expired on 2027-03-01");
        }
    }

    @Test
    void inStrictModeARunAfterExpiryFails() {
        MutableClock clock = new MutableClock(ON_THE_DAY.instant());
        try (RuntimeLaboratory lab =
                RuntimeLaboratory.builder().strict(true).clock(clock).build()) {
            Experiment<String> experiment = lab.<String>experiment("lapses")
                    .expiresOn(LocalDate.parse("2027-03-01"))
                    .build();
            assertThat(experiment.run(() -> "a", () -> "a")).isEqualTo("a");
            clock.now = AFTER.instant();
            assertThatThrownBy(() -> experiment.run(() -> "a", () -> "a"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expired");
        }
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
