package dev.parallelrun.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Times out candidates. One platform thread looks at the pending deadlines every {@link #TICK}: a candidate
 * registers and cancels its deadline without waking anybody (a per-candidate scheduler entry would wake a
 * timer thread on every sampled call and compete with the caller for the CPU). Timeouts fire up to one tick
 * late. While nothing is pending the thread sleeps until the next registration.
 */
final class Watchdog implements Runnable {

    static final long TICK = TimeUnit.MILLISECONDS.toNanos(5);

    private final Set<Deadline> pending = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean stopped;

    Watchdog() {
        this.thread = Thread.ofPlatform().name("parallel-run-timeouts").daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Runs {@code task} once {@code nanos} have passed, unless cancelled first; at once when stopped. */
    Deadline schedule(Runnable task, long nanos) {
        Deadline deadline = new Deadline(task, System.nanoTime() + nanos);
        pending.add(deadline);
        if (stopped) {
            deadline.fire(); // stop() may have looked at the pending deadlines before this one was added
        } else if (sleeping) {
            LockSupport.unpark(thread);
        }
        return deadline;
    }

    @Override
    public void run() {
        while (!stopped) {
            if (pending.isEmpty()) {
                sleeping = true;
                if (pending.isEmpty() && !stopped) {
                    LockSupport.park(this);
                }
                sleeping = false;
                continue;
            }
            long now = System.nanoTime();
            for (Deadline deadline : pending) {
                if (now - deadline.at >= 0) {
                    try {
                        deadline.fire();
                    } catch (Throwable unexpected) {
                        // a timeout that failed to hand its call on must not stop every later timeout
                        FaultLog.LOG.log(System.Logger.Level.ERROR, "timing out a candidate failed", unexpected);
                    }
                }
            }
            LockSupport.parkNanos(this, TICK);
        }
    }

    /** Fires every pending deadline now and stops the thread: the laboratory is closing. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        for (Deadline deadline : pending) {
            try {
                deadline.fire();
            } catch (Throwable unexpected) {
                FaultLog.LOG.log(System.Logger.Level.ERROR, "timing out a candidate failed", unexpected);
            }
        }
    }

    /** One candidate's deadline: fires once, from the watchdog or from {@link #stop()}, unless cancelled. */
    final class Deadline {
        private final Runnable task;
        private final long at;
        private final AtomicBoolean done = new AtomicBoolean();

        private Deadline(Runnable task, long at) {
            this.task = task;
            this.at = at;
        }

        void fire() {
            if (done.compareAndSet(false, true)) {
                pending.remove(this);
                task.run();
            }
        }

        /** The candidate finished in time. */
        void cancel() {
            if (done.compareAndSet(false, true)) {
                pending.remove(this);
            }
        }
    }
}
