package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.publisher.micrometer.MicrometerPublisher;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The endpoint over real HTTP, in a web application with actuator, the starter's beans and one experiment. */
@SpringBootTest(
        classes = GreetingApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,info,metrics,experiments",
            "parallelrun.experiments.greeting-v2.sample-rate=1",
            "parallelrun.experiments.greeting-v2.expires-on=2020-01-01"
        })
class ExperimentsEndpointHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPERIMENT = GreetingApplication.EXPERIMENT;

    @LocalServerPort
    int port;

    @Autowired
    GreetingApplication.Greetings greetings;

    @Autowired
    Laboratory laboratory;

    @BeforeEach
    void everythingRuns() throws Exception {
        post("/actuator/experiments", "{\"action\": \"resume\"}");
        post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"resume\"}");
        post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"restore-sample-rate\"}");
    }

    @Test
    void getShowsEveryExperimentWithItsStatsReadinessAndExpiry() throws Exception {
        greetAndAwaitResults("ada", "zed", "bob");

        HttpResponse<String> response = get("/actuator/experiments");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/laboratory/paused").asBoolean()).isFalse();
        assertThat(body.at("/laboratory/publishing/capacity").asInt()).isPositive();
        JsonNode greeting = body.at("/experiments/" + EXPERIMENT);
        assertThat(greeting.get("sampleRate").asDouble()).isEqualTo(1.0);
        assertThat(greeting.get("sampleRateSource").asText()).isEqualTo("PROPERTIES");
        assertThat(greeting.get("sampled").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(greeting.at("/outcomes/MISMATCH").asLong()).isPositive();
        assertThat(greeting.get("skippedShare").isNumber()).isTrue();
        assertThat(greeting.get("runaways").asLong()).isZero();
        assertThat(greeting.get("expiresOn").asText()).isEqualTo("2020-01-01");
        assertThat(greeting.get("expired").asBoolean()).isTrue();
        assertThat(greeting.at("/readiness/status").asText()).isIn("NOT_READY", "INCONCLUSIVE");
        assertThat(greeting.at("/readiness/checks").isArray()).isTrue();

        assertThat(JSON.readTree(get("/actuator/experiments/" + EXPERIMENT).body())
                        .get("name")
                        .asText())
                .isEqualTo(EXPERIMENT);
        assertThat(get("/actuator/experiments/no-such-experiment").statusCode()).isEqualTo(404);
    }

    @Test
    void postingAPauseStopsTheCandidateUntilResumed() throws Exception {
        greetAndAwaitResults("ada");

        HttpResponse<String> paused = post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).get("paused").asBoolean()).isTrue();
        int before = greetings.candidateCalls.get();
        for (int i = 0; i < 20; i++) {
            assertThat(get("/greetings/ada").body()).isEqualTo("hello ada"); // the control still answers
        }
        // the sampling decision is taken on the request's thread: a paused experiment never hands a candidate over
        assertThat(greetings.candidateCalls.get()).isEqualTo(before);

        post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"resume\"}");
        get("/greetings/ada");
        await().until(() -> greetings.candidateCalls.get() > before);
    }

    @Test
    void postingAPauseOfTheLaboratoryStopsEveryCandidate() throws Exception {
        HttpResponse<String> paused = post("/actuator/experiments", "{\"action\": \"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).at("/laboratory/paused").asBoolean())
                .isTrue();
        int before = greetings.candidateCalls.get();
        for (int i = 0; i < 20; i++) {
            get("/greetings/ada");
        }
        assertThat(greetings.candidateCalls.get()).isEqualTo(before);

        post("/actuator/experiments", "{\"action\": \"resume\"}");
        get("/greetings/ada");
        await().until(() -> greetings.candidateCalls.get() > before);
    }

    @Test
    void changingTheRateTakesEffectAtOnceAndRestoringGoesBackToTheProperties() throws Exception {
        HttpResponse<String> changed =
                post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"sample-rate\", \"sampleRate\": 0}");
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(changed.body());
        assertThat(body.get("sampleRate").asDouble()).isZero();
        assertThat(body.get("sampleRateSource").asText()).isEqualTo("ENDPOINT");
        int before = greetings.candidateCalls.get();
        for (int i = 0; i < 20; i++) {
            get("/greetings/ada");
        }
        assertThat(greetings.candidateCalls.get()).isEqualTo(before);

        JsonNode restored =
                JSON.readTree(post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"restore-sample-rate\"}")
                        .body());
        assertThat(restored.get("sampleRate").asDouble()).isEqualTo(1.0);
        assertThat(restored.get("sampleRateSource").asText()).isEqualTo("PROPERTIES");
        get("/greetings/ada");
        await().until(() -> greetings.candidateCalls.get() > before);
    }

    @Test
    void aBadRequestIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> outOfRange =
                post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"sample-rate\", \"sampleRate\": 1.5}");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(post("/actuator/experiments/no-such-experiment", "{\"action\": \"pause\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/actuator/experiments/" + EXPERIMENT, "{\"action\": \"explode\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/actuator/experiments/" + EXPERIMENT, "{}").statusCode())
                .isEqualTo(400);
        assertThat(JSON.readTree(get("/actuator/experiments/" + EXPERIMENT).body())
                        .get("sampleRate")
                        .asDouble())
                .isEqualTo(1.0);
    }

    @Test
    void theMetersAreUnderActuatorMetrics() throws Exception {
        greetAndAwaitResults("ada", "zed");

        JsonNode names = JSON.readTree(get("/actuator/metrics").body()).get("names");
        List<String> all = new ArrayList<>();
        names.forEach(name -> all.add(name.asText()));
        assertThat(all).contains(MicrometerPublisher.RUNS, MicrometerPublisher.DURATION, MicrometerPublisher.QUEUED);

        await().untilAsserted(() -> {
            HttpResponse<String> mismatches = get("/actuator/metrics/" + MicrometerPublisher.RUNS + "?tag="
                    + MicrometerPublisher.EXPERIMENT_TAG + ":" + EXPERIMENT + "&tag=" + MicrometerPublisher.OUTCOME_TAG
                    + ":MISMATCH");
            assertThat(mismatches.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(mismatches.body())
                            .at("/measurements/0/value")
                            .asDouble())
                    .isPositive();
        });
    }

    @Test
    void infoListsTheExperimentsAndTheirExpiry() throws Exception {
        JsonNode info = JSON.readTree(get("/actuator/info").body());
        assertThat(info.at("/experiments/" + EXPERIMENT + "/expiresOn").asText())
                .isEqualTo("2020-01-01");
        assertThat(info.at("/experiments/" + EXPERIMENT + "/expired").asBoolean())
                .isTrue();
    }

    @Test
    void healthStaysUpWhateverTheExperimentsSay() throws Exception {
        greetAndAwaitResults("zed", "zoe"); // mismatches, an expired experiment, not ready

        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    private void greetAndAwaitResults(String... names) throws Exception {
        Experiment<?> experiment = laboratory.experiments().stream()
                .filter(candidate -> candidate.name().equals(EXPERIMENT))
                .findFirst()
                .orElseThrow();
        long before = experiment.stats().sampled();
        for (String name : names) {
            assertThat(get("/greetings/" + name).statusCode()).isEqualTo(200);
        }
        await().until(() -> experiment.stats().sampled() >= before + names.length);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return ActuatorHttp.get(port, path);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return ActuatorHttp.post(port, path, json);
    }
}
