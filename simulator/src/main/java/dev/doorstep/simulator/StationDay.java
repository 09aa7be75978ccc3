package dev.doorstep.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A whole station day against a running Doorstep: {@link WorldSeeder} seeds it, then one thread per driver runs
 * its {@link SimulatedDriver} until its route is done or {@code stopAt}. Used by the app's {@code --demo} and by
 * {@code bench/run day}; both only ever talk to the app over its public HTTP API.
 */
public final class StationDay implements AutoCloseable {

    private final DoorstepApi api;
    private final World world;
    private final DayTally tally;
    private final ExecutorService drivers;
    private final Instant startedAt;
    private final List<String> trackingLinks = new CopyOnWriteArrayList<>();

    private StationDay(DoorstepApi api, World world, DaySettings settings, Consumer<String> out, Instant stopAt) {
        this.api = api;
        this.world = world;
        this.startedAt = Instant.now();
        this.tally = new DayTally(out, this::linkFor);
        AtomicInteger n = new AtomicInteger();
        this.drivers = Executors.newFixedThreadPool(Math.max(1, world.seats().size()), task -> {
            Thread thread = new Thread(task, "simulated-driver-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (World.Seat seat : world.seats()) {
            drivers.execute(new SimulatedDriver(api, world, seat, settings, tally, stopAt));
        }
        drivers.shutdown();
    }

    /**
     * Seeds the world on the calling thread, then starts the drivers for {@code driveFor} from then on (null: until
     * every route is done).
     */
    public static StationDay start(DoorstepApi api, DaySettings settings, Consumer<String> out, Duration driveFor) {
        World world = new WorldSeeder(api, settings, out).seed();
        return new StationDay(api, world, settings, out, driveFor == null ? null : Instant.now().plus(driveFor));
    }

    public World world() {
        return world;
    }

    public DayTally tally() {
        return tally;
    }

    /** Customer tracking pages of the first packages of started routes (the automatic links, as the shipper reads them). */
    public List<String> trackingLinks() {
        return List.copyOf(trackingLinks);
    }

    private synchronized void linkFor(World.Seat seat, String trackingId) {
        if (trackingId == null || trackingLinks.size() >= 5) {
            return;
        }
        try {
            JsonNode links = api.get("/v1/packages/" + trackingId + "/tracking-links", world.serviceToken()).get("items");
            if (!links.isEmpty()) {
                trackingLinks.add(links.get(0).get("url").asString());
            }
        } catch (ApiException notYet) {
            tally.note("no tracking link for " + trackingId + ": " + notYet.getMessage());
        }
    }

    /** Waits until every driver is done (or {@code wait} passed); true when all are. */
    public boolean awaitDrivers(Duration wait) throws InterruptedException {
        return drivers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Points in the drivers' trails since the day started, read back as ops: must equal the pings sent. */
    public long pingsInTrails() {
        long found = 0;
        String from = startedAt.minusSeconds(60).toString();
        for (World.Seat seat : world.seats()) {
            found += api.get("/v1/ops/drivers/" + seat.driverId() + "/trail?from=" + from, world.opsToken())
                    .get("points").size();
        }
        return found;
    }

    /** The demo's start-up lines: where to look, and as whom. */
    public String welcome() {
        StringBuilder text = new StringBuilder();
        String base = api.baseUrl();
        text.append("\n  Doorstep demo: ").append(world.stationName()).append(", ").append(world.date())
                .append(", shift from ").append(world.shiftStart()).append(' ').append(world.zone()).append('\n');
        text.append("  DSP portal:  ").append(base).append("/dsp\n");
        for (World.Dispatcher d : world.dispatchers()) {
            text.append("    ").append(d.dspName()).append(": ").append(d.username()).append(" / ").append(d.password())
                    .append('\n');
        }
        text.append("  Swagger UI:  ").append(base).append("/swagger-ui.html\n");
        text.append("  Tracking pages:\n");
        for (String link : trackingLinks()) {
            text.append("    ").append(link).append('\n');
        }
        return text.toString();
    }

    /** Stops the drivers where they are (their threads end at their next step). */
    @Override
    public void close() {
        drivers.shutdownNow();
    }
}
