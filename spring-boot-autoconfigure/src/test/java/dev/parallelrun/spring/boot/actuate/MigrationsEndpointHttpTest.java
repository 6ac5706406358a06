package dev.parallelrun.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.migration.Stage;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The migrations endpoint over real HTTP, in a web application with two migrations over in-memory maps. */
@SpringBootTest(
        classes = CustomerStoreApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,info,migrations",
            "parallelrun.migrations.customer-store.stage=dual-write",
            // the 400's reason in the error body, to check it says why
            "spring.web.error.include-message=always"
        })
class MigrationsEndpointHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMERS = "/actuator/migrations/" + CustomerStoreApplication.CUSTOMERS;
    private static final String ORDERS = "/actuator/migrations/" + CustomerStoreApplication.ORDERS;

    @LocalServerPort
    int port;

    @Autowired
    CustomerStoreApplication.Stores stores;

    @BeforeEach
    void newSideWorks() throws Exception {
        stores.newSideFails.set(false);
        post(CUSTOMERS, "{\"action\": \"acknowledge-rollback\"}");
    }

    @Test
    void getShowsEveryMigrationWithItsStageSourceReadinessCountsAndHistory() throws Exception {
        stores.save("c1", "ada");
        stores.find("c1");

        HttpResponse<String> response = get("/actuator/migrations");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode customers = body.at("/migrations/" + CustomerStoreApplication.CUSTOMERS);
        assertThat(customers.get("name").asText()).isEqualTo(CustomerStoreApplication.CUSTOMERS);
        assertThat(Stage.valueOf(customers.get("stage").asText())).isNotNull();
        assertThat(customers.get("stageSource").asText()).isIn("PROPERTIES", "ENDPOINT");
        assertThat(customers.get("requestedStage").asText()).isNotBlank();
        assertThat(customers.at("/readiness/status").asText()).isIn("READY", "NOT_READY", "INCONCLUSIVE");
        assertThat(customers.at("/readiness/checks").isArray()).isTrue();
        assertThat(customers.at("/counts/reads").asLong()).isPositive();
        assertThat(customers.at("/counts/writes").asLong()).isPositive();
        assertThat(customers.at("/counts/oldSide/writes").asLong()).isPositive();
        assertThat(customers.at("/shadowReads/experiment").asText()).isEqualTo("customer-store:shadow");
        assertThat(customers.at("/history/0/cause").asText()).isIn("STARTED", "SOURCE", "ROLLBACK", "ACKNOWLEDGED");

        JsonNode orders = body.at("/migrations/" + CustomerStoreApplication.ORDERS);
        assertThat(orders.get("stageSource").asText()).isEqualTo("APPLICATION");
        assertThat(absent(orders.path("requestedStage"))).isTrue();
        assertThat(body.get("unmatchedProperties").isArray()).isTrue();

        assertThat(JSON.readTree(get(CUSTOMERS).body()).get("name").asText())
                .isEqualTo(CustomerStoreApplication.CUSTOMERS);
        assertThat(get("/actuator/migrations/no-such-migration").statusCode()).isEqualTo(404);
    }

    @Test
    void postingAStageMovesTheMigrationAtItsNextCall() throws Exception {
        HttpResponse<String> dualWrite = post(CUSTOMERS, "{\"stage\": \"dual-write\"}");
        assertThat(dualWrite.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(dualWrite.body());
        assertThat(body.get("requestedStage").asText()).isEqualTo("DUAL_WRITE");
        assertThat(body.get("note").asText()).contains("next call");
        assertThat(body.at("/migration/stageSource").asText()).isEqualTo("ENDPOINT");

        stores.save("c2", "bob"); // the old side first, then the new one
        assertThat(stores.oldCustomers).containsEntry("c2", "bob");
        assertThat(stores.newCustomers).containsEntry("c2", "bob");

        assertThat(post(CUSTOMERS, "{\"stage\": \"LIVE\"}").statusCode()).isEqualTo(200);
        stores.oldCustomers.put("c3", "old cy");
        stores.newCustomers.put("c3", "new cy");
        assertThat(stores.find("c3")).isEqualTo("new cy");

        JsonNode live = JSON.readTree(get(CUSTOMERS).body());
        assertThat(live.get("stage").asText()).isEqualTo("LIVE");
        assertThat(live.get("sourceStage").asText()).isEqualTo("LIVE");
        assertThat(live.get("requestedStage").asText()).isEqualTo("LIVE");
        JsonNode history = live.get("history");
        JsonNode latest = history.get(history.size() - 1);
        assertThat(latest.get("to").asText()).isEqualTo("LIVE");
        assertThat(latest.get("cause").asText()).isEqualTo("SOURCE");

        post(CUSTOMERS, "{\"stage\": \"shadow\"}");
        assertThat(stores.find("c3")).isEqualTo("old cy");
    }

    @Test
    void aFailingNewSideRollsBackUntilTheRollbackIsAcknowledged() throws Exception {
        post(CUSTOMERS, "{\"stage\": \"live\"}");
        stores.oldCustomers.put("c4", "old dee");
        stores.newCustomers.put("c4", "new dee");
        assertThat(stores.find("c4")).isEqualTo("new dee");

        stores.newSideFails.set(true);
        for (int i = 0; i < 5; i++) {
            assertThat(stores.find("c4")).isEqualTo("old dee"); // the fallback answers
        }
        await().untilAsserted(() -> {
            JsonNode rolledBack = JSON.readTree(get(CUSTOMERS).body());
            assertThat(rolledBack.get("stage").asText()).isEqualTo("SHADOW");
            assertThat(rolledBack.at("/rollback/cause").asText()).isEqualTo("ROLLBACK");
            assertThat(rolledBack.at("/rollback/trip/criterion").asText()).isEqualTo("READ_ERROR_RATE");
            assertThat(rolledBack.at("/rollback/reason").asText()).startsWith("rolled back:");
        });

        // the source's stage changes, but the rollback holds the migration in SHADOW
        stores.newSideFails.set(false);
        JsonNode held = JSON.readTree(post(CUSTOMERS, "{\"stage\": \"live\"}").body());
        assertThat(held.get("note").asText()).contains("stays in SHADOW");
        assertThat(stores.find("c4")).isEqualTo("old dee");
        assertThat(JSON.readTree(get(CUSTOMERS).body()).get("stage").asText()).isEqualTo("SHADOW");

        post(CUSTOMERS, "{\"stage\": \"shadow\"}"); // where it should go, before acknowledging
        HttpResponse<String> acknowledged = post(CUSTOMERS, "{\"action\": \"acknowledge-rollback\"}");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(acknowledged.body());
        assertThat(body.get("rollbackAcknowledged").asBoolean()).isTrue();
        assertThat(absent(body.at("/migration/rollback"))).isTrue();
        assertThat(body.at("/migration/stage").asText()).isEqualTo("SHADOW");
        JsonNode history = body.at("/migration/history");
        assertThat(history.get(history.size() - 1).get("cause").asText()).isEqualTo("ACKNOWLEDGED");

        JsonNode again = JSON.readTree(
                post(CUSTOMERS, "{\"action\": \"acknowledge-rollback\"}").body());
        assertThat(again.get("rollbackAcknowledged").asBoolean()).isFalse();
    }

    @Test
    void aStageFromTheApplicationsOwnSourceIsRefused() throws Exception {
        HttpResponse<String> refused = post(ORDERS, "{\"stage\": \"LIVE\"}");

        assertThat(reason(refused)).contains("application's own stage source").contains("change it there");
        assertThat(stores.ordersFlag.get()).isEqualTo(Stage.SHADOW);
    }

    @Test
    void aBadRequestIsRefusedWithTheReason() throws Exception {
        assertThat(reason(post(CUSTOMERS, "{\"stage\": \"sideways\"}"))).contains("'sideways' is not a stage");
        assertThat(reason(post(CUSTOMERS, "{\"action\": \"explode\"}"))).contains("unknown action 'explode'");
        assertThat(reason(post(CUSTOMERS, "{\"stage\": \"live\", \"action\": \"acknowledge-rollback\"}")))
                .contains("not both");
        assertThat(reason(post(CUSTOMERS, "{}"))).contains("not neither");
        assertThat(reason(post("/actuator/migrations/no-such-migration", "{\"stage\": \"live\"}")))
                .contains("no migration named 'no-such-migration'");
    }

    @Test
    void infoListsTheMigrationsAndHealthStaysUp() throws Exception {
        JsonNode info = JSON.readTree(get("/actuator/info").body());
        assertThat(info.at("/migrations/" + CustomerStoreApplication.ORDERS + "/stage")
                        .asText())
                .isEqualTo("SHADOW");
        assertThat(info.at("/migrations/" + CustomerStoreApplication.CUSTOMERS + "/stage")
                        .isTextual())
                .isTrue();

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    private static String reason(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode message = JSON.readTree(response.body()).get("message");
        assertThat(message).as(response.body()).isNotNull();
        return message.asText();
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return ActuatorHttp.get(port, path);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return ActuatorHttp.post(port, path, json);
    }
}
