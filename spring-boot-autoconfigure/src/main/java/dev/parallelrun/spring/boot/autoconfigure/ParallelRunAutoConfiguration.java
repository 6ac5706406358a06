package dev.parallelrun.spring.boot.autoconfigure;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.spi.ExperimentCustomizer;
import dev.parallelrun.experiment.spi.ExperimentSpec;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.publisher.micrometer.MicrometerPublisher;
import dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link RuntimeLaboratory} for the application, closed on shutdown, with a publisher into each of the
 * application's meter registry, OpenTelemetry and (when {@code parallelrun.json-lines.directory} is set) JSON Lines
 * files. Each bean backs off when the application defines its own: a {@link Laboratory} of its own replaces the
 * laboratory, a {@link MicrometerPublisher}, {@link OpenTelemetryPublisher} or {@link JsonLinesPublisher} of its
 * own replaces that publisher.
 *
 * <p>The laboratory gets every {@link Publisher} bean, in their {@code @Order}; every {@link ExperimentCustomizer}
 * bean, then the {@code parallelrun.experiments.*} properties ({@link PropertiesExperimentCustomizer}), so
 * properties win; then every {@link LaboratoryBuilderCustomizer} bean.
 *
 * <p>A {@link MigrationStages} bean hands out stage sources for migrations, starting at
 * {@code parallelrun.migrations.<name>.stage} and set at run time through the {@code migrations} endpoint.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"
        })
@ConditionalOnClass(RuntimeLaboratory.class)
@EnableConfigurationProperties(ParallelRunProperties.class)
public final class ParallelRunAutoConfiguration {

    /** The prefix of the publishers' switches. */
    private static final String PREFIX = ParallelRunProperties.PREFIX;

    @Bean
    @ConditionalOnMissingBean
    PropertiesExperimentCustomizer parallelRunPropertiesCustomizer(ParallelRunProperties properties) {
        return new PropertiesExperimentCustomizer(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationStages parallelRunMigrationStages(ParallelRunProperties properties) {
        return new MigrationStages(properties.initialStages());
    }

    // Lists rather than ObjectProviders: Spring then knows the laboratory depends on every publisher, and closes
    // the laboratory (which drains its queue into the publishers, then closes them) before any of them.
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Laboratory.class)
    RuntimeLaboratory parallelRunLaboratory(
            ParallelRunProperties properties,
            List<Publisher> publishers,
            List<ExperimentCustomizer> customizers,
            PropertiesExperimentCustomizer fromProperties,
            List<LaboratoryBuilderCustomizer> builderCustomizers) {
        RuntimeLaboratory.Builder builder = RuntimeLaboratory.builder()
                .strict(properties.isStrict())
                .queueCapacity(properties.getQueueCapacity())
                .closeTimeout(properties.getCloseTimeout());
        publishers.forEach(builder::publisher);
        List<ExperimentCustomizer> inOrder = new ArrayList<>();
        for (ExperimentCustomizer customizer : customizers) {
            if (customizer != fromProperties) {
                inOrder.add(customizer);
            }
        }
        inOrder.add(fromProperties); // last: properties win over code and over the application's customizers
        builder.customizer(new Customizers(List.copyOf(inOrder)));
        builderCustomizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> parallelRunExperimentNamesCheck(
            ObjectProvider<ParallelRunProperties> properties, ObjectProvider<Laboratory> laboratories) {
        return new ExperimentNamesCheck(properties, laboratories);
    }

    /** Customizers applied one after the other. */
    private record Customizers(List<ExperimentCustomizer> all) implements ExperimentCustomizer {
        @Override
        public void customize(String name, ExperimentSpec.Builder<?> options) {
            for (ExperimentCustomizer customizer : all) {
                customizer.customize(name, options);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MicrometerPublisher.class, MeterRegistry.class})
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnBooleanProperty(prefix = PREFIX + ".micrometer", name = "enabled", matchIfMissing = true)
    static final class MicrometerPublisherConfiguration {

        @Bean(destroyMethod = "") // the laboratory closes its publishers
        @ConditionalOnMissingBean
        MicrometerPublisher parallelRunMicrometerPublisher(MeterRegistry registry, ParallelRunProperties properties) {
            return MicrometerPublisher.builder(registry)
                    .percentileHistograms(properties.getMicrometer().isPercentileHistograms())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenTelemetryPublisher.class, OpenTelemetry.class})
    @ConditionalOnBean(OpenTelemetry.class)
    @ConditionalOnBooleanProperty(prefix = PREFIX + ".opentelemetry", name = "enabled", matchIfMissing = true)
    static final class OpenTelemetryPublisherConfiguration {

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        OpenTelemetryPublisher parallelRunOpenTelemetryPublisher(
                OpenTelemetry openTelemetry, ParallelRunProperties properties) {
            ParallelRunProperties.OpenTelemetry options = properties.getOpentelemetry();
            return OpenTelemetryPublisher.builder(openTelemetry)
                    .maxBodyChars(options.getMaxBodyChars())
                    .writeFailureKeys(options.isWriteFailureKeys())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonLinesPublisher.class)
    @ConditionalOnProperty(prefix = PREFIX + ".json-lines", name = "directory")
    static final class JsonLinesPublisherConfiguration {

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        JsonLinesPublisher parallelRunJsonLinesPublisher(ParallelRunProperties properties) {
            ParallelRunProperties.JsonLines options = properties.getJsonLines();
            Path directory = Objects.requireNonNull(options.getDirectory(), "json-lines.directory");
            try {
                return JsonLinesPublisher.builder(directory)
                        .everyResult(options.isEveryResult())
                        .maxFileBytes(options.getMaxFileSize().toBytes())
                        .maxTotalBytes(options.getMaxTotalSize().toBytes())
                        .summaryInterval(options.getSummaryInterval())
                        .build();
            } catch (IllegalArgumentException e) {
                // the directory cannot be made or written: say which key to change
                throw new IllegalStateException(
                        PREFIX + ".json-lines.directory=" + directory + ": " + e.getMessage(), e);
            }
        }
    }
}
