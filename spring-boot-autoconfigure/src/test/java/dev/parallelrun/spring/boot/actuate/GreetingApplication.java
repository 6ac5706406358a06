package dev.parallelrun.spring.boot.actuate;

import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with one endpoint run as an experiment: the control greets with "hello", the candidate too,
 * except that it says "hullo" to names that start with a z. No component scan: the test classes beside it stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GreetingApplication.Greetings.class)
class GreetingApplication {

    static final String EXPERIMENT = "greeting-v2";

    @RestController
    static class Greetings {
        final AtomicInteger candidateCalls = new AtomicInteger();
        final Experiment<String> experiment;

        Greetings(Laboratory laboratory) {
            // the code samples 1% of calls; the tests' properties say 100%
            this.experiment = laboratory
                    .experiment(EXPERIMENT, String.class)
                    .sampleRate(0.01)
                    .build();
        }

        @GetMapping("/greetings/{name}")
        String greet(@PathVariable String name) {
            return experiment.run(() -> "hello " + name, () -> {
                candidateCalls.incrementAndGet();
                return name.startsWith("z") ? "hullo " + name : "hello " + name;
            });
        }
    }
}
