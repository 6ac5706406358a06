package dev.parallelrun.runtime;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier budget of candidates on virtual threads. Virtual threads are never preempted: a candidate that
 * computes without blocking keeps its carrier thread, and candidates on every carrier would freeze every virtual
 * thread of the JVM, the application's own included. So a candidate's thread passes this gate before it runs any
 * of the candidate's code, and waits (parked, holding no carrier) while {@code budget} candidates are already
 * inside and not blocked. One that leaves lets the next in; candidates blocked in I/O or on a lock do not count,
 * as the dispatcher's census finds them. A candidate whose deadline passes while it waits never runs.
 *
 * <p>What is not covered: a candidate that blocks first, is counted out, and then computes without end goes over
 * the budget until the runaway bounds stop new candidates.
 */
final class CarrierGate {

    private final int budget;
    private final AtomicInteger inside = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder left = new java.util.concurrent.atomic.LongAdder();
    private final ConcurrentLinkedQueue<Thread> waiting = new ConcurrentLinkedQueue<>();
    // how many of those inside were blocked at the last census: they leave room for as many more
    private volatile int blocked;

    CarrierGate(int budget) {
        this.budget = budget;
    }

    /**
     * Waits on the candidate's own thread until there is room; false when the slot stopped waiting to start (timed
     * out, or the laboratory closed) first, and then the candidate must not run.
     */
    boolean enter(Slot<?> slot) {
        return enter(() -> slot.state() == Slot.State.STARTING);
    }

    /** Waits until there is room, for as long as {@code wanted} holds; false when it stopped holding first. */
    boolean enter(java.util.function.BooleanSupplier wanted) {
        Thread me = Thread.currentThread();
        while (true) {
            if (!wanted.getAsBoolean()) {
                return false;
            }
            if (tryEnter()) {
                return true;
            }
            waiting.add(me);
            if (roomNow() && waiting.remove(me)) {
                continue; // room appeared between the try and the queueing: take it rather than park
            }
            LockSupport.park(this); // an interrupt (its timeout) or a leaving candidate wakes it
            waiting.remove(me);
        }
    }

    private boolean tryEnter() {
        while (true) {
            int now = inside.get();
            if (Math.max(0, now - blocked) >= budget) {
                return false;
            }
            if (inside.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private boolean roomNow() {
        return room() > 0;
    }

    /**
     * How many more may enter now (zero or less when none): the budget less those inside that were not blocked at
     * the last census. A census is at most tens of microseconds old while candidates wait.
     */
    int room() {
        return budget - Math.max(0, inside.get() - blocked);
    }

    /** A candidate that entered leaves (its thread is about to end): the next one in line may enter. */
    void leave() {
        inside.decrementAndGet();
        left.increment();
        wakeOne();
    }

    /** How many candidates have left the gate so far: progress, for the dispatcher to tell a stuck gate from a busy one. */
    long leftSoFar() {
        return left.sum();
    }

    private void wakeOne() {
        Thread next = waiting.poll();
        if (next != null) {
            LockSupport.unpark(next);
        }
    }

    /** True when some candidate waits at the gate: the dispatcher then takes a census now and then. */
    boolean hasWaiters() {
        return !waiting.isEmpty();
    }

    /**
     * The dispatcher's census: how many of the candidates inside are blocked (waiting on I/O, a lock, a sleep) and so
     * hold no carrier. Each one found lets one more candidate in. True when it found any.
     */
    boolean census(List<Slot<?>> inFlight) {
        int found = 0;
        for (Slot<?> slot : inFlight) {
            Thread thread = slot.thread;
            if (slot.insideGate && thread != null) {
                Thread.State state = thread.getState();
                if (state == Thread.State.WAITING
                        || state == Thread.State.TIMED_WAITING
                        || state == Thread.State.BLOCKED) {
                    found++;
                }
            }
        }
        int before = blocked;
        blocked = found;
        for (int i = before; i < found; i++) {
            wakeOne();
        }
        return found > 0;
    }

    int budget() {
        return budget;
    }

    @Override
    public String toString() {
        return "CarrierGate[inside=" + inside.get() + ", blocked=" + blocked + ", budget=" + budget + "]";
    }
}
