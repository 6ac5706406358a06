package dev.parallelrun.runtime;

import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.SkipReason;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The laboratory's one platform thread that starts candidates and times them out. A caller hands its sampled call
 * over through a lock-free queue and never starts or wakes a thread: this thread looks at the queue on its own
 * (every 100 µs while calls arrive, every millisecond after 100 ms without one), so the caller pays for a queue
 * offer, not for waking a carrier.
 *
 * <p>For each candidate it checks, in order: the laboratory is open and the experiment not paused; the deadline
 * (counted from sampling) has not passed; the experiment and the laboratory are under their runaway bounds; the
 * experiment is under its concurrency cap. Then it hands the candidate to the experiment's executor, or queues it
 * for a virtual thread of its own.
 *
 * <p><b>Carriers.</b> Candidates on virtual threads run inside the {@link CarrierGate}'s budget, so that they never
 * hold every carrier thread. A queued candidate gets its thread when there is room: started by this thread, or by
 * the candidate leaving the gate, which starts the next one as it goes (the new thread runs on the same carrier
 * right after, with no thread to wake). Now and then this thread counts which candidates inside are blocked, and so
 * hold no carrier, to let as many more in.
 *
 * <p><b>Runaways.</b> A candidate past its timeout is interrupted. One whose thread has not ended 100 ms
 * later ignores the interrupt: it is a runaway, counted per experiment and per laboratory. At an experiment's bound
 * the experiment skips its candidates, and at the laboratory's bound every experiment with virtual-thread
 * candidates does, until runaways end.
 *
 * <p>This thread never runs user code: comparing a call whose last party arrived elsewhere, and cancelling a
 * timed-out async candidate's stage, happen on virtual threads it starts.
 */
final class Dispatcher implements Runnable {

    /** How long a timed-out candidate's thread may take to end before it counts as a runaway. */
    static final long RUNAWAY_GRACE = TimeUnit.MILLISECONDS.toNanos(100);

    static final long BUSY_PARK = TimeUnit.MICROSECONDS.toNanos(100);
    static final long IDLE_PARK = TimeUnit.MILLISECONDS.toNanos(1);
    static final long IDLE_AFTER = TimeUnit.MILLISECONDS.toNanos(100);
    static final long HOUSEKEEPING = TimeUnit.MILLISECONDS.toNanos(5);
    static final long CENSUS_INTERVAL = TimeUnit.MICROSECONDS.toNanos(50);
    static final long MAX_CENSUS_INTERVAL = TimeUnit.MILLISECONDS.toNanos(1);

    private final Thread thread;
    private final int capacity;
    private final CarrierGate gate;
    private final int maxRunaways;
    private final ConcurrentLinkedQueue<SampledCall<?>> handoffs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SampledCall<?>> toFinish = new ConcurrentLinkedQueue<>();
    /** Admitted virtual-thread candidates waiting for room at the gate; started here or by a leaving candidate. */
    private final ConcurrentLinkedQueue<Slot<?>> waiting = new ConcurrentLinkedQueue<>();
    /** Candidates started away from this thread, to be watched here. */
    private final ConcurrentLinkedQueue<Slot<?>> startedElsewhere = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queued = new AtomicInteger();
    /** Virtual threads started for candidates that have not yet passed the gate: room already promised. */
    private final AtomicInteger unentered = new AtomicInteger();

    private final AtomicInteger runaways = new AtomicInteger();
    private final LongAdder runawaysTotal = new LongAdder();

    // this thread's own
    private final List<Slot<?>> inFlight = new ArrayList<>();
    private long nextScan = Long.MAX_VALUE;
    private long lastWork = System.nanoTime(); // the last time a call arrived or a candidate was started
    private long lastCensus;
    private long leftAtCensus = -1;
    private long censusInterval = CENSUS_INTERVAL; // doubles while a census finds nobody blocked, up to a millisecond

    private volatile boolean closing;
    private volatile boolean stopped;

    Dispatcher(int capacity, int carrierBudget, int maxRunaways) {
        this.capacity = capacity;
        this.gate = new CarrierGate(carrierBudget);
        this.maxRunaways = maxRunaways;
        this.thread =
                Thread.ofPlatform().name("parallel-run-dispatcher").daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    boolean isDispatcherThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Hands a sampled call's candidates over; false when the laboratory is closing, or the hand-off queue of
     * executor experiments is full (the caller then skips them). Caller's thread: a permit taken and a queue offer per
     * candidate, no wake-up. Virtual-thread candidates go straight to the queue a running candidate starts the next
     * one from; candidates for an executor go through this thread, since handing a task to an executor may wake one
     * of its threads or run user code.
     */
    boolean handOver(SampledCall<?> call) {
        if (closing) {
            return false;
        }
        if (call.experiment.spec().candidateExecutor() != null) {
            if (queued.incrementAndGet() > capacity) {
                queued.decrementAndGet();
                return false;
            }
            handoffs.offer(call);
            return true;
        }
        for (Slot<?> slot : call.slots) {
            if (!call.experiment.tryAcquireCandidate()) {
                if (slot.skip(Slot.State.QUEUED, SkipReason.CAP)) {
                    call.arrive(SampledCall.Arrival.ELSEWHERE);
                }
                continue;
            }
            slot.hold();
            waiting.add(slot);
        }
        return true;
    }

    /** True when the hand-off queue of executor experiments is full. Caller's thread: one read. */
    boolean backlogFull() {
        return queued.get() >= capacity;
    }

    /** True while the laboratory's runaways are at its bound. */
    boolean runawaysAtBound() {
        return runaways.get() >= maxRunaways;
    }

    /** A call whose last party arrived away from a candidate's thread: compare it on a virtual thread. */
    void finishLater(SampledCall<?> call) {
        if (stopped) {
            startFinisher(call); // the dispatcher is gone: nobody else will
            return;
        }
        toFinish.offer(call);
    }

    @Override
    public void run() {
        while (true) {
            try {
                if (closing && drainForClose()) {
                    stopped = true;
                    SampledCall<?> left;
                    while ((left = toFinish.poll()) != null) {
                        startFinisher(left);
                    }
                    return;
                }
                boolean worked = admitHandoffs();
                worked |= startFinishers();
                long now = System.nanoTime();
                if (!waiting.isEmpty() && now - lastCensus >= censusInterval) {
                    // while candidates leave the gate, the queue moves on its own; when none has left for a while,
                    // the ones inside may be blocked in I/O, holding no carrier: count them, and let as many more in
                    long left = gate.leftSoFar();
                    if (left == leftAtCensus && gate.room() - unentered.get() <= 0) {
                        boolean found = gate.census(inFlight);
                        censusInterval = found ? CENSUS_INTERVAL : Math.min(censusInterval * 2, MAX_CENSUS_INTERVAL);
                    }
                    leftAtCensus = left;
                    lastCensus = now;
                }
                if (!waiting.isEmpty()) {
                    lastWork = now; // calls keep arriving: look at the queue often
                }
                worked |= startWaiting(true);
                adoptStartedElsewhere();
                Slot<?> oldest = waiting.peek();
                if (now - nextScan >= 0 || (oldest != null && now - oldest.call.deadline >= 0)) {
                    scan(now);
                }
                if (!worked) {
                    park(now);
                }
            } catch (Throwable unexpected) {
                // this thread must outlive anything one call does to it
                FaultLog.LOG.log(Level.ERROR, "parallel-run dispatcher: " + unexpected);
            }
        }
    }

    private void park(long now) {
        long park = now - lastWork > IDLE_AFTER ? IDLE_PARK : BUSY_PARK;
        if (!waiting.isEmpty()) {
            park = Math.min(park, CENSUS_INTERVAL);
        }
        if (nextScan != Long.MAX_VALUE) {
            park = Math.min(park, Math.max(0, nextScan - now));
        }
        if (park > 0 && handoffs.isEmpty() && toFinish.isEmpty() && !closing) {
            LockSupport.parkNanos(this, park);
        }
    }

    private boolean admitHandoffs() {
        boolean worked = false;
        SampledCall<?> call;
        while ((call = handoffs.poll()) != null) {
            queued.decrementAndGet();
            worked = true;
            lastWork = System.nanoTime();
            for (Slot<?> slot : call.slots) {
                try {
                    admit(slot);
                } catch (Throwable unexpected) {
                    call.experiment.faults().record(FaultSource.ENGINE, unexpected);
                    if (slot.skip(Slot.State.QUEUED, SkipReason.REJECTED)) {
                        call.arrive(SampledCall.Arrival.ELSEWHERE);
                    }
                }
            }
        }
        return worked;
    }

    /** Decides what becomes of one handed-over candidate. */
    private <T> void admit(Slot<T> slot) {
        SampledCall<T> call = slot.call;
        RuntimeExperiment<T> experiment = call.experiment;
        Executor executor = experiment.spec().candidateExecutor();
        // calls handed over before close() still run while close() waits for them; only those admitted after
        // it gives up (closing) are skipped as closed
        SkipReason skip = closing ? SkipReason.CLOSED : experiment.pausedAfterSampling() ? SkipReason.PAUSED : null;
        long now = System.nanoTime();
        if (skip == null && now - call.deadline >= 0) {
            timeOut(slot, now);
            return;
        }
        if (skip == null
                && (experiment.runaways() >= experiment.spec().maxRunaways()
                        || (executor == null && runaways.get() >= maxRunaways))) {
            skip = SkipReason.RUNAWAYS;
        }
        if (skip == null && !experiment.tryAcquireCandidate()) {
            skip = SkipReason.CAP;
        }
        if (skip != null) {
            if (slot.skip(Slot.State.QUEUED, skip)) {
                call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
            return;
        }
        slot.hold();
        nextScan = Math.min(nextScan, call.deadline);
        if (executor != null) {
            submit(slot, executor);
        } else {
            waiting.add(slot); // an experiment handed over to this thread before it had no executor: never, but safe
        }
    }

    private <T> void submit(Slot<T> slot, Executor executor) {
        if (!slot.move(Slot.State.QUEUED, Slot.State.STARTING)) {
            release(slot);
            return;
        }
        inFlight.add(slot);
        try {
            executor.execute(new CandidateTask<>(slot, this));
        } catch (Throwable rejected) {
            if (slot.skip(Slot.State.STARTING, SkipReason.REJECTED)) {
                threadEnded(slot);
                slot.call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
        }
    }

    /**
     * Starts queued virtual-thread candidates while the gate has room that no started thread has claimed yet. On
     * this thread ({@code here}), or on a candidate's thread as it leaves the gate (one at most).
     */
    private boolean startWaiting(boolean here) {
        boolean worked = false;
        while (gate.room() - unentered.get() > 0) {
            Slot<?> slot = waiting.poll();
            if (slot == null) {
                break;
            }
            if (startVirtual(slot, here)) {
                worked = true;
                if (!here) {
                    break;
                }
            }
        }
        return worked;
    }

    /** A candidate left the gate: start the next queued one, on the same carrier, as it goes. Candidate's thread. */
    void startNext() {
        if (!waiting.isEmpty()) {
            startWaiting(false);
        }
    }

    private <T> boolean startVirtual(Slot<T> slot, boolean here) {
        RuntimeExperiment<T> experiment = slot.call.experiment;
        SkipReason skip = closing
                ? SkipReason.CLOSED
                : experiment.pausedAfterSampling()
                        ? SkipReason.PAUSED
                        : experiment.runaways() >= experiment.spec().maxRunaways() || runaways.get() >= maxRunaways
                                ? SkipReason.RUNAWAYS
                                : null;
        if (skip != null) {
            if (slot.skip(Slot.State.QUEUED, skip)) {
                release(slot);
                slot.call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
            return false;
        }
        if (System.nanoTime() - slot.call.deadline >= 0) {
            if (slot.timeOut(System.nanoTime())) {
                release(slot); // it never had a thread
                slot.call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
            return false;
        }
        if (!slot.move(Slot.State.QUEUED, Slot.State.STARTING)) {
            release(slot); // timed out (or closed) while it waited: its permit may still be held
            return false;
        }
        try {
            Thread started = slot.call.experiment.candidateThreads().newThread(new CandidateTask<>(slot, this));
            slot.virtual = true;
            slot.thread = started;
            slot.born();
            unentered.incrementAndGet();
            if (here) {
                inFlight.add(slot);
                nextScan = Math.min(nextScan, slot.call.deadline);
            } else {
                startedElsewhere.add(slot);
            }
            started.start();
            return true;
        } catch (Throwable failed) {
            slot.call.experiment.faults().record(FaultSource.ENGINE, failed);
            if (slot.skip(Slot.State.STARTING, SkipReason.REJECTED)) {
                threadEnded(slot);
                slot.call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
            return false;
        }
    }

    /** The candidate's thread has passed the gate, or given up before it: its promised room is its own now. */
    void gatePassed() {
        unentered.decrementAndGet();
    }

    private void adoptStartedElsewhere() {
        Slot<?> slot;
        while ((slot = startedElsewhere.poll()) != null) {
            inFlight.add(slot);
            nextScan = Math.min(nextScan, slot.call.deadline);
        }
    }

    private boolean startFinishers() {
        boolean worked = false;
        SampledCall<?> call;
        while ((call = toFinish.poll()) != null) {
            if (call.needsComparison()) {
                startFinisher(call);
            } else {
                call.finish(); // no candidate ran to the end: nothing to compare, no user code to run, no thread needed
            }
            worked = true;
        }
        return worked;
    }

    /** Compares {@code call} on a virtual thread of its own, as a candidate's thread would after leaving the gate. */
    private void startFinisher(SampledCall<?> call) {
        try {
            Thread.ofVirtual().name("parallel-run-compare").start(call::finishInContext);
        } catch (Throwable failed) {
            call.experiment.faults().record(FaultSource.ENGINE, failed);
            call.experiment.laboratory().callHandedOn();
        }
    }

    /** Times out what is past its deadline, finds runaways, and forgets what has ended. */
    private void scan(long now) {
        long earliest = Long.MAX_VALUE;
        for (Slot<?> slot : waiting) {
            if (slot.state() == Slot.State.QUEUED) {
                if (now - slot.call.deadline >= 0) {
                    timeOut(slot, now);
                } else {
                    earliest = Math.min(earliest, slot.call.deadline);
                }
            }
        }
        waiting.removeIf(slot -> slot.state() != Slot.State.QUEUED);
        int kept = 0;
        for (int i = 0; i < inFlight.size(); i++) {
            Slot<?> slot = inFlight.get(i);
            if (slot.state().open()) {
                if (now - slot.call.deadline >= 0) {
                    timeOut(slot, now);
                } else {
                    earliest = Math.min(earliest, slot.call.deadline);
                }
            }
            if (slot.state() == Slot.State.TIMED_OUT
                    && slot.entered
                    && slot.life() == Slot.Life.ALIVE
                    && now - slot.timedOutAt >= RUNAWAY_GRACE
                    && slot.becomeRunaway()) {
                becameRunaway(slot);
            }
            Slot.Life life = slot.life();
            if (life == Slot.Life.ALIVE
                    || life == Slot.Life.RUNAWAY
                    || slot.state().open()
                    || (life == Slot.Life.NONE && slot.holding())) {
                inFlight.set(kept++, slot);
                if (slot.state() == Slot.State.TIMED_OUT && life == Slot.Life.ALIVE) {
                    earliest = Math.min(earliest, slot.timedOutAt + RUNAWAY_GRACE);
                }
            }
        }
        inFlight.subList(kept, inFlight.size()).clear();
        boolean busy = !inFlight.isEmpty() || !waiting.isEmpty();
        nextScan = busy ? Math.min(earliest, now + HOUSEKEEPING) : Long.MAX_VALUE;
    }

    /** The deadline passed: give up on the candidate, interrupt it, and arrive in its name. */
    private <T> void timeOut(Slot<T> slot, long now) {
        Slot.State before = slot.state();
        if (!slot.timeOut(now)) {
            return;
        }
        if (before == Slot.State.QUEUED) {
            release(slot); // it never had a thread
        } else {
            if (!slot.virtual && !slot.entered && slot.releaseThread()) {
                // an executor that has not run the task yet: the permit goes back now (the task, should it run
                // later, finds the slot timed out and returns at once)
                slot.call.experiment.releaseCandidate();
            }
            Thread candidate = slot.thread;
            if (candidate != null) {
                candidate.interrupt();
            }
            if (slot.call.async) {
                stageSettled(slot);
                cancel(slot);
            }
        }
        slot.call.arrive(SampledCall.Arrival.ELSEWHERE);
    }

    /** Cancels a timed-out async candidate's stage on a virtual thread: cancelling runs its dependents. */
    private void cancel(Slot<?> slot) {
        CompletionStage<?> stage = slot.stage;
        if (stage == null) {
            return;
        }
        try {
            Thread.ofVirtual().name("parallel-run-cancel").start(() -> {
                try {
                    stage.toCompletableFuture().cancel(true);
                } catch (Throwable ignored) {
                    // a stage that cannot become a future cannot be cancelled; the candidate is timed out anyway
                }
            });
        } catch (Throwable failed) {
            slot.call.experiment.faults().record(FaultSource.ENGINE, failed);
        }
    }

    private <T> void becameRunaway(Slot<T> slot) {
        RuntimeExperiment<T> experiment = slot.call.experiment;
        experiment.runawayStarted();
        if (slot.virtual) {
            runaways.incrementAndGet();
        }
        runawaysTotal.increment();
        experiment
                .faults()
                .warnRunaway(slot.name, slot.thread, experiment.spec().maxRunaways());
    }

    /** A candidate's thread ends (or will never run): its runaway and its hold end with it. Any thread. */
    void threadEnded(Slot<?> slot) {
        Slot.Life was = slot.end();
        if (was == Slot.Life.RUNAWAY) {
            slot.call.experiment.runawayEnded();
            if (slot.virtual) {
                runaways.decrementAndGet();
            }
        }
        if (slot.releaseThread()) {
            slot.call.experiment.releaseCandidate();
        }
    }

    /** An async candidate's stage settled (or timed out): its hold on the permit ends. */
    void stageSettled(Slot<?> slot) {
        if (slot.releaseStage()) {
            slot.call.experiment.releaseCandidate();
        }
    }

    /** A slot that took the permit but never got a thread lets it go. */
    private void release(Slot<?> slot) {
        boolean last = slot.releaseThread();
        last |= slot.releaseStage();
        if (last) {
            slot.call.experiment.releaseCandidate();
        }
    }

    /** Stops taking calls: what is queued is skipped, what runs is timed out, and the thread ends once all is handed on. */
    void close() {
        closing = true;
        LockSupport.unpark(thread);
    }

    /** Waits up to {@code deadlineNanos} for the dispatcher to hand on what it holds. */
    void awaitStopped(long deadlineNanos) {
        while (!stopped && System.nanoTime() - deadlineNanos < 0) {
            LockSupport.parkNanos(200_000);
        }
    }

    /** One closing round; true when nothing is left to hand on. */
    private boolean drainForClose() {
        SampledCall<?> call;
        while ((call = handoffs.poll()) != null) {
            queued.decrementAndGet();
            for (Slot<?> slot : call.slots) {
                if (slot.skip(Slot.State.QUEUED, SkipReason.CLOSED)) {
                    call.arrive(SampledCall.Arrival.ELSEWHERE);
                }
            }
        }
        Slot<?> slot;
        while ((slot = waiting.poll()) != null) {
            if (slot.skip(Slot.State.QUEUED, SkipReason.CLOSED)) {
                release(slot);
                slot.call.arrive(SampledCall.Arrival.ELSEWHERE);
            }
        }
        adoptStartedElsewhere();
        long now = System.nanoTime();
        for (Slot<?> running : new ArrayList<>(inFlight)) {
            if (running.state().open()) {
                timeOut(running, now);
            }
        }
        startFinishers();
        scan(now);
        return handoffs.isEmpty() && toFinish.isEmpty();
    }

    /** Runaway virtual-thread candidates of the whole laboratory, now. */
    int runaways() {
        return runaways.get();
    }

    /** Candidates that became runaways since the laboratory started. */
    long runawaysTotal() {
        return runawaysTotal.sum();
    }

    /** The gate of virtual-thread candidates. */
    CarrierGate gate() {
        return gate;
    }

    @Override
    public String toString() {
        return "Dispatcher[queued=" + queued.get() + ", waiting=" + waiting.size() + ", unentered=" + unentered.get()
                + ", " + gate + ", runaways=" + runaways.get() + "]";
    }
}
