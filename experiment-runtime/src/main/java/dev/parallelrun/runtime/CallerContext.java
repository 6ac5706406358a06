package dev.parallelrun.runtime;

import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.TraceIds;
import io.micrometer.context.ContextSnapshot;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The caller's context, captured on the caller's thread when a call is sampled and restored around whatever runs
 * for that call elsewhere: the candidates, {@code beforeRun}, the context supplier, and the comparison. The
 * OpenTelemetry context is always carried; thread-locals (MDC, tracing, anything registered with Micrometer's
 * {@code ContextRegistry}) when the registry has any.
 */
final class CallerContext {

    private final Context otel;
    private final @Nullable ContextSnapshot threadLocals;
    private final @Nullable CandidateChain chain;

    private CallerContext(Context otel, @Nullable ContextSnapshot threadLocals, @Nullable CandidateChain chain) {
        this.otel = otel;
        this.threadLocals = threadLocals;
        this.chain = chain;
    }

    /** Captures the current thread's context. Caller's thread; never throws (a capture that fails is counted). */
    static CallerContext capture(RuntimeLaboratory laboratory, FaultLog faults) {
        return new CallerContext(Context.current(), laboratory.captureThreadLocals(faults), CandidateChain.current());
    }

    /** The caller's trace, or {@code null} when it was in none. */
    @Nullable
    TraceIds trace() {
        SpanContext span = Span.fromContext(otel).getSpanContext();
        return span.isValid() ? new TraceIds(span.getTraceId(), span.getSpanId(), span.isSampled()) : null;
    }

    /**
     * Makes the caller's context current on this thread, marked as running a candidate of {@code experiment}, until
     * the returned scope is closed. A thread-local that cannot be restored (or put back) is counted, never thrown.
     */
    // ReferenceEquality: the root context is one instance; MustBeClosedChecker: the OpenTelemetry scope is closed
    // by Entered.close(), which callers run in a finally block
    @SuppressWarnings({"ReferenceEquality", "MustBeClosedChecker"})
    Entered enter(Object experiment, FaultLog faults) {
        Scope otelScope = null;
        ContextSnapshot.Scope locals = null;
        if (otel != Context.root()) { // a new thread is in the root context already: nothing to make current
            try {
                otelScope = otel.makeCurrent();
            } catch (Throwable fault) {
                faults.record(FaultSource.CONTEXT, fault);
            }
        }
        ContextSnapshot captured = threadLocals;
        if (captured != null) {
            try {
                locals = captured.setThreadLocals();
            } catch (Throwable fault) {
                faults.record(FaultSource.CONTEXT, fault);
            }
        }
        CandidateChain.enter(experiment, chain);
        return new Entered(otelScope, locals, faults);
    }

    /** The caller's context as made current by {@link #enter}; closing it puts the thread back as it was. */
    static final class Entered implements AutoCloseable {
        private final @Nullable Scope otel;
        private final ContextSnapshot.@Nullable Scope locals;
        private final FaultLog faults;

        private Entered(@Nullable Scope otel, ContextSnapshot.@Nullable Scope locals, FaultLog faults) {
            this.otel = otel;
            this.locals = locals;
            this.faults = faults;
        }

        @Override
        public void close() {
            CandidateChain.leave();
            closeQuietly(locals);
            closeQuietly(otel);
        }

        private void closeQuietly(@Nullable AutoCloseable scope) {
            if (scope != null) {
                try {
                    scope.close();
                } catch (Throwable fault) {
                    faults.record(FaultSource.CONTEXT, fault); // a thread-local that cannot be put back
                }
            }
        }
    }
}
