package dev.parallelrun.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.Sampler;
import dev.parallelrun.experiment.migration.Side;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.experiment.migration.WriteFailure;
import dev.parallelrun.experiment.spi.ExperimentCustomizer;
import dev.parallelrun.publisher.jsonlines.JsonLinesPublisher;
import dev.parallelrun.publisher.micrometer.MicrometerPublisher;
import dev.parallelrun.publisher.opentelemetry.OpenTelemetryPublisher;
import dev.parallelrun.runtime.RuntimeLaboratory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class ParallelRunAutoConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ParallelRunAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void makesOneRuntimeLaboratoryClosedWithTheContext() {
        RuntimeLaboratory[] laboratory = new RuntimeLaboratory[1];
        runner.run(context -> {
            assertThat(context).hasSingleBean(RuntimeLaboratory.class).hasSingleBean(Laboratory.class);
            laboratory[0] = context.getBean(RuntimeLaboratory.class);
            assertThat(laboratory[0].closed()).isFalse();
            assertThat(laboratory[0].strict()).isFalse();
        });
        assertThat(laboratory[0].closed()).isTrue();
    }

    @Test
    void backsOffWhenTheApplicationHasALaboratory() {
        runner.withUserConfiguration(OwnLaboratory.class).run(context -> {
            assertThat(context).hasSingleBean(Laboratory.class).doesNotHaveBean(RuntimeLaboratory.class);
            assertThat(context.getBean(Laboratory.class)).isSameAs(OwnLaboratory.LABORATORY);
        });
    }

    @Test
    void strictPropertyMakesAStrictLaboratory() {
        runner.withPropertyValues("parallelrun.strict=true")
                .run(context -> assertThat(
                                context.getBean(RuntimeLaboratory.class).strict())
                        .isTrue());
    }

    /** The publishers made when the application has the bean they publish into, and what turns each off. */
    enum Made {
        MICROMETER(MicrometerPublisher.class, Registry.class, "micrometer", OwnMicrometerPublisher.class),
        OPENTELEMETRY(OpenTelemetryPublisher.class, Telemetry.class, "opentelemetry", OwnOpenTelemetryPublisher.class);

        final Class<? extends Publisher> type;
        final Class<?> dependency;
        final String prefix;
        final Class<?> own;

        Made(Class<? extends Publisher> type, Class<?> dependency, String prefix, Class<?> own) {
            this.type = type;
            this.dependency = dependency;
            this.prefix = prefix;
            this.own = own;
        }

        /** The auto-configuration's bean name: {@code parallelRun} and the type's simple name. */
        String beanName() {
            return "parallelRun" + type.getSimpleName();
        }

        /** The application's own bean name, in the {@code Own...} configurations below. */
        String ownBeanName() {
            return "own" + type.getSimpleName();
        }
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void publisherWhenTheApplicationHasWhatItPublishesInto(Made made) {
        runner.withUserConfiguration(made.dependency)
                .run(context -> assertThat(context).hasSingleBean(made.type).hasBean(made.beanName()));
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void noPublisherWithoutWhatItPublishesInto(Made made) {
        runner.run(context -> assertThat(context).doesNotHaveBean(made.type));
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void noPublisherWhenTurnedOff(Made made) {
        runner.withUserConfiguration(made.dependency)
                .withPropertyValues("parallelrun." + made.prefix + ".enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(made.type));
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void noPublisherWithoutItsJar(Made made) {
        runner.withUserConfiguration(made.dependency)
                .withClassLoader(new FilteredClassLoader(made.type))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(RuntimeLaboratory.class)
                        .doesNotHaveBean(made.beanName()));
    }

    @ParameterizedTest
    @EnumSource(Made.class)
    void publisherBacksOffForTheApplicationsOwn(Made made) {
        runner.withUserConfiguration(made.dependency, made.own).run(context -> {
            assertThat(context).hasSingleBean(made.type);
            assertThat(context).hasBean(made.ownBeanName()).doesNotHaveBean(made.beanName());
        });
    }

    @Test
    void micrometerPublisherIsAttachedToTheLaboratory() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            // its pipeline gauges are in the registry
            assertThat(context.getBean(MeterRegistry.class)
                            .find(MicrometerPublisher.QUEUED)
                            .gauge())
                    .isNotNull();
        });
    }

    @Test
    void micrometerPublisherCountsTheRunsOfAnExperiment() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            greeting(context).run(() -> "hello", () -> "hello");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().untilAsserted(() -> assertThat(registry.find(MicrometerPublisher.RUNS)
                            .tag(MicrometerPublisher.EXPERIMENT_TAG, "greeting-v2")
                            .tag(MicrometerPublisher.OUTCOME_TAG, "MATCH")
                            .counter())
                    .isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0)));
        });
    }

    @Test
    void micrometerPercentileHistogramsFromProperties() {
        runner.withUserConfiguration(WatchedRegistry.class)
                .withPropertyValues("parallelrun.micrometer.percentile-histograms=true")
                .run(context -> {
                    List<Boolean> asked = WatchedRegistry.PERCENTILE_HISTOGRAMS;
                    greeting(context).run(() -> "hello", () -> "hello");
                    await().untilAsserted(() -> assertThat(asked).isNotEmpty().containsOnly(true));
                });
    }

    @Test
    void openTelemetryGetsAFailedWritesKeyOnlyWhenThePropertyAsks() {
        WriteFailure failure = new WriteFailure(
                "customer-store",
                "2107",
                Map.of(),
                Side.NEW,
                Stage.SHADOW,
                Instant.now(),
                new IllegalStateException("down"));
        RecordingTelemetry.RECORDS.clear();
        ContextConsumer<AssertableApplicationContext> publish =
                context -> context.getBean(OpenTelemetryPublisher.class).publishWriteFailure(failure);
        runner.withUserConfiguration(RecordingTelemetry.class).run(publish);
        runner.withUserConfiguration(RecordingTelemetry.class)
                .withPropertyValues("parallelrun.opentelemetry.write-failure-keys=true")
                .run(publish);

        assertThat(RecordingTelemetry.RECORDS)
                .extracting(attributes -> attributes.get(OpenTelemetryPublisher.WRITE_KEY))
                .containsExactly(null, "2107");
    }

    @Test
    void jsonLinesPublisherWhenADirectoryIsSet() {
        Path files = directory.resolve("jsonl");
        runner.withPropertyValues(
                        "parallelrun.json-lines.directory=" + files, "parallelrun.json-lines.summary-interval=50ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(JsonLinesPublisher.class);
                    assertThat(context.getBean(JsonLinesPublisher.class).directory())
                            .isEqualTo(files);
                    greeting(context).run(() -> "hello", () -> "hullo");
                    await().untilAsserted(() -> assertThat(context.getBean(JsonLinesPublisher.class)
                                    .stats()
                                    .linesWritten())
                            .isPositive());
                });
        assertThat(files).isDirectory();
    }

    @Test
    void noJsonLinesPublisherWithoutADirectory() {
        runner.run(context -> assertThat(context).doesNotHaveBean(JsonLinesPublisher.class));
    }

    @Test
    void jsonLinesPublisherBacksOffForTheApplicationsOwn() {
        OwnJsonLinesPublisher.directory = directory.resolve("own");
        runner.withUserConfiguration(OwnJsonLinesPublisher.class)
                .withPropertyValues("parallelrun.json-lines.directory=" + directory.resolve("unused"))
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(JsonLinesPublisher.class)
                            .doesNotHaveBean("parallelRunJsonLinesPublisher");
                });
        assertThat(directory.resolve("unused")).doesNotExist();
    }

    @Test
    void jsonLinesDirectoryThatIsAFileFailsTheStartupNamingTheKey() throws Exception {
        Path file = Files.createFile(directory.resolve("a-file"));
        runner.withPropertyValues("parallelrun.json-lines.directory=" + file).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("is a file");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("parallelrun.json-lines.directory=" + file);
        });
    }

    @Test
    void laboratoryPublishesToEveryPublisherBeanInTheirOrder() {
        runner.withUserConfiguration(TwoPublishers.class).run(context -> {
            greeting(context).run(() -> "hello", () -> "hello");
            await().untilAsserted(() -> assertThat(TwoPublishers.SEEN).containsExactly("first", "second"));
        });
    }

    @Test
    void laboratoryIsClosedBeforeThePublishersItDependsOn() {
        runner.withUserConfiguration(ClosingPublisher.class)
                .run(context -> greeting(context).run(() -> "hello", () -> "hello"));
        // the laboratory drained its queue into the publisher and closed it; then Spring closed the bean too, as it
        // closes every AutoCloseable bean (the README says to declare destroyMethod = "" where that matters)
        assertThat(ClosingPublisher.EVENTS)
                .containsExactly("published", "closed by the laboratory", "closed again by Spring");
    }

    @Test
    void applicationCustomizersRunBeforeProperties() {
        runner.withUserConfiguration(OwnCustomizer.class)
                .withPropertyValues("parallelrun.experiments.greeting-v2.expires-on=2031-01-01")
                .run(context -> {
                    Experiment<String> experiment = greeting(context);
                    // the customizer set 2030-01-01 and a 2 s timeout; the property won on the date only
                    assertThat(experiment.stats().expiresOn()).isEqualTo(LocalDate.parse("2031-01-01"));
                    assertThat(OwnCustomizer.CALLS.get()).isEqualTo(1);
                });
    }

    @Test
    void laboratoryBuilderCustomizersChangeTheLaboratory() {
        runner.withUserConfiguration(KillSwitch.class).run(context -> {
            assertThat(context.getBean(Laboratory.class).paused()).isTrue();
        });
    }

    @Test
    void propertiesCustomizerIsABeanForApplicationsThatBuildTheirOwnLaboratory() {
        runner.withUserConfiguration(OwnLaboratory.class)
                .withPropertyValues("parallelrun.experiments.greeting-v2.sample-rate=0")
                .run(context -> assertThat(context).hasSingleBean(PropertiesExperimentCustomizer.class));
    }

    @Test
    void propertiesCustomizerBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(OwnPropertiesCustomizer.class)
                .withPropertyValues("parallelrun.experiments.greeting-v2.expires-on=2031-01-01")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(PropertiesExperimentCustomizer.class)
                            .doesNotHaveBean("parallelRunPropertiesCustomizer");
                    Experiment<String> experiment = context.getBean(Laboratory.class)
                            .experiment("greeting-v2", String.class)
                            .build();
                    // the application's customizer reads its own properties, which say nothing of greeting-v2
                    assertThat(experiment.stats().expiresOn()).isNull();
                    assertThat(context.getBean(PropertiesExperimentCustomizer.class)
                                    .applied("greeting-v2"))
                            .isFalse();
                });
    }

    /** The experiment these tests run, built as an application's code would, sampling every call. */
    private static Experiment<String> greeting(ApplicationContext context) {
        return context.getBean(Laboratory.class)
                .experiment("greeting-v2", String.class)
                .sampleRate(1.0)
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPropertiesCustomizer {
        @Bean
        PropertiesExperimentCustomizer ownPropertiesCustomizer() {
            return new PropertiesExperimentCustomizer(new ParallelRunProperties());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLaboratory {
        static final Laboratory LABORATORY = Laboratory.noop();

        @Bean
        Laboratory ownLaboratory() {
            return LABORATORY;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WatchedRegistry {
        static final List<Boolean> PERCENTILE_HISTOGRAMS = new CopyOnWriteArrayList<>();

        @Bean
        MeterRegistry meterRegistry() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            registry.config()
                    .meterFilter(
                            new MeterFilter() { // sees what the publisher asks for its timers
                                @Override
                                public DistributionStatisticConfig configure(
                                        Meter.Id id, DistributionStatisticConfig config) {
                                    if (id.getName().equals(MicrometerPublisher.DURATION)) {
                                        PERCENTILE_HISTOGRAMS.add(Boolean.TRUE.equals(config.isPercentileHistogram()));
                                    }
                                    return config;
                                }
                            });
            return registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMicrometerPublisher {
        @Bean(destroyMethod = "")
        MicrometerPublisher ownMicrometerPublisher(MeterRegistry registry) {
            return new MicrometerPublisher(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Telemetry {
        @Bean
        OpenTelemetry openTelemetry() {
            return OpenTelemetry.noop();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnOpenTelemetryPublisher {
        @Bean(destroyMethod = "")
        OpenTelemetryPublisher ownOpenTelemetryPublisher(OpenTelemetry openTelemetry) {
            return OpenTelemetryPublisher.create(openTelemetry);
        }
    }

    /** An OpenTelemetry whose log records keep only their attributes: what the publisher sent. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingTelemetry {
        static final List<Attributes> RECORDS = new CopyOnWriteArrayList<>();

        @Bean
        OpenTelemetry openTelemetry() {
            LogRecordBuilder record = (LogRecordBuilder) Proxy.newProxyInstance(
                    LogRecordBuilder.class.getClassLoader(),
                    new Class<?>[] {LogRecordBuilder.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("setAllAttributes")) {
                            RECORDS.add((Attributes) args[0]);
                        }
                        return method.getReturnType() == LogRecordBuilder.class ? proxy : null;
                    });
            Logger logger = () -> record;
            return new OpenTelemetry() {
                @Override
                public TracerProvider getTracerProvider() {
                    return TracerProvider.noop();
                }

                @Override
                public LoggerProvider getLogsBridge() {
                    return name -> new LoggerBuilder() {
                        @Override
                        public LoggerBuilder setSchemaUrl(String schemaUrl) {
                            return this;
                        }

                        @Override
                        public LoggerBuilder setInstrumentationVersion(String version) {
                            return this;
                        }

                        @Override
                        public Logger build() {
                            return logger;
                        }
                    };
                }

                @Override
                public ContextPropagators getPropagators() {
                    return ContextPropagators.noop();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnJsonLinesPublisher {
        static volatile Path directory = Path.of("target", "own-jsonl");

        @Bean(destroyMethod = "")
        JsonLinesPublisher ownJsonLinesPublisher() {
            return JsonLinesPublisher.to(directory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPublishers {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @Bean(destroyMethod = "")
        @Order(2)
        Publisher second() {
            return result -> SEEN.add("second");
        }

        @Bean(destroyMethod = "")
        @Order(1)
        Publisher first() {
            return result -> SEEN.add("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClosingPublisher {
        static final List<String> EVENTS = new CopyOnWriteArrayList<>();

        @Bean
        Publisher closingPublisher() {
            return new Publisher() {
                private boolean closed;

                @Override
                public void publish(Result<?> result) {
                    EVENTS.add(closed ? "published after close" : "published");
                }

                @Override
                public synchronized void close() {
                    EVENTS.add(closed ? "closed again by Spring" : "closed by the laboratory");
                    closed = true;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCustomizer {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Bean
        ExperimentCustomizer ownCustomizer() {
            return (name, options) -> {
                CALLS.incrementAndGet();
                options.expiresOn(LocalDate.parse("2030-01-01"))
                        .candidateTimeout(Duration.ofSeconds(2))
                        .sampler(Sampler.never());
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class KillSwitch {
        @Bean
        LaboratoryBuilderCustomizer killSwitch() {
            return builder -> builder.killSwitch(() -> true);
        }
    }
}
