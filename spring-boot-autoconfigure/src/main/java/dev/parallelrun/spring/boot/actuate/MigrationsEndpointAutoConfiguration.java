package dev.parallelrun.spring.boot.actuate;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.spring.boot.autoconfigure.MigrationStages;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link MigrationsEndpoint}, in applications with actuator and a {@link Laboratory} bean. It follows actuator's
 * rules as the {@code experiments} endpoint does: it exists when it is available
 * ({@code management.endpoint.migrations.access} is not {@code none} and some exposure includes it) and nothing
 * exposes it over HTTP by default. No health contributor is made: a migration's readiness never takes a service
 * down.
 */
@AutoConfiguration(after = ParallelRunAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Laboratory.class)
public final class MigrationsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    MigrationsEndpoint migrationsEndpoint(Laboratory laboratory, ObjectProvider<MigrationStages> stages) {
        return new MigrationsEndpoint(laboratory, stages.getIfUnique());
    }
}
