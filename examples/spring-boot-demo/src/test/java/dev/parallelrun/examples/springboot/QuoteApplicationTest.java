package dev.parallelrun.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.publisher.micrometer.MicrometerPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starts the service through its main method, as the README's command does, with every call sampled, and calls its
 * quote endpoint and its actuator endpoints over HTTP.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        useMainMethod = UseMainMethod.ALWAYS,
        properties = {
            "parallelrun.experiments.quote-engine-v2.sample-rate=1",
            "parallelrun.json-lines.directory=target/parallel-run-test"
        })
class QuoteApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Experiment<Quote> experiment;

    @Test
    void quotesComeFromTheLegacyPricingAndTheEndpointShowsTheEnginesMismatches() throws Exception {
        // 54 and 62 pens hit the engine's rounding on half a cent; 10 pens and 54 chairs do not
        JsonNode quote = JSON.readTree(get("/quotes/pen?quantity=54").body());
        assertThat(quote.get("discount").decimalValue()).isEqualByComparingTo("5.27");
        get("/quotes/pen?quantity=62");
        get("/quotes/pen?quantity=10");
        get("/quotes/chair?quantity=54");
        assertThat(get("/quotes/sofa").statusCode()).isEqualTo(404);
        await().until(() -> experiment.stats().sampled() == 4);

        JsonNode described = JSON.readTree(
                get("/actuator/experiments/" + QuoteApplication.EXPERIMENT).body());
        assertThat(described.get("sampleRate").asDouble()).isEqualTo(1.0);
        assertThat(described.get("sampleRateSource").asText()).isEqualTo("PROPERTIES");
        assertThat(described.at("/outcomes/MISMATCH").asLong()).isEqualTo(2);
        // the other two differ at most in quotedAt, which application.yml ignores
        assertThat(described.at("/outcomes/IGNORED").asLong()
                        + described.at("/outcomes/MATCH").asLong())
                .isEqualTo(2);
        assertThat(described.get("expiresOn").asText()).isEqualTo("2027-06-30");

        String mismatches = "/actuator/metrics/" + MicrometerPublisher.RUNS + "?tag=" + MicrometerPublisher.OUTCOME_TAG
                + ":MISMATCH";
        await().untilAsserted(() -> assertThat(JSON.readTree(get(mismatches).body())
                        .at("/measurements/0/value")
                        .asDouble())
                .isEqualTo(2.0));
        assertThat(JSON.readTree(get("/actuator/info").body())
                        .at("/experiments/" + QuoteApplication.EXPERIMENT + "/expiresOn")
                        .asText())
                .isEqualTo("2027-06-30");
    }

    @Test
    void aPauseThroughTheEndpointStopsTheEngineAndTheServiceKeepsAnswering() throws Exception {
        HttpResponse<String> paused =
                post("/actuator/experiments/" + QuoteApplication.EXPERIMENT, "{\"action\": \"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        long sampled = experiment.stats().sampled();
        try {
            for (int i = 0; i < 10; i++) {
                assertThat(get("/quotes/lamp?quantity=" + (50 + i)).statusCode())
                        .isEqualTo(200);
            }
            assertThat(experiment.stats().sampled()).isEqualTo(sampled);
        } finally {
            post("/actuator/experiments/" + QuoteApplication.EXPERIMENT, "{\"action\": \"resume\"}");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
