package dev.parallelrun.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.ExperimentStats;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.runtime.RuntimeLaboratory;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.ExperimentProperties;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunProperties.Sampling;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class ParallelRunPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ParallelRunAutoConfiguration.class))
            .withUserConfiguration(PricingExperiment.class);

    @Test
    void bindsEveryExperimentKey() {
        runner.withPropertyValues(
                        "parallelrun.experiments.pricing-v2.enabled=true",
                        "parallelrun.experiments.pricing-v2.sample-rate=0.25",
                        "parallelrun.experiments.pricing-v2.sampling=keyed",
                        "parallelrun.experiments.pricing-v2.candidate-timeout=750ms",
                        "parallelrun.experiments.pricing-v2.max-concurrent-candidates=8",
                        "parallelrun.experiments.pricing-v2.ignore-paths=/quotedAt,/lines/*/id",
                        "parallelrun.experiments.pricing-v2.redact-paths[0]=/customer/email",
                        "parallelrun.experiments.pricing-v2.expires-on=2027-03-01")
                .run(context -> {
                    ExperimentProperties experiment = context.getBean(ParallelRunProperties.class)
                            .getExperiments()
                            .get("pricing-v2");
                    assertThat(experiment.isEnabled()).isTrue();
                    assertThat(experiment.getSampleRate()).isEqualTo(0.25);
                    assertThat(experiment.getSampling()).isEqualTo(Sampling.KEYED);
                    assertThat(experiment.getCandidateTimeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(experiment.getMaxConcurrentCandidates()).isEqualTo(8);
                    assertThat(experiment.getIgnorePaths()).containsExactly("/quotedAt", "/lines/*/id");
                    assertThat(experiment.getRedactPaths()).containsExactly("/customer/email");
                    assertThat(experiment.getExpiresOn()).isEqualTo(LocalDate.parse("2027-03-01"));
                });
    }

    @Test
    void bindsEachMigrationsStage() {
        runner.withPropertyValues(
                        "parallelrun.migrations.customer-store.stage=ramp-down",
                        "parallelrun.migrations[orders.store_eu].stage=DUAL_WRITE",
                        "parallelrun.migrations.invoices.stage=Live")
                .run(context -> {
                    ParallelRunProperties properties = context.getBean(ParallelRunProperties.class);
                    assertThat(properties.initialStages())
                            .containsExactlyInAnyOrderEntriesOf(Map.of(
                                    "customer-store", Stage.RAMP_DOWN,
                                    "orders.store_eu", Stage.DUAL_WRITE,
                                    "invoices", Stage.LIVE));
                    assertThat(new ParallelRunProperties.MigrationProperties().getStage())
                            .isEqualTo(Stage.OFF);
                });
    }

    @Test
    void bindsTheLaboratoryAndPublisherKeys() {
        runner.withPropertyValues(
                        "parallelrun.strict=true",
                        "parallelrun.queue-capacity=500",
                        "parallelrun.close-timeout=2s",
                        "parallelrun.micrometer.enabled=false",
                        "parallelrun.micrometer.percentile-histograms=true",
                        "parallelrun.opentelemetry.enabled=false",
                        "parallelrun.opentelemetry.max-body-chars=4096",
                        "parallelrun.opentelemetry.write-failure-keys=true",
                        "parallelrun.json-lines.every-result=true",
                        "parallelrun.json-lines.max-file-size=1MB",
                        "parallelrun.json-lines.max-total-size=10MB",
                        "parallelrun.json-lines.summary-interval=5s")
                .run(context -> {
                    ParallelRunProperties properties = context.getBean(ParallelRunProperties.class);
                    assertThat(properties.isStrict()).isTrue();
                    assertThat(properties.getQueueCapacity()).isEqualTo(500);
                    assertThat(properties.getCloseTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getMicrometer().isEnabled()).isFalse();
                    assertThat(properties.getMicrometer().isPercentileHistograms())
                            .isTrue();
                    assertThat(properties.getOpentelemetry().isEnabled()).isFalse();
                    assertThat(properties.getOpentelemetry().getMaxBodyChars()).isEqualTo(4096);
                    assertThat(properties.getOpentelemetry().isWriteFailureKeys())
                            .isTrue();
                    assertThat(properties.getJsonLines().isEveryResult()).isTrue();
                    assertThat(properties.getJsonLines().getMaxFileSize().toMegabytes())
                            .isEqualTo(1);
                    assertThat(properties.getJsonLines().getMaxTotalSize().toMegabytes())
                            .isEqualTo(10);
                    assertThat(properties.getJsonLines().getSummaryInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(context.getBean(RuntimeLaboratory.class).strict())
                            .isTrue();
                });
    }

    @Test
    void propertiesReachTheExperimentTheApplicationBuilds() {
        runner.withPropertyValues(
                        "parallelrun.experiments.pricing-v2.sample-rate=1",
                        "parallelrun.experiments.pricing-v2.ignore-paths=/quotedAt",
                        "parallelrun.experiments.pricing-v2.expires-on=2027-03-01")
                .run(context -> {
                    // the code samples no call and has no expiry: the properties win
                    Experiment<Map<String, Object>> pricing = context.getBean(PricingExperiment.class).pricing;
                    pricing.run(
                            () -> Map.of("total", 10, "quotedAt", "10:00"),
                            () -> Map.of("total", 10, "quotedAt", "10:01"));
                    ExperimentStats stats = awaitSampled(pricing, 1);
                    assertThat(stats.count(Outcome.IGNORED)).isEqualTo(1);
                    assertThat(stats.expiresOn()).isEqualTo(LocalDate.parse("2027-03-01"));
                });
    }

    @Test
    void bracketedNamesKeepTheirDotsAndUnderscores() {
        runner.withPropertyValues("parallelrun.experiments[pricing.v2_eu].sample-rate=0.5")
                .run(context -> {
                    assertThat(context.getBean(ParallelRunProperties.class).getExperiments())
                            .containsOnlyKeys("pricing.v2_eu");
                });
    }

    @Test
    void defaultsAreThePublishersOwn() {
        ParallelRunProperties properties = new ParallelRunProperties();
        assertThat(properties.getJsonLines().getMaxFileSize().toBytes())
                .isEqualTo(JsonLinesPublisher.DEFAULT_MAX_FILE_BYTES);
        assertThat(properties.getJsonLines().getMaxTotalSize().toBytes())
                .isEqualTo(JsonLinesPublisher.DEFAULT_MAX_TOTAL_BYTES);
        assertThat(properties.getJsonLines().getSummaryInterval())
                .isEqualTo(JsonLinesPublisher.DEFAULT_SUMMARY_INTERVAL);
        assertThat(properties.getQueueCapacity()).isEqualTo(10_000);
        assertThat(properties.getCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.getOpentelemetry().isWriteFailureKeys())
                .as("keys stay out of shared backends")
                .isFalse();
    }

    @ParameterizedTest(name = "parallelrun.{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            experiments.pricing-v2.sample-rate | 1.5 | experiments.pricing-v2.sample-rate | 1.5
            experiments.pricing-v2.sample-rate | often | experiments.pricing-v2.sample-rate | often
            experiments.pricing-v2.sampling | keyed | experiments.pricing-v2.sampling | sample-rate
            experiments.pricing-v2.sampling | sticky | experiments.pricing-v2.sampling | sticky
            experiments.pricing-v2.candidate-timeout | 0s | experiments.pricing-v2.candidate-timeout | PT0S
            experiments.pricing-v2.candidate-timeout | 2d | experiments.pricing-v2.candidate-timeout | PT48H
            experiments.pricing-v2.candidate-timeout | soon | experiments.pricing-v2.candidate-timeout | soon
            experiments.pricing-v2.max-concurrent-candidates | 0 | experiments.pricing-v2.max-concurrent-candidates | 0
            experiments.pricing-v2.ignore-paths | /a,quotedAt | experiments.pricing-v2.ignore-paths[1] | quotedAt
            experiments.pricing-v2.redact-paths | /customer/e* | experiments.pricing-v2.redact-paths[0] | /customer/e*
            experiments.pricing-v2.expires-on | next-year | experiments.pricing-v2.expires-on | next-year
            experiments[pricing.v2].sample-rate | 2 | experiments[pricing.v2].sample-rate | 2
            migrations.customer-store.stage | sideways | migrations.customer-store.stage | sideways
            migrations[customer.store].stage | half | migrations[customer.store].stage | half
            queue-capacity | 0 | queue-capacity | 0
            close-timeout | -1s | close-timeout | PT-1S
            opentelemetry.max-body-chars | 10 | opentelemetry.max-body-chars | 10
            json-lines.max-file-size | 10B | json-lines.max-file-size | 10B
            json-lines.max-total-size | 1KB | json-lines.max-total-size | 1024B
            json-lines.summary-interval | 1ms | json-lines.summary-interval | PT0.001S
            """)
    void aBadValueFailsTheStartupNamingItsKey(String property, String value, String key, String shown) {
        runner.withPropertyValues("parallelrun." + property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            String messages = messages(context.getStartupFailure());
            assertThat(messages).contains("parallelrun." + key).contains(shown);
        });
    }

    @Test
    void theStartupFailureAPersonReadsNamesTheKeyAndTheProblem(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PricingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run(
                        "--parallelrun.experiments.pricing-v2.sample-rate=1.5", "--spring.main.banner-mode=off"))
                .isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("parallelrun.experiments.pricing-v2.sample-rate")
                .contains("must be in [0, 1], was 1.5");
    }

    @Test
    void aNameNoExperimentHasIsWarnedAboutOnceTheApplicationIsReady(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PricingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (var context = application.run(
                "--parallelrun.experiments.pricing-v3.sample-rate=0.5",
                "--parallelrun.experiments.pricing-v2.sample-rate=0.5",
                "--spring.main.banner-mode=off")) {
            assertThat(context.isRunning()).isTrue();
        }
        assertThat(output)
                .contains("parallelrun.experiments.pricing-v3 is set, but the application has built no"
                        + " experiment of that name yet (experiments: pricing-v2)");
        assertThat(output).doesNotContain("parallelrun.experiments.pricing-v2 is set");
    }

    @Test
    void metadataListsTheKeysForIdes() throws Exception {
        JsonNode metadata;
        try (InputStream in =
                ParallelRunProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties")
                .forEach(property -> names.add(property.get("name").asText()));
        assertThat(names)
                .contains(
                        "parallelrun.strict",
                        "parallelrun.queue-capacity",
                        "parallelrun.close-timeout",
                        "parallelrun.experiments",
                        "parallelrun.migrations",
                        "parallelrun.micrometer.enabled",
                        "parallelrun.opentelemetry.enabled",
                        "parallelrun.opentelemetry.write-failure-keys",
                        "parallelrun.json-lines.directory",
                        "parallelrun.json-lines.every-result",
                        "parallelrun.json-lines.max-file-size",
                        "parallelrun.json-lines.summary-interval");
        metadata.get("properties")
                .forEach(property -> assertThat(property.path("description").asText())
                        .as(property.get("name").asText())
                        .isNotBlank());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static ExperimentStats awaitSampled(Experiment<?> experiment, long sampled) {
        await().until(() -> experiment.stats().sampled() >= sampled);
        return experiment.stats();
    }

    /** An application that builds one experiment, as its code wants it. */
    @Configuration(proxyBeanMethods = false)
    static class PricingExperiment {
        final Experiment<Map<String, Object>> pricing;

        PricingExperiment(Laboratory laboratory) {
            this.pricing = laboratory
                    .<Map<String, Object>>experiment("pricing-v2")
                    .sampleRate(0)
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ParallelRunAutoConfiguration.class)
    static class PricingApplication {
        @Bean
        PricingExperiment pricingExperiment(Laboratory laboratory) {
            return new PricingExperiment(laboratory);
        }
    }
}
