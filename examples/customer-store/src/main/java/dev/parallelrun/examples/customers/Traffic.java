package dev.parallelrun.examples.customers;

import static java.util.Objects.requireNonNull;

import dev.parallelrun.experiment.Call;
import dev.parallelrun.experiment.migration.Migration;
import dev.parallelrun.experiment.migration.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The application's load: caller threads that look customers up (nine calls in ten) and change them (an email or a
 * tier with one UPDATE, sometimes a new customer), every call through the migration, with a short pause between
 * calls like request threads that also wait on other I/O. It counts what the callers saw, per stage the flag said.
 */
final class Traffic implements AutoCloseable {

    private static final long PAUSE_NANOS = 1_000_000;

    private final Migration<@Nullable Customer> migration;
    private final LegacyStore legacy;
    private final ModernStore modern;
    private final KeyLocks locks;
    private final int customers;
    private final AtomicLong nextId;
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder calls = new LongAdder();
    private final List<LongAdder> callsPerCaller = new ArrayList<>();
    private final Map<Stage, LongAdder> readErrors = counters();
    private final Map<Stage, LongAdder> writeErrors = counters();
    private final Map<Stage, LongAdder> callsPerStage = counters();
    private final Supplier<Stage> flag;
    private volatile boolean running = true;

    Traffic(
            Migration<@Nullable Customer> migration,
            Supplier<Stage> flag,
            LegacyStore legacy,
            ModernStore modern,
            KeyLocks locks,
            int customers) {
        this.migration = migration;
        this.flag = flag;
        this.legacy = legacy;
        this.modern = modern;
        this.locks = locks;
        this.customers = customers;
        this.nextId = new AtomicLong(customers + 1L);
    }

    private static Map<Stage, LongAdder> counters() {
        Map<Stage, LongAdder> counters = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            counters.put(stage, new LongAdder());
        }
        return counters;
    }

    private static LongAdder counter(Map<Stage, LongAdder> counters, Stage stage) {
        return requireNonNull(counters.get(stage), "every stage has its counter");
    }

    void start(int callerThreads) {
        for (int t = 0; t < callerThreads; t++) {
            SplittableRandom random = new SplittableRandom(20260302L + t);
            LongAdder own = new LongAdder();
            callsPerCaller.add(own);
            threads.add(Thread.ofPlatform().name("caller-" + t).start(() -> {
                while (running) {
                    call(random);
                    own.increment();
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
            }));
        }
    }

    private void call(SplittableRandom random) {
        Stage stage = flag.get();
        counter(callsPerStage, stage).increment();
        calls.increment();
        long id = 1L + random.nextInt(customers);
        if (random.nextInt(10) > 0) {
            try {
                migration.read(Call.keyed(id), () -> legacy.find(id), () -> modern.find(id));
            } catch (Exception e) {
                counter(readErrors, stage).increment();
            }
            return;
        }
        boolean insert = random.nextInt(20) == 0;
        long target = insert ? nextId.getAndIncrement() : id;
        ReentrantLock lock = locks.of(target);
        lock.lock();
        try {
            if (insert) {
                Customer customer = Customers.make(target, random);
                migration.write(
                        Call.keyed(target).with("change", "insert"),
                        () -> legacy.save(customer),
                        () -> modern.save(customer));
            } else if (random.nextBoolean()) {
                String tier = Customers.tier(random);
                migration.write(
                        Call.keyed(target).with("change", "tier"),
                        () -> legacy.changeTier(target, tier),
                        () -> modern.changeTier(target, tier));
            } else {
                String email = "c" + target + "." + random.nextInt(1_000) + "@example.org";
                migration.write(
                        Call.keyed(target).with("change", "email"),
                        () -> legacy.changeEmail(target, email),
                        () -> modern.changeEmail(target, email));
            }
        } catch (Exception e) {
            counter(writeErrors, stage).increment();
        } finally {
            lock.unlock();
        }
    }

    /** Calls made so far, by every caller thread. */
    long calls() {
        return calls.sum();
    }

    /** Calls made while the flag said {@code stage}. */
    long calls(Stage stage) {
        return counter(callsPerStage, stage).sum();
    }

    /** Reads that threw at a caller while the flag said {@code stage}. */
    long readErrors(Stage stage) {
        return counter(readErrors, stage).sum();
    }

    /** Writes that threw at a caller while the flag said {@code stage}. */
    long writeErrors(Stage stage) {
        return counter(writeErrors, stage).sum();
    }

    /** Customers ever created: the seeded ones and those the callers added. */
    long lastId() {
        return nextId.get() - 1;
    }

    /** Waits until the callers have made {@code more} calls beyond now. */
    void await(long more) {
        long until = calls() + more;
        while (calls() < until) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Waits until every caller has finished a call it started after now: no call from before is still running. */
    void awaitEveryCaller() {
        long[] before = new long[callsPerCaller.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = callsPerCaller.get(i).sum();
        }
        for (int i = 0; i < before.length; i++) {
            while (callsPerCaller.get(i).sum() < before[i] + 2) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /** Stops the callers and waits for their last calls. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
