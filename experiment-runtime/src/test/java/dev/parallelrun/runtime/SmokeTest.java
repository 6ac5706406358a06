package dev.parallelrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.experiment.*;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        List<Result<?>> results = new CopyOnWriteArrayList<>();
        try (Laboratory lab = RuntimeLaboratory.builder().publisher(results::add).build()) {
            Experiment<Integer> e = lab.experiment("smoke", Integer.class).build();
            assertThat(e.run(() -> 1, () -> 2)).isEqualTo(1);
            assertThat(e.run(() -> 1, () -> 1)).isEqualTo(1);
            await().until(() -> results.size() == 2);
            System.out.println(results);
            System.out.println(e.stats());
        }
    }
}
