package dev.parallelrun.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MigrationStagesTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ParallelRunAutoConfiguration.class));

    @Test
    void theBeanStartsEachSourceAtItsPropertyOrOff() {
        runner.withPropertyValues("parallelrun.migrations.customer-store.stage=shadow")
                .run(context -> {
                    assertThat(context).hasSingleBean(MigrationStages.class);
                    MigrationStages stages = context.getBean(MigrationStages.class);
                    assertThat(stages.source("customer-store").get()).isEqualTo(Stage.SHADOW);
                    assertThat(stages.source("orders-store").get()).isEqualTo(Stage.OFF);
                    assertThat(stages.setAtRunTime("customer-store")).isFalse();
                });
    }

    @Test
    void theBeanBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(OwnStages.class)
                .withPropertyValues("parallelrun.migrations.customer-store.stage=shadow")
                .run(context -> {
                    assertThat(context).hasSingleBean(MigrationStages.class);
                    assertThat(context).hasBean("ownStages").doesNotHaveBean("parallelRunMigrationStages");
                    assertThat(context.getBean(MigrationStages.class)
                                    .source("customer-store")
                                    .get())
                            .isEqualTo(Stage.LIVE);
                });
    }

    @Test
    void oneSourcePerNameThatASetReachesAtTheMigrationsNextCall() {
        runner.run(context -> {
            MigrationStages stages = context.getBean(MigrationStages.class);
            Supplier<Stage> source = stages.source("customer-store");
            assertThat(stages.source("customer-store")).isSameAs(source);
            assertThat(stages.handedOut("customer-store")).isTrue();
            assertThat(stages.handedOut("orders-store")).isFalse();

            Migration<String> customers = context.getBean(Laboratory.class)
                    .migration("customer-store", String.class)
                    .stage(source)
                    .build();
            assertThat(customers.read(Call.none(), () -> "old", () -> "new")).isEqualTo("old");

            assertThat(stages.set("customer-store", Stage.COMPLETE)).isEqualTo(Stage.OFF);
            assertThat(source.get()).isEqualTo(Stage.COMPLETE);
            assertThat(stages.setAtRunTime("customer-store")).isTrue();
            assertThat(stages.stages()).isEqualTo(Map.of("customer-store", Stage.COMPLETE));
            assertThat(customers.read(Call.none(), () -> "old", () -> "new")).isEqualTo("new");
            assertThat(customers.stage()).isEqualTo(Stage.COMPLETE);
        });
    }

    @Test
    void aStageForANameNoSourceWasHandedOutForIsRefused() {
        MigrationStages stages = new MigrationStages();
        assertThatThrownBy(() -> stages.set("orders-store", Stage.LIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders-store");
        assertThat(stages.stage("orders-store")).isNull();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStages {
        @Bean
        MigrationStages ownStages() {
            return new MigrationStages(Map.of("customer-store", Stage.LIVE));
        }
    }
}
