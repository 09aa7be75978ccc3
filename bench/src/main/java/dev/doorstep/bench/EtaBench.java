package dev.doorstep.bench;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.tracking.customer.EtaReplay;
import dev.doorstep.tracking.customer.EtaWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * ETA accuracy: routes driven in simulated time (stops generated around Seattle in nearest-neighbour order, road
 * detours, speeds varying around the plan, red lights, a jam at {@code --jam} times the speed over a fifth of the
 * route, one to four minutes at each door and one stop in ten longer, a ping every 5 s), replayed through the
 * tracking module's ETA model ({@link EtaReplay}: the computation behind {@code GET /v1/track/{token}}, fed what
 * the database and live store would hold) at the simulated instant. For each target stop, the ETA at the moment it
 * becomes 20, 10, 5 and 1 stops away is compared with the actual arrival.
 */
final class EtaBench {

    private static final int[] DISTANCES = {20, 10, 5, 1};
    private static final GeoPoint DEPOT = new GeoPoint(47.58, -122.33);
    private static final Instant START = Instant.parse("2026-12-01T17:00:00Z");
    private static final Duration PING_EVERY = Duration.ofSeconds(5);
    /** The planner's assumptions: 25 km/h over 1.3 times the straight line, 2 minutes a stop. */
    private static final double PLAN_SPEED = 25 / 3.6;
    private static final double PLAN_ROAD_FACTOR = 1.3;
    private static final Duration PLAN_SERVICE = Duration.ofMinutes(2);

    private EtaBench() {
    }

    /** One driven route: its stops (with the actual times) and every ping. */
    private record Drive(List<EtaReplay.Stop> stops, List<EtaReplay.Ping> pings) {
    }

    static void run(BenchOptions options) {
        int stopCount = options.number("stops", 40);
        int routes = options.number("routes", 10);
        long seed = options.number("seed", 7);
        double jam = Double.parseDouble(options.text("jam", "0.45"));
        EtaReplay eta = EtaReplay.withDefaults();
        double[] absolute = new double[DISTANCES.length];
        double[] signed = new double[DISTANCES.length];
        int[] inWindow = new int[DISTANCES.length];
        double[] width = new double[DISTANCES.length];
        int[] samples = new int[DISTANCES.length];
        for (int r = 0; r < routes; r++) {
            Drive drive = drive(new Random(seed + r), stopCount, jam);
            for (int target = DISTANCES[0]; target < stopCount; target++) {
                Instant actual = drive.stops().get(target).arrivedAt();
                for (int d = 0; d < DISTANCES.length; d++) {
                    int before = target - DISTANCES[d] - 1;
                    // The moment the target becomes n stops away: the driver reaches the stop n + 1 before it.
                    Instant now = before < 0 ? START : drive.stops().get(before).arrivedAt();
                    EtaWindow window = eta.estimate(now, seenAt(drive.stops(), now), target,
                            drive.pings().stream().filter(p -> !p.ts().isAfter(now)).toList(), PLAN_SPEED);
                    double error = Duration.between(actual, window.eta()).toMillis() / 60_000.0;
                    absolute[d] += Math.abs(error);
                    signed[d] += error;
                    width[d] += Duration.between(window.from(), window.to()).toMillis() / 60_000.0;
                    inWindow[d] += !actual.isBefore(window.from()) && !actual.isAfter(window.to()) ? 1 : 0;
                    samples[d]++;
                }
            }
        }
        StringBuilder table = new StringBuilder("stops away | samples | mean abs error | mean error (+ late) "
                + "| window width | actual in window\n");
        StringBuilder summary = new StringBuilder("eta: mean absolute error");
        for (int d = 0; d < DISTANCES.length; d++) {
            int n = samples[d];
            table.append(String.format(Locale.ROOT, "%10d | %7d | %10.1f min | %14.1f min | %8.1f min | %15.0f%%%n",
                    DISTANCES[d], n, absolute[d] / n, signed[d] / n, width[d] / n, 100.0 * inWindow[d] / n));
            summary.append(String.format(Locale.ROOT, "%s %d away %.1f min (in window %.0f%%)", d == 0 ? "" : ",",
                    DISTANCES[d], absolute[d] / n, 100.0 * inWindow[d] / n));
        }
        System.out.print(table);
        System.out.println(summary + String.format(Locale.ROOT, "; %d routes of %d stops, seed %d, jam %.2f",
                routes, stopCount, seed, jam));
    }

    /** The stops as the database shows them at {@code now}: arrival and completion only once they happened. */
    private static List<EtaReplay.Stop> seenAt(List<EtaReplay.Stop> stops, Instant now) {
        return stops.stream().map(s -> new EtaReplay.Stop(s.seq(), s.lat(), s.lon(), s.plannedArrival(),
                s.plannedDeparture(), s.arrivedAt().isAfter(now) ? null : s.arrivedAt(),
                s.completedAt().isAfter(now) ? null : s.completedAt())).toList();
    }

    private static Drive drive(Random random, int stopCount, double jam) {
        List<GeoPoint> places = nearestNeighbourOrder(random, stopCount);
        List<EtaReplay.Stop> stops = new ArrayList<>();
        List<EtaReplay.Ping> pings = new ArrayList<>();
        // A jam over a stretch of about a fifth of the route, somewhere in its middle.
        int jamFrom = stopCount / 3 + random.nextInt(Math.max(1, stopCount / 3));
        int jamTo = jamFrom + Math.max(2, stopCount / 5);
        Instant now = START;
        Instant planned = START;
        GeoPoint from = DEPOT;
        for (int i = 0; i < stopCount; i++) {
            GeoPoint to = places.get(i);
            double straight = Distances.meters(from, to);
            Instant plannedArrival = planned.plusMillis(Math.round(straight * PLAN_ROAD_FACTOR / PLAN_SPEED * 1000));
            planned = plannedArrival.plus(PLAN_SERVICE);
            double cruise = 30 / 3.6 * (0.75 + random.nextDouble() * 0.5) * (i >= jamFrom && i < jamTo ? jam : 1);
            now = driveLeg(random, pings, now, from, to, straight * (1.15 + random.nextDouble() * 0.35), cruise);
            Instant arrived = now;
            // One to four minutes at the door, and one stop in ten a few minutes more (stairs, a signature).
            double dwell = 60 + random.nextDouble() * 180 + (random.nextDouble() < 0.1 ? 120 + random.nextDouble() * 180 : 0);
            now = park(pings, now, to, Duration.ofMillis(Math.round(dwell * 1000)));
            stops.add(new EtaReplay.Stop(i, to.lat(), to.lon(), plannedArrival, planned, arrived, now));
            from = to;
        }
        return new Drive(stops, pings);
    }

    /** Drives {@code road} metres at about {@code cruise} m/s, with a red light or two, pinging; returns the arrival. */
    private static Instant driveLeg(Random random, List<EtaReplay.Ping> pings, Instant start, GeoPoint from,
            GeoPoint to, double road, double cruise) {
        double lightAt = random.nextDouble() < 0.6 ? random.nextDouble() * road : -1;
        double lightFor = 20 + random.nextDouble() * 50;
        double covered = 0;
        double seconds = 0;
        double step = PING_EVERY.toMillis() / 1000.0;
        while (covered < road) {
            boolean red = lightAt >= 0 && covered >= lightAt && lightFor > 0;
            double speed = red ? 0 : cruise * (0.85 + random.nextDouble() * 0.3);
            if (red) {
                lightFor -= step;
            }
            covered = Math.min(road, covered + speed * step);
            seconds += step;
            double f = covered / road;
            pings.add(ping(start.plusMillis(Math.round(seconds * 1000)),
                    new GeoPoint(from.lat() + (to.lat() - from.lat()) * f, from.lon() + (to.lon() - from.lon()) * f),
                    speed));
        }
        return start.plusMillis(Math.round(seconds * 1000));
    }

    /** Stays at {@code place} for {@code dwell}, pinging at speed 0; returns the departure. */
    private static Instant park(List<EtaReplay.Ping> pings, Instant arrived, GeoPoint place, Duration dwell) {
        Instant departure = arrived.plus(dwell);
        for (Instant t = arrived.plus(PING_EVERY); t.isBefore(departure); t = t.plus(PING_EVERY)) {
            pings.add(ping(t, place, 0));
        }
        return departure;
    }

    private static EtaReplay.Ping ping(Instant ts, GeoPoint at, double speed) {
        return new EtaReplay.Ping(ts, at.lat(), at.lon(), 8.0, speed);
    }

    /** Stops scattered over a city area, visited nearest first as a planner's route roughly would. */
    private static List<GeoPoint> nearestNeighbourOrder(Random random, int count) {
        List<GeoPoint> left = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            left.add(new GeoPoint(DEPOT.lat() + (random.nextDouble() - 0.5) * 0.08,
                    DEPOT.lon() + (random.nextDouble() - 0.5) * 0.12));
        }
        List<GeoPoint> ordered = new ArrayList<>();
        GeoPoint at = DEPOT;
        while (!left.isEmpty()) {
            GeoPoint here = at;
            GeoPoint next = left.stream().min((a, b) -> Double.compare(Distances.meters(here, a),
                    Distances.meters(here, b))).orElseThrow();
            left.remove(next);
            ordered.add(next);
            at = next;
        }
        return ordered;
    }
}
