package dev.parallelrun.runtime;

import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.SkipReason;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What runs on a candidate's thread: the carrier gate (for a virtual thread), the caller's context restored,
 * {@code beforeRun} once per call, then the behavior, unless the deadline passed first (a candidate whose slot timed
 * out before its thread got going never runs its behavior). When the candidate arrives last it compares right there,
 * after leaving the gate.
 */
final class CandidateTask<T extends @Nullable Object> implements Runnable {

    private final Slot<T> slot;
    private final Dispatcher dispatcher;

    CandidateTask(Slot<T> slot, Dispatcher dispatcher) {
        this.slot = slot;
        this.dispatcher = dispatcher;
    }

    @Override
    public void run() {
        SampledCall<T> call = slot.call;
        RuntimeExperiment<T> experiment = call.experiment;
        if (dispatcher.isDispatcherThread()) {
            // an executor that runs rejected tasks on the submitting thread: never run user code on the dispatcher
            if (slot.skip(Slot.State.STARTING, SkipReason.REJECTED)) {
                call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
            dispatcher.threadEnded(slot);
            return;
        }
        if (slot.thread == null) {
            slot.thread = Thread.currentThread(); // an executor's thread: known only now
            slot.born();
        }
        try {
            if (slot.virtual) {
                boolean in =
                        slot.state() == Slot.State.STARTING && dispatcher.gate().enter(slot);
                dispatcher.gatePassed();
                if (!in) {
                    return; // timed out before it got going, or while it waited at the carrier gate: it never runs
                }
                slot.insideGate = true;
            } else if (slot.state() != Slot.State.STARTING) {
                return; // timed out (or the laboratory closed) before this thread got going
            }
            slot.entered = true;
            CallerContext.Entered entered = call.context.enter(experiment, experiment.faults());
            try {
                if (!call.prepare()) {
                    leaveGate();
                    if (slot.skip(
                            Slot.State.STARTING, call.beforeRunFailed() ? SkipReason.BEFORE_RUN : SkipReason.CLOSED)) {
                        call.arrive(SampledCall.Arrival.CANDIDATE);
                    }
                    return;
                }
                slot.behaviorStart = System.nanoTime();
                if (!slot.move(Slot.State.STARTING, Slot.State.RUNNING)) {
                    return; // timed out while beforeRun ran: the behavior never starts
                }
                if (call.async) {
                    startStage();
                    leaveGate();
                } else {
                    runBehavior();
                    // the candidate's own code is done: the next candidate may run while this one is compared
                    leaveGate();
                    if (slot.move(Slot.State.RUNNING, Slot.State.DONE)) {
                        call.arrive(SampledCall.Arrival.CANDIDATE);
                    }
                }
            } finally {
                entered.close();
            }
        } catch (Throwable unexpected) {
            experiment.faults().record(FaultSource.ENGINE, unexpected);
        } finally {
            leaveGate();
            dispatcher.threadEnded(slot);
        }
    }

    /**
     * Leaves the carrier gate, once, and starts the next waiting candidate on the way out. The gate covers the
     * candidate's own code (beforeRun, the behavior); comparing its value afterwards is the library's work.
     */
    private void leaveGate() {
        if (slot.insideGate) {
            slot.insideGate = false;
            dispatcher.gate().leave();
            dispatcher.startNext();
        }
    }

    private void runBehavior() {
        Object value = null;
        Throwable thrown = null;
        try {
            value = slot.behavior.call();
        } catch (Throwable e) {
            thrown = e;
        }
        slot.behaviorEnd = System.nanoTime();
        slot.value = value;
        slot.exception = thrown;
    }

    private void startStage() {
        CompletionStage<?> stage;
        try {
            stage = (CompletionStage<?>) slot.behavior.call();
            if (stage == null) {
                throw new NullPointerException("the candidate's supplier returned no stage");
            }
        } catch (Throwable e) {
            completed(null, e);
            return;
        }
        slot.stage = stage;
        try {
            stage.whenComplete(this::completed);
        } catch (Throwable e) {
            completed(null, e);
        }
    }

    /** The async candidate's stage completed: on whatever thread completed it (or this one, when it already had). */
    private void completed(@Nullable Object value, @Nullable Throwable failure) {
        long end = System.nanoTime();
        if (slot.state() != Slot.State.RUNNING) {
            return; // timed out (and cancelled) first
        }
        slot.behaviorEnd = end;
        slot.value = value;
        slot.exception =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (slot.move(Slot.State.RUNNING, Slot.State.DONE)) {
            dispatcher.stageSettled(slot);
            boolean ownThread = Thread.currentThread() == slot.thread;
            slot.call.arrive(ownThread ? SampledCall.Arrival.CANDIDATE : SampledCall.Arrival.ELSEWHERE);
        }
    }
}
