package dev.parallelrun.runtime;

import dev.parallelrun.experiment.FaultSource;
import dev.parallelrun.experiment.Publisher;
import dev.parallelrun.experiment.PublishingStats;
import dev.parallelrun.experiment.Result;
import dev.parallelrun.experiment.spi.ThrottledLog;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The bounded queue between finished calls and publishers, and the one platform thread that drains it, handing
 * each result to every publisher in turn. Results arrive compared and counted (by a candidate's thread or a
 * virtual thread of the dispatcher's), so a full queue costs only publishing: the call is dropped and counted,
 * never blocked on. With no publisher, nothing is queued at all.
 *
 * <p>Migrations' records (stage changes, failed writes) come through a second bounded queue, so that every publisher
 * is still called on this one thread. They may be offered on a caller's thread, so offering them never wakes this
 * thread: it finds them within {@link #IDLE_PARK}.
 */
final class PublishingPipeline implements Runnable {

    // only candidates' and the dispatcher's threads offer here (never the caller's), and they wake this thread; an
    // idle thread looks at the queue this often anyway
    static final long IDLE_PARK = TimeUnit.MILLISECONDS.toNanos(20);

    private final List<Publisher> publishers;
    private final int capacity;
    private final ConcurrentLinkedQueue<SampledCall<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger eventCount = new AtomicInteger();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean stopping;
    private volatile boolean idle;

    PublishingPipeline(List<Publisher> publishers, int capacity) {
        this.publishers = List.copyOf(publishers);
        this.capacity = capacity;
        this.thread =
                Thread.ofPlatform().name("parallel-run-publisher").daemon(true).unstarted(this);
    }

    /** True when some publisher gets results. */
    boolean listens() {
        return !publishers.isEmpty();
    }

    void start() {
        thread.start();
    }

    /**
     * Queues a finished call. When {@code blocking} (strict mode), waits up to {@code patience} for room instead of
     * dropping at once. Never on the caller's thread.
     */
    void offer(SampledCall<?> call, boolean blocking, java.time.Duration patience) {
        if (publishers.isEmpty() && !blocking) {
            call.released(); // nobody listens: the result is counted in the stats and goes no further
            return;
        }
        long deadline = blocking ? System.nanoTime() + patience.toNanos() : 0;
        while (true) {
            if (!accepting) {
                drop(call);
                return;
            }
            if (size.incrementAndGet() <= capacity) {
                break;
            }
            size.decrementAndGet();
            if (!blocking || System.nanoTime() - deadline > 0) {
                drop(call);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
        queue.offer(call);
        if (!accepting && queue.remove(call)) {
            size.decrementAndGet(); // lost the race with close(): nobody will drain it any more
            drop(call);
            return;
        }
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    /** A migration's record for every publisher, and where a publisher's exception is reported. */
    private record Event(Consumer<Publisher> delivery, Consumer<Throwable> failed) {}

    /**
     * Queues a migration's record: {@code delivery} is called with each publisher on the publishing thread, and
     * {@code failed} with what a publisher threw. Any thread; never wakes the publishing thread.
     *
     * @return false when the record was dropped: the queue was full or the laboratory closing
     */
    boolean offerEvent(Consumer<Publisher> delivery, Consumer<Throwable> failed) {
        if (publishers.isEmpty()) {
            return true; // nobody listens: not a drop
        }
        if (!accepting) {
            return false;
        }
        if (eventCount.incrementAndGet() > capacity) {
            eventCount.decrementAndGet();
            return false;
        }
        Event event = new Event(delivery, failed);
        events.offer(event);
        if (!accepting && events.remove(event)) {
            eventCount.decrementAndGet(); // lost the race with close()
            return false;
        }
        return true;
    }

    private void deliver(Event event) {
        for (Publisher publisher : publishers) {
            try {
                event.delivery().accept(publisher);
            } catch (Throwable fault) {
                failures.increment();
                try {
                    event.failed().accept(fault);
                } catch (Throwable ignored) {
                    // the report of a fault must not stop the other publishers
                }
            }
        }
    }

    private void drop(SampledCall<?> call) {
        dropped.increment();
        call.experiment.recorder().recordDropped();
        call.released();
    }

    @Override
    public void run() {
        while (true) {
            Event event = events.poll();
            if (event != null) {
                eventCount.decrementAndGet();
                deliver(event);
                continue;
            }
            SampledCall<?> call = queue.poll();
            if (call == null) {
                if (stopping) {
                    return;
                }
                idle = true;
                if (queue.isEmpty() && events.isEmpty() && !stopping) {
                    LockSupport.parkNanos(this, IDLE_PARK);
                }
                idle = false;
                continue;
            }
            size.decrementAndGet();
            try {
                publish(call);
            } catch (Throwable unexpected) {
                // this thread must outlive anything one result does to it
                call.experiment.faults().record(FaultSource.ENGINE, unexpected);
            } finally {
                call.released();
            }
        }
    }

    private void publish(SampledCall<?> call) {
        Result<?> result = call.result();
        if (result == null) {
            return; // an internal error, already counted
        }
        for (Publisher publisher : publishers) {
            try {
                publisher.publish(result);
            } catch (Throwable fault) {
                failures.increment();
                call.experiment.faults().record(FaultSource.PUBLISHER, fault);
            }
        }
        published.increment();
    }

    /**
     * Stops accepting, publishes what is queued until {@code deadlineNanos}, drops the rest, then closes the
     * publishers.
     */
    void close(long deadlineNanos) {
        accepting = false;
        while ((size.get() > 0 || eventCount.get() > 0) && System.nanoTime() - deadlineNanos < 0 && thread.isAlive()) {
            LockSupport.parkNanos(1_000_000);
        }
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt(); // a publisher is stuck past the deadline
        }
        SampledCall<?> left;
        while ((left = queue.poll()) != null) {
            size.decrementAndGet();
            drop(left);
        }
        events.clear(); // migrations' records past the deadline: their migrations keep them in memory
        eventCount.set(0);
        for (Publisher publisher : publishers) {
            try {
                publisher.close();
            } catch (Throwable fault) {
                failures.increment();
                FaultLog.LOG.log(
                        Level.WARNING, "closing publisher " + publisher + " failed: " + ThrottledLog.oneLine(fault));
            }
        }
    }

    PublishingStats stats() {
        return new PublishingStats(capacity, Math.max(0, size.get()), published.sum(), dropped.sum(), failures.sum());
    }
}
