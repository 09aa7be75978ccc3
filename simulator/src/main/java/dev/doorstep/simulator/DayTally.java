package dev.doorstep.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** What the simulated drivers did, counted as they go: the figures a run is checked against. */
public final class DayTally {

    private final Map<String, AtomicLong> pingsByDriver = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger attempted = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Consumer<String> out;
    private final BiConsumer<World.Seat, String> onStart;

    DayTally(Consumer<String> out, BiConsumer<World.Seat, String> onStart) {
        this.out = out;
        this.onStart = onStart;
    }

    void started(World.Seat seat, String firstTrackingId) {
        started.incrementAndGet();
        onStart.accept(seat, firstTrackingId);
    }

    void pinged(World.Seat seat, int count) {
        pingsByDriver.computeIfAbsent(seat.driverId(), id -> new AtomicLong()).addAndGet(count);
    }

    void countDelivered() {
        delivered.incrementAndGet();
    }

    void countAttempted() {
        attempted.incrementAndGet();
    }

    void finished() {
        finished.incrementAndGet();
    }

    void note(String line) {
        out.accept(line);
    }

    void failed(String why) {
        failures.add(why);
        out.accept("driver stopped: " + why);
    }

    public long pingsSent() {
        return pingsByDriver.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long pingsSentBy(String driverId) {
        AtomicLong sent = pingsByDriver.get(driverId);
        return sent == null ? 0 : sent.get();
    }

    public int routesStarted() {
        return started.get();
    }

    public int routesFinished() {
        return finished.get();
    }

    public int delivered() {
        return delivered.get();
    }

    public int attempted() {
        return attempted.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}
