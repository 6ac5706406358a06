package dev.parallelrun.examples.springboot;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A quote service migrating its pricing: the starter makes the laboratory, publishes to the application's meter
 * registry and to JSON Lines files, and serves {@code /actuator/experiments}; {@code application.yml} tunes the
 * experiment.
 */
@SpringBootApplication
public class QuoteApplication {

    /** The experiment's name, as in {@code application.yml}. */
    public static final String EXPERIMENT = "quote-engine-v2";

    /** The experiment as the code wants it in production; {@code application.yml} wins where it says otherwise. */
    @Bean
    Experiment<Quote> quoteExperiment(Laboratory laboratory) {
        return laboratory
                .experiment(EXPERIMENT, Quote.class)
                .sampleRate(0.01)
                .candidateTimeout(Duration.ofMillis(200))
                .build();
    }

    /** Starts the service (port 8080 unless {@code --server.port} says otherwise). */
    public static void main(String[] args) {
        SpringApplication.run(QuoteApplication.class, args);
    }
}
