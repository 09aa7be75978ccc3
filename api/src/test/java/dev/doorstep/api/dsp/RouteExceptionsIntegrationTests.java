package dev.doorstep.api.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Image;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestClock;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.tracking.exceptions.RouteExceptions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Exceptions on DSP routes, with the detector run directly at instants set on the test clock. Routes are the
 * fixture's, started for real; where a rule needs a known geometry or timing, stops and times are set in SQL.
 * Pings go through the real ingest, so they carry real timestamps; the clock is set just after them.
 */
class RouteExceptionsIntegrationTests extends ApiIntegrationTest {

    /** The fixture station; hand-made stops lie on a line due north of it, 0.01 degree (1.1 km) apart. */
    private static final double STATION_LAT = 47.58;
    private static final double STATION_LON = -122.33;

    @Autowired
    private RouteExceptions exceptions;
    @Autowired
    private TestClock clock;
    @Autowired
    private DatabaseClient db;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void aSilentDriverOpensNoPingsFromTheRouteStartAndAPingClearsIt() {
        StartedRoute route = startedRoute(4, 300);
        Instant started = startedAt(route.routeId());

        detectAt(started.plus(Duration.ofMinutes(4)));
        assertThat(open(route.dsp(), "NO_PINGS")).isEmpty();
        detectAt(started.plus(Duration.ofMinutes(6)));
        Map<String, Object> silent = single(open(route.dsp(), "NO_PINGS"));
        assertThat(instant(silent.get("startedAt"))).isEqualTo(started);
        assertThat(silent).containsEntry("driverId", route.driverId()).containsEntry("driverName", driverName(route.driverId()))
                .containsEntry("routeId", route.routeId()).containsEntry("clearedAt", null);
        assertThat(trackingSilentEvents(route.driverId())).isEqualTo(1);

        Instant ping = send(route, STATION_LAT, STATION_LON, 0.8);
        Instant clearedAt = detectAt(ping.plus(Duration.ofMinutes(1)));
        assertThat(open(route.dsp(), "NO_PINGS")).isEmpty();
        Map<String, Object> cleared = single(ofDay(route.dsp(), "NO_PINGS"));
        assertThat(instant(cleared.get("clearedAt"))).isEqualTo(clearedAt);
        detectAt(ping.plus(Duration.ofMinutes(5)));
        assertThat(instant(single(open(route.dsp(), "NO_PINGS")).get("startedAt"))).isEqualTo(ping);
        assertThat(trackingSilentEvents(route.driverId())).isEqualTo(2);
    }

    @Test
    void aDriverStandingStillAwayFromStopsOpensNotMovingFromTheFirstStillPingAndMovingClearsIt() {
        StartedRoute route = handMade(startedRoute(4, 300));
        backdateStart(route, Duration.ofHours(1));
        // Halfway to the first stop.
        Instant now = standStill(route, STATION_LAT + 0.005);

        detectAt(now.plusSeconds(5));
        Map<String, Object> standing = single(open(route.dsp(), "NOT_MOVING"));
        assertThat(instant(standing.get("startedAt"))).isEqualTo(now.minus(Duration.ofMinutes(20)));
        assertThat((Double) standing.get("lat")).isCloseTo(STATION_LAT + 0.005, within(0.001));
        assertThat(open(route.dsp(), "OFF_PATH")).isEmpty();

        // 330 m on, a minute after the last still ping.
        Instant moved = send(route, STATION_LAT + 0.008, STATION_LON, 0.8);
        detectAt(moved.plusSeconds(5));
        assertThat(open(route.dsp(), "NOT_MOVING")).isEmpty();
    }

    @Test
    void standingStillAtAStopIsNoException() {
        StartedRoute route = handMade(startedRoute(4, 300));
        backdateStart(route, Duration.ofHours(1));
        // 11 m from the first stop.
        Instant now = standStill(route, STATION_LAT + 0.0101);

        detectAt(now.plusSeconds(5));
        assertThat(open(route.dsp(), "NOT_MOVING")).isEmpty();
    }

    @Test
    void aDetourAndALowBatteryOpenFromThePingThatShowedThemAndClearWhenBackOnTrackAndCharged() {
        StartedRoute route = handMade(startedRoute(4, 300));
        backdateStart(route, Duration.ofHours(1));
        // About 750 m east of the way from the station to the first stop, battery at 10 %.
        Instant detour = send(route, Instant.now().minus(Duration.ofMinutes(2)), STATION_LAT + 0.005,
                STATION_LON + 0.01, 0.10);

        detectAt(detour.plusSeconds(5));
        Map<String, Object> offPath = single(open(route.dsp(), "OFF_PATH"));
        Map<String, Object> battery = single(open(route.dsp(), "LOW_BATTERY"));
        assertThat(instant(offPath.get("startedAt"))).isEqualTo(detour);
        assertThat(offPath).containsEntry("lat", STATION_LAT + 0.005).containsEntry("lon", STATION_LON + 0.01)
                .containsEntry("stopId", route.stops().get(0).id());
        assertThat((String) offPath.get("detail")).contains("m off the way to stop");
        assertThat(instant(battery.get("startedAt"))).isEqualTo(detour);
        assertThat((String) battery.get("detail")).contains("10 %");

        Instant back = send(route, STATION_LAT + 0.006, STATION_LON + 0.002, 0.5);
        detectAt(back.plusSeconds(5));
        assertThat(open(route.dsp(), "OFF_PATH")).isEmpty();
        assertThat(open(route.dsp(), "LOW_BATTERY")).isEmpty();
    }

    @Test
    void aRouteFortyMinutesLateShowsItsProgressAndIsBehindPlanUntilItCatchesUp() {
        StartedRoute route = startedRoute(9, 300);
        int total = route.stops().size();
        assertThat(total).isGreaterThanOrEqualTo(4);
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.SECONDS);
        plan(route, t0);
        OffsetDateTime plannedEnd = t0.plusMinutes(30L * (total + 1));
        complete(route, 0, departure(t0, 0).plusMinutes(30));
        OffsetDateTime lateAtSecond = departure(t0, 1).plusMinutes(40);
        complete(route, 1, lateAtSecond);

        clock.setTo(lateAtSecond.plusMinutes(1).toInstant());
        Map<String, Object> progress = dspRoute(route);
        assertThat(progress).containsEntry("stopsDone", 2).containsEntry("stopsTotal", total)
                .containsEntry("minutesBehind", 40);
        assertThat(instant(progress.get("plannedFinish"))).isEqualTo(plannedEnd.toInstant());
        assertThat(instant(progress.get("expectedFinish"))).isEqualTo(plannedEnd.plusMinutes(40).toInstant());

        Instant seen = detectAt(lateAtSecond.plusMinutes(1).toInstant());
        Map<String, Object> behind = single(open(route.dsp(), "BEHIND_PLAN"));
        assertThat(instant(behind.get("startedAt"))).isEqualTo(seen);
        assertThat((String) behind.get("detail")).startsWith("40 min behind plan");

        OffsetDateTime caughtUp = departure(t0, 2).plusMinutes(10);
        complete(route, 2, caughtUp);
        detectAt(caughtUp.plusMinutes(1).toInstant());
        assertThat(open(route.dsp(), "BEHIND_PLAN")).isEmpty();
        assertThat(dspRoute(route)).containsEntry("stopsDone", 3).containsEntry("minutesBehind", 10);
    }

    @Test
    void aDeliveryFlaggedFarFromTheAddressStaysOpenUntilTheRouteFinishes() {
        StartedRoute route = startedRoute(4, 300);
        DeliveryFixture.Stop stop = route.stops().get(0);
        Map<String, Object> attempt = DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null);
        attempt.put("position", Map.of("lat", stop.lat() + 0.01, "lon", stop.lon()));
        new DeliveryFixture(http).upload(route.driverToken(), stop.id(), null, attempt,
                Image.photo(TestImages.jpeg(64, 48))).expectStatus().isCreated();

        detectAt(Instant.now().plusSeconds(1));
        Map<String, Object> far = single(open(route.dsp(), "FAR_FROM_ADDRESS"));
        assertThat(far).containsEntry("stopId", stop.id()).containsEntry("routeId", route.routeId())
                .containsEntry("lat", stop.lat() + 0.01);
        assertThat(instant(far.get("startedAt"))).isEqualTo(Instant.parse((String) attempt.get("capturedAt")));
        assertThat((String) far.get("detail")).contains("PHONE_FAR_FROM_STOP");

        http.post().uri("/v1/driver/routes/{id}/finish", route.routeId())
                .headers(h -> h.setBearerAuth(route.driverToken())).exchange().expectStatus().isOk();
        detectAt(Instant.now().plusSeconds(2));
        assertThat(open(route.dsp(), null)).isEmpty();
        assertThat(ofDay(route.dsp(), "FAR_FROM_ADDRESS")).hasSize(1);
    }

    @Test
    void aDspRouteWithoutDriverAnHourBeforeItsStartOpensUntilItIsAssigned() {
        String ops = opsToken();
        String station = createStation(ops);
        String dsp = createDsp(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<?, ?> plan = fixture.readyPlan(station, 4, 300, 1);
        fixture.publish((String) plan.get("id"), Map.of(dsp, 1));
        String routeId = PlanningFixture.routeIds(plan).get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant plannedStart = now.plus(Duration.ofMinutes(90));
        db.sql("UPDATE routes SET planned_start = :start WHERE id = :id")
                .bind("start", plannedStart.atOffset(ZoneOffset.UTC)).bind("id", routeId).then().block();

        detectAt(now.plus(Duration.ofMinutes(29)));
        assertThat(open(dsp, "UNASSIGNED_ROUTE")).isEmpty();
        detectAt(now.plus(Duration.ofMinutes(31)));
        Map<String, Object> unassigned = single(open(dsp, "UNASSIGNED_ROUTE"));
        assertThat(unassigned).containsEntry("routeId", routeId).containsEntry("driverId", null);
        assertThat(instant(unassigned.get("startedAt"))).isEqualTo(plannedStart.minus(Duration.ofHours(1)));

        fixture.assignNewDriver(dsp, station, routeId, dispatcherToken(dsp));
        detectAt(now.plus(Duration.ofMinutes(32)));
        assertThat(open(dsp, "UNASSIGNED_ROUTE")).isEmpty();
    }

    @Test
    void aDispatcherNeverSeesAnotherDspsExceptionsInTheListOrTheLiveFeed() {
        StartedRoute a = startedRoute(4, 300);
        StartedRoute b = startedRoute(4, 300);
        List<Map<String, Object>> seenByA = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> seenByB = new CopyOnWriteArrayList<>();
        Disposable watchingA = exceptionEvents(a.dsp()).subscribe(seenByA::add);
        Disposable watchingB = exceptionEvents(b.dsp()).subscribe(seenByB::add);
        try {
            detectAt(startedAt(a.routeId()).plus(Duration.ofMinutes(6)));
            awaitTrue(() -> seenByA.stream().anyMatch(e -> a.routeId().equals(e.get("routeId"))));
            Map<String, Object> opened = seenByA.get(0);
            assertThat(opened).containsEntry("kind", "NO_PINGS").containsEntry("clearedAt", null);

            detectAt(send(a, STATION_LAT, STATION_LON, 0.8).plusSeconds(10));
            awaitTrue(() -> seenByA.stream().anyMatch(e -> e.get("clearedAt") != null));
            assertThat(seenByA).last().satisfies(e -> assertThat(e).containsEntry("id", opened.get("id"))
                    .containsEntry("kind", "NO_PINGS"));

            // B's own exception comes after A's went by: had B been sent any of A's, they would be here by now.
            detectAt(startedAt(b.routeId()).plus(Duration.ofMinutes(6)));
            awaitTrue(() -> seenByB.stream().anyMatch(e -> b.routeId().equals(e.get("routeId"))));
            assertThat(seenByB).noneMatch(e -> a.routeId().equals(e.get("routeId")));
        } finally {
            watchingA.dispose();
            watchingB.dispose();
        }
        assertThat(open(b.dsp(), null)).noneMatch(e -> a.routeId().equals(e.get("routeId")));
        assertThat(ofDay(b.dsp(), null)).noneMatch(e -> a.routeId().equals(e.get("routeId")));
        assertThat(open(a.dsp(), null)).noneMatch(e -> b.routeId().equals(e.get("routeId")));
    }

    @Test
    void aDispatcherConnectingHearsTheOpenExceptionsFirst() {
        StartedRoute route = startedRoute(4, 300);
        detectAt(startedAt(route.routeId()).plus(Duration.ofMinutes(6)));

        StepVerifier.create(exceptionEvents(route.dsp()))
                .assertNext(e -> assertThat(e).containsEntry("kind", "NO_PINGS")
                        .containsEntry("routeId", route.routeId()))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aStateOtherThanOpenOrAllIsRefusedNamingIt() {
        http.get().uri("/v1/dsp/exceptions?state=closed").headers(h -> h.setBearerAuth(dispatcherToken("dsp_x")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("state");
    }

    // --- helpers ---

    private Instant detectAt(Instant now) {
        clock.setTo(now);
        exceptions.detect(now).block(Duration.ofSeconds(20));
        return now;
    }

    private List<Map<String, Object>> open(String dsp, String kind) {
        return items("/v1/dsp/exceptions", dsp, kind);
    }

    private List<Map<String, Object>> ofDay(String dsp, String kind) {
        return items("/v1/dsp/exceptions?state=all&date=" + PlanningFixture.DAY, dsp, kind);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String uri, String dsp, String kind) {
        Map<String, Object> body = http.get().uri(uri).headers(h -> h.setBearerAuth(dispatcherToken(dsp))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("items")).stream()
                .filter(e -> kind == null || kind.equals(e.get("kind"))).toList();
    }

    private Flux<Map<String, Object>> exceptionEvents(String dsp) {
        return http.get().uri("/v1/dsp/exceptions/events").headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> "exception".equals(e.event()))
                .map(ServerSentEvent::data);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> dspRoute(StartedRoute route) {
        Map<String, Object> body = http.get().uri("/v1/dsp/routes?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(dispatcherToken(route.dsp()))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("items")).stream()
                .filter(r -> route.routeId().equals(r.get("id"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> single(List<Map<String, Object>> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static Instant instant(Object text) {
        return OffsetDateTime.parse((String) text).toInstant();
    }

    private Instant startedAt(String routeId) {
        return db.sql("SELECT started_at FROM routes WHERE id = :id").bind("id", routeId)
                .map(row -> row.get(0, OffsetDateTime.class).toInstant()).one().block();
    }

    private String driverName(String driverId) {
        return db.sql("SELECT name FROM drivers WHERE id = :id").bind("id", driverId)
                .map(row -> row.get(0, String.class)).one().block();
    }

    private long trackingSilentEvents(String driverId) {
        return db.sql("SELECT count(*) FROM outbox WHERE event_type = 'TrackingSilent' AND payload->>'driverId' = :d")
                .bind("d", driverId).map(row -> row.get(0, Long.class)).one().block();
    }

    private void backdateStart(StartedRoute route, Duration by) {
        db.sql("UPDATE routes SET started_at = started_at - :by * interval '1 second' WHERE id = :id")
                .bind("by", (double) by.toSeconds()).bind("id", route.routeId()).then().block();
    }

    /** The route's stops moved onto a line due north of the station, one every 0.01 degree. */
    private StartedRoute handMade(StartedRoute route) {
        for (int i = 0; i < route.stops().size(); i++) {
            db.sql("UPDATE stops SET lat = :lat, lon = :lon WHERE id = :id")
                    .bind("lat", STATION_LAT + 0.01 * (i + 1)).bind("lon", STATION_LON)
                    .bind("id", route.stops().get(i).id()).then().block();
        }
        return route;
    }

    /** Planned from {@code t0}: stop i arrives at t0 + 30 min * (i + 1) and leaves 5 min later; the end 30 min after the last. */
    private void plan(StartedRoute route, OffsetDateTime t0) {
        int total = route.stops().size();
        db.sql("UPDATE routes SET planned_start = :start, planned_end = :end, started_at = :start WHERE id = :id")
                .bind("start", t0).bind("end", t0.plusMinutes(30L * (total + 1))).bind("id", route.routeId())
                .then().block();
        for (int i = 0; i < total; i++) {
            db.sql("UPDATE stops SET planned_arrival = :a, planned_departure = :d WHERE id = :id")
                    .bind("a", t0.plusMinutes(30L * (i + 1))).bind("d", departure(t0, i))
                    .bind("id", stopId(route, i)).then().block();
        }
    }

    private static OffsetDateTime departure(OffsetDateTime t0, int stop) {
        return t0.plusMinutes(30L * (stop + 1) + 5);
    }

    private void complete(StartedRoute route, int stop, OffsetDateTime at) {
        db.sql("UPDATE stops SET status = 'COMPLETED', completed_at = :at WHERE id = :id")
                .bind("at", at).bind("id", stopId(route, stop)).then().block();
    }

    /** The id of the stop at position {@code i} of the route in seq order. */
    private String stopId(StartedRoute route, int i) {
        return db.sql("SELECT id FROM stops WHERE route_id = :r ORDER BY seq OFFSET :i LIMIT 1")
                .bind("r", route.routeId()).bind("i", i).map(row -> row.get(0, String.class)).one().block();
    }

    private static Map<String, Object> ping(Instant ts, double lat, double lon, double battery) {
        return new HashMap<>(Map.of("ts", ts.truncatedTo(ChronoUnit.MILLIS).toString(), "lat", lat, "lon", lon,
                "accuracy", 8.5, "speed", 0.0, "battery", battery));
    }

    /** One ping now; answers its timestamp. */
    private Instant send(StartedRoute route, double lat, double lon, double battery) {
        return send(route, Instant.now(), lat, lon, battery);
    }

    private Instant send(StartedRoute route, Instant at, double lat, double lon, double battery) {
        Instant ts = at.truncatedTo(ChronoUnit.MILLIS);
        sendAll(route, List.of(ping(ts, lat, lon, battery)));
        return ts;
    }

    /** A ping a minute for the last 20 minutes at {@code lat} north of the station, a few metres of jitter; answers now. */
    private Instant standStill(StartedRoute route, double lat) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> still = new ArrayList<>();
        for (int minute = 20; minute >= 1; minute--) {
            still.add(ping(now.minus(Duration.ofMinutes(minute)), lat + (minute % 3) * 0.00002, STATION_LON, 0.8));
        }
        sendAll(route, still);
        return now;
    }

    private void sendAll(StartedRoute route, List<Map<String, Object>> pings) {
        http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(route.driverToken()))
                .bodyValue(Map.of("pings", pings)).exchange().expectStatus().is2xxSuccessful();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polling step
        }
    }
}
