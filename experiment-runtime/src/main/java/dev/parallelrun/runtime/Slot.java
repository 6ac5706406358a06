package dev.parallelrun.runtime;

import dev.parallelrun.experiment.Behavior;
import dev.parallelrun.experiment.SkipReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One candidate of one sampled call: its behavior, where it stands, and what it did. Each field has one writer;
 * the state moves by compare-and-set, and whoever wins a transition owns the fields that go with it (the
 * candidate's thread its value and end time, the dispatcher the time it gave up), so no two threads ever write
 * the same field.
 */
final class Slot<T extends @Nullable Object> {

    /** Where a candidate stands. */
    enum State {
        /** Handed over, not yet given a thread: waiting in the dispatcher. */
        QUEUED,
        /** Its thread is started; its behavior is not (the thread may still wait for a carrier, or run beforeRun). */
        STARTING,
        /** Its behavior runs (for an async candidate: its stage is not complete yet). */
        RUNNING,
        /** Its behavior returned or threw in time. */
        DONE,
        /** Its deadline passed first; {@link #timedOutRunning} says whether its behavior had started. */
        TIMED_OUT,
        /** It was not run; {@link #skipReason} says why. */
        SKIPPED;

        boolean open() {
            return this == QUEUED || this == STARTING || this == RUNNING;
        }
    }

    /** The life of the candidate's thread, apart from the candidate's state: a thread can outlive its timeout. */
    enum Life {
        /** No thread was started for it. */
        NONE,
        /** Its thread is alive. */
        ALIVE,
        /** Its thread is alive past the candidate's timeout, ignoring the interrupt: counted as a runaway. */
        RUNAWAY,
        /** Its thread has ended. */
        ENDED
    }

    private static final VarHandle STATE;
    private static final VarHandle LIFE;
    private static final VarHandle THREAD_HOLD;
    private static final VarHandle STAGE_HOLD;
    private static final VarHandle HOLDS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Slot.class, "state", State.class);
            LIFE = lookup.findVarHandle(Slot.class, "life", Life.class);
            THREAD_HOLD = lookup.findVarHandle(Slot.class, "threadHold", boolean.class);
            STAGE_HOLD = lookup.findVarHandle(Slot.class, "stageHold", boolean.class);
            HOLDS = lookup.findVarHandle(Slot.class, "holds", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SampledCall<T> call;
    final String name;
    /** A {@code Behavior<? extends T, ?>}, or for an async call a {@code Behavior<? extends CompletionStage<? extends T>, ?>}. */
    final Behavior<?, ?> behavior;

    private volatile State state = State.QUEUED; // moved through STATE
    private volatile Life life = Life.NONE; // moved through LIFE
    // what keeps the slot's concurrency permit: its thread until it ends, and an async candidate's stage until it
    // settles (or times out); the permit goes back when both are let go, each exactly once
    private volatile boolean threadHold; // through THREAD_HOLD
    private volatile boolean stageHold; // through STAGE_HOLD
    private volatile int holds; // through HOLDS: how many of the two are still held

    /** Set by the dispatcher before the thread starts (or by the executor's thread as it begins). */
    volatile @Nullable Thread thread;
    /** True when the candidate runs on a virtual thread of its own, inside the laboratory's carrier budget. */
    volatile boolean virtual;
    /** The async candidate's stage, once its supplier returned it. */
    volatile @Nullable CompletionStage<?> stage;
    /** Set by the candidate's thread once it got going: from then on it may run user code (beforeRun, the behavior). */
    volatile boolean entered;
    /** True while the candidate's virtual thread is inside the carrier gate. */
    volatile boolean insideGate;

    // written by the candidate's thread before it moves the state out of STARTING or RUNNING
    long behaviorStart;
    long behaviorEnd;

    @Nullable
    Object value;

    @Nullable
    Throwable exception;
    // written by the dispatcher before it moves the state to TIMED_OUT: when, and whether the behavior had started
    long timedOutAt;
    boolean timedOutRunning;
    // written by whoever moves the state to SKIPPED, before it does
    @Nullable
    SkipReason skipReason;

    Slot(SampledCall<T> call, String name, Behavior<?, ?> behavior) {
        this.call = call;
        this.name = name;
        this.behavior = behavior;
    }

    /** What the behavior returned, {@code null} included, as the control's type; read once DONE with no exception. */
    // unchecked: a candidate's value is compared as the control's; NullAway: the field is null before DONE, or
    // when the behavior threw, and then this is not read
    @SuppressWarnings({"unchecked", "NullAway"})
    T value() {
        return (T) value;
    }

    State state() {
        return state;
    }

    boolean move(State from, State to) {
        return STATE.compareAndSet(this, from, to);
    }

    /**
     * Times the slot out if it is still open; true when this call did it. A slot still QUEUED (no thread yet) may be
     * timed out by whoever would start it; a started one by the dispatcher alone.
     */
    boolean timeOut(long now) {
        if (state == State.QUEUED) {
            timedOutAt = now; // timedOutRunning stays false: it never started
            return move(State.QUEUED, State.TIMED_OUT);
        }
        timedOutAt = now;
        timedOutRunning = true;
        if (move(State.RUNNING, State.TIMED_OUT)) {
            return true;
        }
        timedOutRunning = false;
        return move(State.STARTING, State.TIMED_OUT) || move(State.QUEUED, State.TIMED_OUT);
    }

    /**
     * Skips the slot if it is still in {@code from}. Only one party ever skips from a given state (the caller,
     * the dispatcher, or the candidate's thread), so the reason it writes first is never written by another.
     */
    boolean skip(State from, SkipReason reason) {
        skipReason = reason;
        return move(from, State.SKIPPED);
    }

    /** The slot takes the experiment's concurrency permit: held by its thread and, when async, its stage. */
    void hold() {
        stageHold = call.async;
        threadHold = true;
        holds = call.async ? 2 : 1;
    }

    /** Lets go of the thread's hold; true when that was the last hold, so the permit goes back. */
    boolean releaseThread() {
        return THREAD_HOLD.compareAndSet(this, true, false) && (int) HOLDS.getAndAdd(this, -1) == 1;
    }

    /** Lets go of the stage's hold; true when that was the last hold, so the permit goes back. */
    boolean releaseStage() {
        return STAGE_HOLD.compareAndSet(this, true, false) && (int) HOLDS.getAndAdd(this, -1) == 1;
    }

    /** True while the slot holds its permit. */
    boolean holding() {
        return holds > 0;
    }

    Life life() {
        return life;
    }

    void born() {
        life = Life.ALIVE;
    }

    /** The dispatcher saw the thread alive past the timeout: true when this call made it a runaway. */
    boolean becomeRunaway() {
        return LIFE.compareAndSet(this, Life.ALIVE, Life.RUNAWAY);
    }

    /** The thread ends: the life it had (RUNAWAY means a runaway ended). */
    Life end() {
        return (Life) LIFE.getAndSet(this, Life.ENDED);
    }

    @Override
    public String toString() {
        return "candidate '" + name + "' " + state;
    }
}
