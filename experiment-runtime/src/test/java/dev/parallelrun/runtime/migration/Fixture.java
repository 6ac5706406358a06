package dev.parallelrun.runtime.migration;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.MigrationBuilder;
import dev.parallelrun.experiment.migration.Stage;
import dev.parallelrun.runtime.RuntimeLaboratory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A laboratory with a recording publisher, two stores and a migration between them whose stage a test sets. */
final class Fixture implements AutoCloseable {

    final MigrationRecorder recorder = new MigrationRecorder();
    final RuntimeLaboratory lab;
    final Store oldStore;
    final Store newStore;
    final AtomicReference<@Nullable Stage> flag;
    final Migration<@Nullable String> migration;

    /** Every read compared; the builder as {@code options} leaves it. */
    Fixture(Stage stage, UnaryOperator<MigrationBuilder<@Nullable String>> options) {
        this(RuntimeLaboratory.builder(), stage, options);
    }

    Fixture(Stage stage) {
        this(stage, builder -> builder);
    }

    Fixture(
            RuntimeLaboratory.Builder laboratory,
            Stage stage,
            UnaryOperator<MigrationBuilder<@Nullable String>> options) {
        this.lab = laboratory.publisher(recorder).build();
        Store[] stores = Store.pair();
        this.oldStore = stores[0];
        this.newStore = stores[1];
        this.flag = new AtomicReference<>(stage);
        MigrationBuilder<@Nullable String> builder = lab.<@Nullable String>migration("customers")
                .stage(flag::get)
                .reads(read -> read.sampleRate(1.0).maxConcurrentCandidates(10_000));
        this.migration = options.apply(builder).build();
    }

    @Nullable
    String read(String key) {
        return migration.read(Call.keyed(key), () -> oldStore.read(key), () -> newStore.read(key));
    }

    String write(String key, String value) {
        return migration.write(
                Call.keyed(key).with("op", "save"), () -> oldStore.write(key, value), () -> newStore.write(key, value));
    }

    void stage(Stage stage) {
        flag.set(stage);
    }

    @Override
    public void close() {
        lab.close();
    }
}
