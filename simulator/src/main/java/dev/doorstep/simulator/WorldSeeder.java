package dev.doorstep.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Seeds a station's day through the public API, as station ops, the shipper and the dispatchers would: the
 * station and its geofence, two DSPs with their dispatcher accounts, drivers and vans, Flex drivers and blocks,
 * the manifest and customer returns, a plan for today starting now, published and assigned.
 */
public final class WorldSeeder {

    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    public static final double STATION_LAT = 47.5793;
    public static final double STATION_LON = -122.3331;
    private static final List<String> SHIPPERS = List.of("Evergreen Outfitters", "Puget Pantry", "Cascade Books",
            "Rainier Home Goods");
    /** The demo dispatchers' password (local accounts of the embedded default). */
    public static final String PASSWORD = "see it alive";

    private static final List<String> DSP_NAMES = List.of("Swift Parcel", "Rainier Logistics");
    private static final List<String> DISPATCHER_NAMES = List.of("dana@swift-parcel", "ravi@rainier-logistics");

    private final DoorstepApi api;
    private final DaySettings settings;
    private final Consumer<String> out;
    private final Random random;
    private int silentSoFar;
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

    public WorldSeeder(DoorstepApi api, DaySettings settings, Consumer<String> out) {
        this.api = api;
        this.settings = settings;
        this.out = out;
        this.random = new Random(settings.seed());
    }

    public World seed() {
        String ops = api.token(Map.of("sub", "demo-ops", "roles", List.of("STATION_OPS")));
        String service = api.token(Map.of("sub", "demo-shipper", "roles", List.of("SERVICE")));
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        ZonedDateTime shift = now.truncatedTo(ChronoUnit.HOURS).plusMinutes(now.getMinute() / 15 * 15L);
        LocalDate date = shift.toLocalDate();
        if (now.getHour() >= 20 || now.getHour() < 5) {
            out.accept("It is " + now.toLocalTime().truncatedTo(ChronoUnit.MINUTES) + " at the station: the demo plans "
                    + "a night shift from " + shift.toLocalTime() + ", with delivery windows past midnight.");
        }
        String stationName = "DWA6 Seattle";
        String station = named(name -> api.post("/v1/stations", ops, station(name))).get("id").asString();

        List<World.Dispatcher> dispatchers = new ArrayList<>();
        List<List<String[]>> fleets = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            String dspName = DSP_NAMES.get(d);
            String dsp = named(name -> api.post("/v1/dsps", ops, Map.of("name", dspName + name.substring(stationName.length()))))
                    .get("id").asString();
            String username = account(ops, dsp, DISPATCHER_NAMES.get(d));
            dispatchers.add(new World.Dispatcher(dsp, dspName, username, PASSWORD));
            int drivers = settings.drivers() / 2 + (d == 0 ? settings.drivers() % 2 : 0);
            List<String[]> fleet = new ArrayList<>();
            for (int i = 0; i < drivers; i++) {
                String van = api.post("/v1/dsps/" + dsp + "/vans", ops, Map.of("plate", "WA-" + run + "-" + d + i,
                        "capacityPackages", 300, "volumeLiters", 9000, "weightKg", 1500)).get("id").asString();
                String name = Addresses.name(random);
                String driver = api.post("/v1/drivers", ops, Map.of("name", name, "kind", "DSP", "dspId", dsp,
                        "homeStationId", station, "phone", phone(d * 1000 + i), "locale", random.nextInt(4) == 0 ? "es" : "en"))
                        .get("id").asString();
                fleet.add(new String[] {driver, van, name});
            }
            fleets.add(fleet);
        }
        int[] blocks = flex(ops, station, shift);
        int packages = manifest(ops, station, shift);
        JsonNode plan = plan(ops, station, date, shift, packages);
        int routes = plan.get("routes").size();
        int first = Math.min(routes, (routes + 1) / 2);
        List<Map<String, Object>> shares = new ArrayList<>();
        shares.add(Map.of("dspId", dispatchers.get(0).dspId(), "routes", first));
        if (routes - first > 0) {
            shares.add(Map.of("dspId", dispatchers.get(1).dspId(), "routes", routes - first));
        }
        api.post("/v1/plans/" + plan.get("id").asString() + "/publish", ops, Map.of("dsps", shares));

        List<World.Seat> seats = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            seats.addAll(assign(dispatchers.get(d), fleets.get(d), date, seats.size()));
        }
        out.accept("Seeded " + stationName + " for " + date + ": " + settings.drivers() + " DSP drivers and vans, "
                + packages + " packages on " + routes + " routes from " + shift.toLocalTime() + ", "
                + settings.flexDrivers() + " Flex drivers (" + blocks[0] + " blocks offered, " + blocks[1] + " claimed)");
        return new World(station, stationName, STATION_LAT, STATION_LON, ZONE, date, shift.toLocalTime().toString(), ops,
                service, dispatchers, seats, packages, routes, settings.flexDrivers(), blocks[0], blocks[1]);
    }

    /** Creates with the given name, or with a run suffix when the name is taken (a second demo on the same data). */
    private JsonNode named(java.util.function.Function<String, JsonNode> create) {
        try {
            return create.apply("DWA6 Seattle");
        } catch (ApiException taken) {
            if (taken.status() != 409) {
                throw taken;
            }
            return create.apply("DWA6 Seattle " + run);
        }
    }

    private String account(String ops, String dsp, String username) {
        for (String candidate : List.of(username, username.replace("@", "-" + run + "@"))) {
            try {
                api.post("/v1/dsps/" + dsp + "/dispatchers", ops, Map.of("username", candidate, "password", PASSWORD,
                        "name", Character.toUpperCase(candidate.charAt(0)) + candidate.substring(1, candidate.indexOf('@'))));
                return candidate;
            } catch (ApiException taken) {
                if (taken.status() != 409) {
                    throw taken;
                }
            }
        }
        throw new IllegalStateException("no free dispatcher username for " + username);
    }

    private static Map<String, Object> station(String name) {
        double lat = STATION_LAT;
        double lon = STATION_LON;
        List<List<Double>> ring = List.of(List.of(lon - 0.003, lat - 0.0023), List.of(lon + 0.003, lat - 0.0023),
                List.of(lon + 0.003, lat + 0.0027), List.of(lon - 0.003, lat + 0.0027), List.of(lon - 0.003, lat - 0.0023));
        return Map.of("name", name, "address", "2700 Utah Ave S, Seattle, WA 98134",
                "location", Map.of("lat", lat, "lon", lon), "timeZone", ZONE.getId(),
                "geofence", Map.of("type", "Polygon", "coordinates", List.of(ring)));
    }

    /** Flex drivers and blocks two hours from now; half of the drivers claim one. Answers {offered, claimed}. */
    private int[] flex(String ops, String station, ZonedDateTime shift) {
        if (settings.flexDrivers() == 0) {
            return new int[] {0, 0};
        }
        int count = settings.flexDrivers() + 2;
        String startsAt = shift.plusHours(2).toOffsetDateTime().toString();
        JsonNode made = api.post("/v1/stations/" + station + "/blocks", ops, Map.of("startsAt", startsAt,
                "durationMinutes", 240, "pay", Map.of("amount", 96, "currency", "USD"), "serviceType", "LOGISTICS",
                "count", count));
        int claimed = 0;
        for (int i = 0; i < settings.flexDrivers(); i++) {
            String driver = api.post("/v1/drivers", ops, Map.of("name", Addresses.name(random), "kind", "FLEX",
                    "homeStationId", station, "phone", phone(5000 + i))).get("id").asString();
            if (i % 2 == 0) {
                String token = api.token(Map.of("sub", driver, "roles", List.of("DRIVER")));
                String block = made.get("items").get(claimed).get("id").asString();
                api.send("POST", "/v1/driver/offers/" + block + "/claim", token, null,
                        Map.of("Idempotency-Key", "claim-" + run + "-" + i));
                claimed++;
            }
        }
        return new int[] {count, claimed};
    }

    /** The shipper's manifest and a few customer returns, with windows over the rest of the shift. */
    private int manifest(String ops, String station, ZonedDateTime shift) {
        int count = settings.drivers() * settings.packagesPerDriver();
        List<Map<String, Object>> packages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packages.add(parcel("TBA" + run + String.format("%05d", i), shift));
            if (packages.size() == 2000 || i == count - 1) {
                api.post("/v1/stations/" + station + "/packages", ops, Map.of("packages", packages));
                packages = new ArrayList<>();
            }
        }
        int returns = Math.max(1, settings.drivers() / 4);
        List<Map<String, Object>> pickups = new ArrayList<>();
        for (int i = 0; i < returns; i++) {
            pickups.add(parcel("RTN" + run + String.format("%04d", i), shift));
        }
        api.post("/v1/stations/" + station + "/pickups", ops, Map.of("pickups", pickups));
        return count + returns;
    }

    private Map<String, Object> parcel(String trackingId, ZonedDateTime shift) {
        Addresses.Address address = Addresses.next(random);
        // Most customers take the rest of the day (to 21:00, or at least three hours: past midnight for a night
        // shift); some chose a two-hour window in the next two hours.
        ZonedDateTime evening = shift.toLocalDate().atTime(21, 0).atZone(shift.getZone());
        ZonedDateTime dayEnd = evening.isAfter(shift.plusHours(3)) ? evening : shift.plusHours(3);
        boolean narrow = random.nextInt(10) < 3;
        ZonedDateTime from = narrow ? shift.plusHours(random.nextInt(2)) : shift;
        ZonedDateTime to = narrow ? from.plusHours(2) : dayEnd;
        Map<String, Object> parcel = new LinkedHashMap<>();
        parcel.put("trackingId", trackingId);
        parcel.put("recipientName", Addresses.name(random));
        parcel.put("address", address.text());
        parcel.put("location", Map.of("lat", address.lat(), "lon", address.lon()));
        parcel.put("window", Map.of("from", from.toOffsetDateTime().toString(), "to", to.toOffsetDateTime().toString()));
        parcel.put("weightKg", 0.3 + random.nextInt(80) / 10.0);
        parcel.put("lengthCm", 20 + random.nextInt(40));
        parcel.put("widthCm", 15 + random.nextInt(25));
        parcel.put("heightCm", 5 + random.nextInt(30));
        parcel.put("locale", random.nextInt(5) == 0 ? "es" : "en");
        // Who it is from, for the tracking page; picked by the id so that the seeded sequence stays as it was.
        parcel.put("shipperName", SHIPPERS.get(Math.floorMod(trackingId.hashCode(), SHIPPERS.size())));
        return parcel;
    }

    /** Plans today from the shift start; vans sized so that the planner uses about one route per driver. */
    private JsonNode plan(String ops, String station, LocalDate date, ZonedDateTime shift, int packages) {
        int capacity = (int) Math.ceil(packages * 1.15 / settings.drivers());
        int budget = Math.max(3, Math.min(60, packages / 100));
        String id = api.post("/v1/stations/" + station + "/plans", ops, Map.of("date", date.toString(),
                "serviceSecondsPerStop", 120, "serviceSecondsPerExtraPackage", 30, "timeBudgetSeconds", budget,
                "fleet", List.of(Map.of("type", "VAN", "capacityPackages", capacity, "volumeLiters", 9000,
                        "weightKg", 1500, "available", settings.drivers(), "shiftStart", shift.toLocalTime().toString(),
                        "maxShiftMinutes", 600)))).get("id").asString();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(budget + 120L));
        while (true) {
            JsonNode plan = api.get("/v1/plans/" + id, ops);
            String status = plan.get("status").asString();
            if (!status.equals("RUNNING")) {
                if (!status.equals("READY")) {
                    throw new IllegalStateException("the plan ended " + status + ": " + plan.get("failure"));
                }
                return plan;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the plan is still running after " + (budget + 120) + " s");
            }
            pause(Duration.ofMillis(500));
        }
    }

    /** The dispatcher signs in with its password and puts its drivers and vans on its routes, in plan order. */
    private List<World.Seat> assign(World.Dispatcher dispatcher, List<String[]> fleet, LocalDate date, int before) {
        String token = api.form("/oauth2/token", Map.of("grant_type", "password", "client_id", "dsp-portal",
                "username", dispatcher.username(), "password", dispatcher.password())).get("access_token").asString();
        JsonNode routes = api.get("/v1/dsp/routes?date=" + date, token).get("items");
        List<World.Seat> seats = new ArrayList<>();
        for (int i = 0; i < routes.size() && i < fleet.size(); i++) {
            String[] driver = fleet.get(i);
            String driverToken = api.token(Map.of("sub", driver[0], "roles", List.of("DRIVER")));
            // The driver app registers for pushes before the route is assigned: RouteAssigned reaches it.
            api.post("/v1/driver/devices", driverToken, Map.of("token", "sim-" + driver[0], "platform", "ANDROID",
                    "locale", "en"));
            String route = routes.get(i).get("id").asString();
            api.put("/v1/dsp/routes/" + route + "/assignment", token, Map.of("driverId", driver[0], "vanId", driver[1]));
            int n = before + i;
            boolean osmand = n % 3 == 2;
            boolean silent = !osmand && silentSoFar < settings.signalLosses();
            silentSoFar += silent ? 1 : 0;
            seats.add(new World.Seat(driver[0], driver[2], driverToken, route, dispatcher.dspId(), osmand, silent));
        }
        return seats;
    }

    private static String phone(int n) {
        return String.format("+1206555%04d", n % 10_000);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
