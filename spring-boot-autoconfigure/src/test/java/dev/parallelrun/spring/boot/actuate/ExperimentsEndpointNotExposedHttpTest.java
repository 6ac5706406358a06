package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Actuator's defaults: nothing of the starter is reachable over HTTP until the application exposes it. */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ExperimentsEndpointNotExposedHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void neitherReadNorWriteIsExposedByDefault() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/experiments")).GET())
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/experiments"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"pause\"}")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
