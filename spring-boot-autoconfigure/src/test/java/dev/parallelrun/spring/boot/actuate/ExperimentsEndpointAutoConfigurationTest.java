package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunAutoConfiguration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ExperimentsEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ParallelRunAutoConfiguration.class,
                    ExperimentsEndpointAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    InfoContributorAutoConfiguration.class));

    @Test
    void endpointWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=experiments")
                .run(context -> assertThat(context).hasSingleBean(ExperimentsEndpoint.class));
    }

    @Test
    void noEndpointByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ExperimentsEndpoint.class));
    }

    @Test
    void noEndpointWhenItsAccessIsNone() {
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=experiments",
                        "management.endpoint.experiments.access=NONE") // an application's conversion service also takes
                // 'none'
                .run(context -> assertThat(context).doesNotHaveBean(ExperimentsEndpoint.class));
    }

    @Test
    void noEndpointNorInfoWithoutActuator() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=experiments")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Laboratory.class);
                    assertThat(context)
                            .doesNotHaveBean(ExperimentsEndpoint.class)
                            .doesNotHaveBean(ExperimentsInfoContributor.class);
                });
    }

    @Test
    void noEndpointNorInfoWithoutALaboratory() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ExperimentsEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=experiments")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ExperimentsEndpoint.class)
                        .doesNotHaveBean(ExperimentsInfoContributor.class));
    }

    @Test
    void endpointBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(OwnEndpoint.class)
                .withPropertyValues("management.endpoints.web.exposure.include=experiments")
                .run(context -> {
                    assertThat(context).hasSingleBean(ExperimentsEndpoint.class);
                    assertThat(context).hasBean("ownEndpoint").doesNotHaveBean("experimentsEndpoint");
                });
    }

    @Test
    void endpointServesAnApplicationsOwnLaboratory() {
        runner.withUserConfiguration(OwnLaboratory.class)
                .withPropertyValues("management.endpoints.web.exposure.include=experiments")
                .run(context -> {
                    assertThat(context).hasSingleBean(ExperimentsEndpoint.class);
                    assertThat(context.getBean(ExperimentsEndpoint.class)
                                    .experiments()
                                    .experiments())
                            .isEmpty();
                });
    }

    @Test
    void infoContributorByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ExperimentsInfoContributor.class);
            context.getBean(Laboratory.class)
                    .experiment("greeting-v2", String.class)
                    .expiresOn(LocalDate.parse("2027-03-01"))
                    .build();
            Info.Builder info = new Info.Builder();
            context.getBean(ExperimentsInfoContributor.class).contribute(info);
            assertThat(info.build().get(ExperimentsInfoContributor.KEY))
                    .isEqualTo(Map.of("greeting-v2", Map.of("expiresOn", "2027-03-01", "expired", false)));
        });
    }

    @Test
    void noInfoContributorWhenTurnedOff() {
        runner.withPropertyValues("management.info.experiments.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ExperimentsInfoContributor.class));
    }

    @Test
    void infoContributorBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(OwnInfo.class).run(context -> {
            assertThat(context).hasSingleBean(ExperimentsInfoContributor.class);
            assertThat(context).hasBean("ownInfo").doesNotHaveBean("experimentsInfoContributor");
        });
    }

    @Test
    void noHealthContributorEver() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=*").run(context -> {
            assertThat(context).hasSingleBean(ExperimentsEndpoint.class).hasSingleBean(InfoContributor.class);
            assertThat(context).doesNotHaveBean(HealthContributor.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {
        @Bean
        ExperimentsEndpoint ownEndpoint(Laboratory laboratory) {
            return new ExperimentsEndpoint(laboratory, null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLaboratory {
        @Bean
        Laboratory ownLaboratory() {
            return Laboratory.noop();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInfo {
        @Bean
        ExperimentsInfoContributor ownInfo(Laboratory laboratory) {
            return new ExperimentsInfoContributor(laboratory);
        }
    }
}
