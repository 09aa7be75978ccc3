package dev.doorstep.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * One DSP driver's day through the driver app's API: reads the itinerary, starts the route, drives to each stop
 * sending positions (JSON batches, or one at a time through OsmAnd), arrives, delivers with an Exif-tagged photo
 * or fails the attempt with a reason, drives back and finishes; ops then scan what came back. Runs on its own
 * thread; driving and dwelling take real time divided by the speed factor.
 */
final class SimulatedDriver implements Runnable {

    /** The simulated van's speed: a city average over straight lines. */
    private static final double CITY_KMH = 30;
    /** Faster moves are flagged by the app (max-speed-kmh 250) and kept out of the live map. */
    private static final double MAX_REAL_KMH = 200;
    private static final List<String> REASONS = List.of("CUSTOMER_UNAVAILABLE", "NO_ACCESS", "NO_SAFE_PLACE",
            "BUSINESS_CLOSED");
    private static final List<String> PLACES = List.of("FRONT_DOOR", "PORCH", "MAILROOM", "BACK_DOOR", "RECEPTIONIST");

    private final DoorstepApi api;
    private final World world;
    private final World.Seat seat;
    private final DaySettings settings;
    private final DayTally tally;
    private final Instant stopAt;
    private final Random random;
    private final Duration pingEvery;
    private final double metresPerPing;
    private final List<Map<String, Object>> unsent = new ArrayList<>();
    private final List<String> broughtBack = new ArrayList<>();
    private double lat;
    private double lon;
    private double battery;
    private long lastOsmandSecond;
    private String deviceKey;
    private Instant silentFrom;
    private Instant silentUntil;
    private boolean silenced;

    SimulatedDriver(DoorstepApi api, World world, World.Seat seat, DaySettings settings, DayTally tally, Instant stopAt) {
        this.api = api;
        this.world = world;
        this.seat = seat;
        this.settings = settings;
        this.tally = tally;
        this.stopAt = stopAt;
        this.random = new Random(settings.seed() ^ seat.driverId().hashCode());
        this.pingEvery = Duration.ofMillis(Math.max(2000, (long) (10_000 / settings.speed())));
        double realKmh = Math.min(CITY_KMH * settings.speed(), MAX_REAL_KMH);
        this.metresPerPing = realKmh / 3.6 * pingEvery.toMillis() / 1000.0;
        this.lat = world.stationLat();
        this.lon = world.stationLon();
        this.battery = 0.8 + random.nextDouble() * 0.2;
    }

    @Override
    public void run() {
        try {
            drive();
        } catch (ApiException | IllegalStateException failed) {
            tally.failed(seat.name() + ": " + failed.getMessage());
        }
    }

    private void drive() {
        JsonNode route = api.get("/v1/driver/itinerary?date=" + world.date(), seat.token()).get("route");
        if (route == null || route.isNull()) {
            throw new IllegalStateException("no route in the itinerary");
        }
        if (seat.osmand()) {
            deviceKey = api.post("/v1/driver/devices/osmand", seat.token(), null).get("deviceKey").asString();
        }
        api.post("/v1/driver/routes/" + seat.routeId() + "/start", seat.token(), null);
        JsonNode stops = route.get("stops");
        tally.started(seat, stops.isEmpty() ? null : stops.get(0).get("trackingIds").get(0).asString());
        for (int i = 0; i < stops.size() && !over(); i++) {
            JsonNode stop = stops.get(i);
            if (seat.silent() && i == 0) {
                // A few positions out of the station, the phone loses its signal (the exceptions panel's NO_PINGS).
                silentFrom = Instant.now().plus(pingEvery.multipliedBy(6));
                silentUntil = silentFrom.plus(settings.silentFor());
            }
            driveTo(stop.get("location").get("lat").asDouble(), stop.get("location").get("lon").asDouble());
            if (over()) {
                break;
            }
            flush();
            api.post("/v1/driver/stops/" + stop.get("id").asString() + "/arrive", seat.token(), null);
            dwell(Duration.ofSeconds(60 + random.nextInt(90)));
            deliver(stop);
        }
        if (!over()) {
            driveTo(world.stationLat(), world.stationLon());
        }
        silentUntil = null;
        flush();
        if (!over()) {
            api.post("/v1/driver/routes/" + seat.routeId() + "/finish", seat.token(), null);
            if (!broughtBack.isEmpty()) {
                api.post("/v1/stations/" + world.stationId() + "/returns", world.opsToken(),
                        Map.of("trackingIds", broughtBack));
            }
            tally.finished();
        }
    }

    private boolean over() {
        return stopAt != null && Instant.now().isAfter(stopAt) || Thread.currentThread().isInterrupted();
    }

    private void driveTo(double toLat, double toLon) {
        while (!over()) {
            double metres = metres(lat, lon, toLat, toLon);
            WorldSeeder.pause(pingEvery);
            double share = metres <= metresPerPing ? 1 : metresPerPing / metres;
            double heading = Math.toDegrees(Math.atan2((toLon - lon) * Math.cos(Math.toRadians(lat)), toLat - lat));
            lat += (toLat - lat) * share;
            lon += (toLon - lon) * share;
            battery = Math.max(0.05, battery - 0.0004);
            ping((heading + 360) % 360, Math.min(metres, metresPerPing) / (pingEvery.toMillis() / 1000.0));
            if (share == 1) {
                return;
            }
        }
    }

    private void ping(double heading, double metresPerSecond) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (seat.osmand()) {
            long second = now.getEpochSecond();
            if (second <= lastOsmandSecond) {
                return;  // OsmAnd sends whole seconds: a second ping within one would be a duplicate
            }
            lastOsmandSecond = second;
            api.osmand(Map.of("id", deviceKey, "lat", Double.toString(lat), "lon", Double.toString(lon),
                    "timestamp", Long.toString(second), "speed", String.format(java.util.Locale.ROOT, "%.1f",
                            metresPerSecond * 1.943844), "bearing", Long.toString(Math.round(heading)),
                    "batt", Long.toString(Math.round(battery * 100))));
            tally.pinged(seat, 1);
            return;
        }
        Map<String, Object> ping = new LinkedHashMap<>();
        ping.put("ts", now.toString());
        ping.put("lat", lat);
        ping.put("lon", lon);
        ping.put("accuracy", 5 + random.nextInt(10));
        ping.put("speed", Math.round(metresPerSecond * 10) / 10.0);
        ping.put("heading", Math.round(heading));
        ping.put("battery", Math.round(battery * 100) / 100.0);
        unsent.add(ping);
        if (silent()) {
            if (!silenced) {
                silenced = true;
                tally.note(seat.name() + " lost signal for " + settings.silentFor().toMinutes() + " min");
            }
            return;
        }
        if (unsent.size() >= 5) {
            flush();
        }
    }

    private boolean silent() {
        Instant now = Instant.now();
        return silentUntil != null && !now.isBefore(silentFrom) && now.isBefore(silentUntil);
    }

    /** Uploads the kept pings, at most 500 a batch (the app's limit). */
    private void flush() {
        if (silent() && !over()) {
            return;
        }
        while (!unsent.isEmpty()) {
            List<Map<String, Object>> batch = new ArrayList<>(unsent.subList(0, Math.min(500, unsent.size())));
            api.post("/v1/driver/pings", seat.token(), Map.of("pings", batch));
            unsent.subList(0, batch.size()).clear();
            tally.pinged(seat, batch.size());
        }
    }

    private void dwell(Duration simulated) {
        WorldSeeder.pause(Duration.ofMillis((long) (simulated.toMillis() / settings.speed())));
    }

    private void deliver(JsonNode stop) {
        boolean pickup = "PICKUP".equals(stop.get("kind").asString());
        List<Map<String, Object>> packages = new ArrayList<>();
        for (JsonNode id : stop.get("trackingIds")) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("trackingId", id.asString());
            if (pickup) {
                outcome.put("outcome", "PICKED_UP");
                broughtBack.add(id.asString());
            } else if (random.nextInt(100) < 7) {
                outcome.put("outcome", "ATTEMPTED");
                outcome.put("reason", REASONS.get(random.nextInt(REASONS.size())));
                broughtBack.add(id.asString());
                tally.countAttempted();
            } else {
                outcome.put("outcome", "DELIVERED");
                tally.countDelivered();
            }
            packages.add(outcome);
        }
        double photoLat = lat + (random.nextDouble() - 0.5) * 0.0002;
        double photoLon = lon + (random.nextDouble() - 0.5) * 0.0002;
        ZonedDateTime takenAt = ZonedDateTime.now(world.zone());
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("packages", packages);
        attempt.put("place", pickup ? "HANDED_TO_RESIDENT" : PLACES.get(random.nextInt(PLACES.size())));
        attempt.put("position", Map.of("lat", photoLat, "lon", photoLon));
        attempt.put("accuracyMeters", 5 + random.nextInt(10));
        attempt.put("capturedAt", takenAt.toInstant().truncatedTo(ChronoUnit.MILLIS).toString());
        api.deliver(stop.get("id").asString(), seat.token(), "door-" + stop.get("id").asString(), attempt,
                ExifJpeg.photo(photoLat, photoLon, takenAt));
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return 6_371_000 * Math.sqrt(dLat * dLat + dLon * dLon);
    }
}
