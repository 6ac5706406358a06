package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.spring.boot.actuate.MigrationsEndpoint.MigrationDescriptor;
import dev.parallelrun.spring.boot.actuate.MigrationsEndpoint.StageSource;
import dev.parallelrun.spring.boot.autoconfigure.MigrationStages;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MigrationsEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ParallelRunAutoConfiguration.class,
                    ExperimentsEndpointAutoConfiguration.class,
                    MigrationsEndpointAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    InfoContributorAutoConfiguration.class));

    @Test
    void endpointWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .run(context -> assertThat(context).hasSingleBean(MigrationsEndpoint.class));
    }

    @Test
    void noEndpointByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void noEndpointWhenItsAccessIsNone() {
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=migrations",
                        "management.endpoint.migrations.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void noEndpointWithoutActuatorNorALaboratory() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        MigrationsEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .run(context -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void endpointBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(OwnEndpoint.class)
                .withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .run(context -> {
                    assertThat(context).hasSingleBean(MigrationsEndpoint.class);
                    assertThat(context).hasBean("ownEndpoint").doesNotHaveBean("migrationsEndpoint");
                });
    }

    @Test
    void aMigrationOnMigrationStagesStartsAtItsPropertyAndIsSetThroughTheEndpoint() {
        runner.withUserConfiguration(TwoMigrations.class)
                .withPropertyValues(
                        "management.endpoints.web.exposure.include=migrations",
                        "parallelrun.migrations.customer-store.stage=shadow",
                        "parallelrun.migrations.customer-stroe.stage=live")
                .run(context -> {
                    MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
                    MigrationDescriptor customers = endpoint.migration("customer-store");
                    assertThat(customers).isNotNull();
                    assertThat(customers.stage()).isEqualTo(Stage.SHADOW);
                    assertThat(customers.stageSource()).isEqualTo(StageSource.PROPERTIES);
                    assertThat(customers.requestedStage()).isEqualTo(Stage.SHADOW);
                    assertThat(endpoint.migrations().unmatchedProperties()).containsExactly("customer-stroe");

                    MigrationsEndpoint.MigrationUpdateDescriptor update =
                            endpoint.update("customer-store", "ramp-down", null);
                    assertThat(update.requestedStage()).isEqualTo(Stage.RAMP_DOWN);
                    assertThat(update.migration().stageSource()).isEqualTo(StageSource.ENDPOINT);
                    assertThat(context.getBean(MigrationStages.class).stage("customer-store"))
                            .isEqualTo(Stage.RAMP_DOWN);

                    // a migration on the application's own source, and one nobody configured
                    MigrationDescriptor orders = endpoint.migration("orders-store");
                    assertThat(orders).isNotNull();
                    assertThat(orders.stageSource()).isEqualTo(StageSource.APPLICATION);
                    assertThat(orders.requestedStage()).isNull();
                    assertThatThrownBy(() -> endpoint.update("orders-store", "live", null))
                            .isInstanceOf(InvalidEndpointRequestException.class)
                            .hasMessageContaining("application's own stage source");
                    assertThat(endpoint.migration("no-such-migration")).isNull();
                });
    }

    @Test
    void infoListsTheMigrationsAndTheirStages() {
        runner.withUserConfiguration(TwoMigrations.class).run(context -> {
            Info.Builder info = new Info.Builder();
            context.getBean(ExperimentsInfoContributor.class).contribute(info);
            assertThat(info.build().get(ExperimentsInfoContributor.MIGRATIONS_KEY))
                    .isEqualTo(Map.of(
                            "customer-store", Map.of("stage", "OFF"), "orders-store", Map.of("stage", "DUAL_WRITE")));
        });
    }

    @Test
    void noHealthContributorEver() {
        runner.withUserConfiguration(TwoMigrations.class)
                .withPropertyValues("management.endpoints.web.exposure.include=*")
                .run(context -> {
                    assertThat(context).hasSingleBean(MigrationsEndpoint.class);
                    assertThat(context).doesNotHaveBean(HealthContributor.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {
        @Bean
        MigrationsEndpoint ownEndpoint(Laboratory laboratory) {
            return new MigrationsEndpoint(laboratory, null);
        }
    }

    /** One migration on the MigrationStages bean, one on the application's own source. */
    @Configuration(proxyBeanMethods = false)
    static class TwoMigrations {
        final Migration<String> customers;
        final Migration<String> orders;

        TwoMigrations(Laboratory laboratory, MigrationStages stages) {
            this.customers = laboratory
                    .migration("customer-store", String.class)
                    .stage(stages.source("customer-store"))
                    .build();
            this.orders = laboratory
                    .migration("orders-store", String.class)
                    .stage(() -> Stage.DUAL_WRITE)
                    .build();
        }
    }
}
