package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.experiment.Laboratory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code management.endpoint.experiments.access=read-only}: the statistics are readable, the switches are not. */
@SpringBootTest(
        classes = GreetingApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=experiments",
            "management.endpoint.experiments.access=read-only"
        })
class ExperimentsEndpointReadOnlyHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Laboratory laboratory;

    @Test
    void readsAreServedAndWritesRefused() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/experiments")).GET())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> pause = send(HttpRequest.newBuilder(uri("/actuator/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"pause\"}")));
        assertThat(pause.statusCode()).isEqualTo(405);
        assertThat(laboratory.paused()).isFalse();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
