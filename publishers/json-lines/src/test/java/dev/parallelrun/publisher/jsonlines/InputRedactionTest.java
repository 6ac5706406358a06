package dev.parallelrun.publisher.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Experiment;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.PublishedValue;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an experiment redacts never reaches a file: every byte of every file the publisher writes is searched for
 * the redacted values of captured inputs (and of the values that carry them too), whatever became of the call.
 */
class InputRedactionTest {

    private static final String EMAIL = "ann.lee+vip@example.org";
    private static final String CARD = "4111111111111111";
    private static final String CARD_IN_A_LIST = "5500000000000004";

    @TempDir
    Path directory;

    record Customer(String id, String email) {}

    record Order(String id, Customer customer, List<String> cards, String notes) {}

    record Receipt(String order, Customer customer, int total) {}

    @Test
    void noRedactedPartOfAnInputIsInAnyFileWhateverBecameOfTheCall() throws Exception {
        JsonLinesPublisher publisher = JsonLinesPublisher.builder(directory)
                .everyResult(true)
                .summaryInterval(Duration.ofMillis(20))
                .build();
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(publisher).build()) {
            Experiment<Receipt> full = lab.experiment("receipts", Receipt.class)
                    .captureInputs()
                    .redactPaths("/customer/email", "/cards/*")
                    .candidateTimeout(Duration.ofMillis(50))
                    .build();
            // the cap cuts the input after the redacted parts: it is applied to the redacted text
            Experiment<Receipt> capped = lab.experiment("receipts-capped", Receipt.class)
                    .captureInputs()
                    .redactPaths("/customer/email", "/cards/*")
                    .maxValueChars(120)
                    .build();
            Function<Order, Receipt> wrapped = full.wrap(InputRedactionTest::receipt, o -> receipt(o, 1));
            Function<Order, Receipt> wrappedCapped = capped.wrap(InputRedactionTest::receipt, o -> receipt(o, 1));
            Order order = order("o-1");

            wrapped.apply(order); // mismatch
            full.<Order>wrap(InputRedactionTest::receipt, InputRedactionTest::receipt)
                    .apply(order("o-2")); // match
            full.run(Call.keyed("c-1").input(order("o-3")), () -> receipt(order("o-3")), () -> {
                throw new IllegalStateException("candidate failed"); // candidate throws
            });
            full.run(Call.keyed("c-1").input(order("o-4")), () -> receipt(order("o-4")), () -> {
                Thread.sleep(5_000); // times out
                return receipt(order("o-4"));
            });
            try {
                full.run(
                        Call.keyed("c-1").input(order("o-5")),
                        () -> {
                            throw new IOException("control failed"); // control throws
                        },
                        () -> receipt(order("o-5")));
            } catch (IOException expected) {
                // the control's own exception reaches the caller; the result is still published
            }
            wrappedCapped.apply(order); // input and values cut by the cap

            await().until(() -> full.stats().sampled() == 5
                    && capped.stats().sampled() == 1
                    && lab.publishingStats().queued() == 0);
            await().until(() -> Lines.summaries(directory).size() >= 2);
        }

        List<JsonNode> results = Lines.results(directory);
        assertThat(results)
                .hasSize(6)
                .allSatisfy(r -> assertThat(r.has("input")).isTrue());
        assertThat(results).anySatisfy(r -> {
            assertThat(r.get("input").at("/customer/email").asText()).isEqualTo(PublishedValue.REDACTED);
            assertThat(r.get("input").at("/cards/1").asText()).isEqualTo(PublishedValue.REDACTED);
            assertThat(r.get("input").at("/customer/id").asText()).isEqualTo("c-1");
        });
        assertThat(results)
                .anySatisfy(
                        r -> assertThat(r.path("inputTruncated").asBoolean()).isTrue());

        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(directory)) {
            all.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertThat(text).as("%s", file.getFileName()).contains(PublishedValue.REDACTED);
            for (String secret : List.of(EMAIL, CARD, CARD_IN_A_LIST, "ann.lee", "4111", "5500")) {
                assertThat(text).as("%s", file.getFileName()).doesNotContain(secret);
            }
        }
    }

    private static Order order(String id) {
        return new Order(id, new Customer("c-1", EMAIL), List.of(CARD, CARD_IN_A_LIST), "x".repeat(200));
    }

    private static Receipt receipt(Order order) {
        return receipt(order, 0);
    }

    private static Receipt receipt(Order order, int extra) {
        return new Receipt(order.id(), order.customer(), 42 + extra);
    }
}
