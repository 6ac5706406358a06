package dev.parallelrun.spring.boot.actuate;

import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.spring.boot.autoconfigure.ParallelRunAutoConfiguration;
import dev.parallelrun.spring.boot.autoconfigure.PropertiesExperimentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link ExperimentsEndpoint} and the {@link ExperimentsInfoContributor}, in applications with actuator and a
 * {@link Laboratory} bean. The endpoint follows actuator's rules: it exists when it is available
 * ({@code management.endpoint.experiments.access} is not {@code none} and some exposure includes it) and nothing
 * exposes it over HTTP by default. The info contributor is on unless {@code management.info.experiments.enabled}
 * is false. No health contributor is made: an experiment never takes a service down.
 */
@AutoConfiguration(after = ParallelRunAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Laboratory.class)
public final class ExperimentsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    ExperimentsEndpoint experimentsEndpoint(
            Laboratory laboratory, ObjectProvider<PropertiesExperimentCustomizer> properties) {
        return new ExperimentsEndpoint(laboratory, properties.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(InfoContributor.class)
    @ConditionalOnEnabledInfoContributor(ExperimentsInfoContributor.KEY)
    ExperimentsInfoContributor experimentsInfoContributor(Laboratory laboratory) {
        return new ExperimentsInfoContributor(laboratory);
    }
}
