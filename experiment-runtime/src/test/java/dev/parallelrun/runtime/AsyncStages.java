package dev.parallelrun.runtime;

import java.util.concurrent.CompletionStage;

/** What the asynchronous tests read of a returned stage. */
final class AsyncStages {

    private AsyncStages() {}

    /** What {@code stage} failed with once complete, or {@code null} when it completed normally. */
    static Throwable failureOf(CompletionStage<?> stage) {
        return stage.toCompletableFuture().handle((value, thrown) -> thrown).join();
    }
}
