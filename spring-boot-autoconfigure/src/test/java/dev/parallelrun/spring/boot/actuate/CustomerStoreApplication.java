package dev.parallelrun.spring.boot.actuate;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.Laboratory;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.RollbackPolicy;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.spring.boot.autoconfigure.MigrationStages;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A web application with two migrations over in-memory maps: {@value #CUSTOMERS}, whose stage comes from the
 * {@link MigrationStages} bean, and {@value #ORDERS}, whose stage comes from the application's own source (a flag).
 * No component scan: the test classes beside it stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CustomerStoreApplication.Stores.class)
class CustomerStoreApplication {

    static final String CUSTOMERS = "customer-store";
    static final String ORDERS = "orders-store";

    static class Stores {
        final Map<String, String> oldCustomers = new ConcurrentHashMap<>();
        final Map<String, String> newCustomers = new ConcurrentHashMap<>();
        final AtomicBoolean newSideFails = new AtomicBoolean();
        final AtomicReference<Stage> ordersFlag = new AtomicReference<>(Stage.SHADOW);
        final Migration<@Nullable String> customers;
        final Migration<@Nullable String> orders;

        Stores(Laboratory laboratory, MigrationStages stages) {
            this.customers = laboratory
                    .<@Nullable String>migration(CUSTOMERS)
                    .stage(stages.source(CUSTOMERS))
                    // a window of 10 calls: the first failed new read of a window trips it
                    .rollback(RollbackPolicy.defaults().withMinCalls(10))
                    .minShadowDuration(Duration.ZERO)
                    .build();
            this.orders = laboratory
                    .<@Nullable String>migration(ORDERS)
                    .stage(ordersFlag::get)
                    .build();
        }

        @Nullable
        String find(String id) {
            return customers.read(Call.keyed(id), () -> oldCustomers.get(id), () -> {
                if (newSideFails.get()) {
                    throw new IllegalStateException("new store down");
                }
                return newCustomers.get(id);
            });
        }

        void save(String id, String name) {
            customers.write(Call.keyed(id), () -> oldCustomers.put(id, name), () -> newCustomers.put(id, name));
        }
    }
}
