package dev.doorstep.api.dsp;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Image;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestClock;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.dispatch.scorecard.IsoWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A hand-computed week of one DSP, made through the API: two drivers, eight packages, and a route the week before.
 * The week is two weeks back from today, so that every delivery can be captured at the hour the story needs.
 */
class ScorecardIntegrationTests extends ApiIntegrationTest {

    private static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");

    @Autowired
    DatabaseClient db;

    @Autowired
    TestClock clock;

    private String ops;
    private PlanningFixture planning;
    private DeliveryFixture uploads;
    private IsoWeek week;
    private LocalDate tuesday;
    private LocalDate wednesday;
    private LocalDate mondayBefore;

    @BeforeEach
    void aWeekInThePast() {
        ops = opsToken();
        planning = new PlanningFixture(http, ops);
        uploads = new DeliveryFixture(http);
        week = IsoWeek.of(LocalDate.now(SEATTLE).minusWeeks(2));
        tuesday = week.monday().plusDays(1);
        wednesday = week.monday().plusDays(2);
        mondayBefore = week.monday().minusWeeks(1);
    }

    /** The week of DSP A, and what each of its drivers and the week before it add up to. */
    private record DspA(String dsp, String ada, String ben) {
    }

    @Test
    void theDspsWeekPerDriverAndItsHistoryMatchTheHandCount() {
        DspA a = dspAWeek();

        Map<?, ?> card = scorecard(dispatcherToken(a.dsp()), "?week=" + week);

        assertThat(card.get("dspId")).isEqualTo(a.dsp());
        assertThat(card.get("week")).isEqualTo(week.toString());
        assertThat(card.get("from")).isEqualTo(week.monday().toString());
        assertThat(card.get("to")).isEqualTo(week.sunday().toString());
        // Packages P1..P8; delivered P1 P2 P3 P4 (Tuesday) P5 P7 (Wednesday); P8 never tried.
        // On time: all but P2 (18:00 > 17:00) = 5 of 6. Attempted: P5, P6. Returned: P6. Far: P4.
        // Defects: P4 (far), P6 (attempted, not delivered, returned) = 2; P5 was delivered in the week.
        // Photos: all delivered but P3 (signature only) = 5 of 6. First attempt: P1 P2 P3 P4 P7 = 5 of the
        // 7 with an outcome (P1..P7). Stops: 6 completed in 4 h on Tuesday + 2 in 2 h on Wednesday = 8 / 6 h.
        assertMetrics(card.get("totals"), 8, 6, 2, 1, 1, 2, 6 / 8.0, 5 / 6.0, 2 / 8.0, 5 / 6.0, 5 / 7.0, 8 / 6.0);

        List<?> drivers = (List<?>) card.get("drivers");
        assertThat(field(drivers, "driverId")).containsExactly(a.ada(), a.ben());
        assertThat(field(drivers, "name"))
                .containsExactly("Ada Scorer", "Ben Scorer");
        // Ada, Tuesday: P1..P6; delivered 4, on time P1 P3 P4 = 3 of 4; attempted P5 P6; returned P6; far P4;
        // defects P4 P5 P6 = 3 of 6 (P5 was not delivered on her route); photos P1 P2 P4 = 3 of 4; first attempt
        // 4 of the 6 with an outcome; 6 stops in 4 h.
        assertMetrics(drivers.get(0), 6, 4, 2, 1, 1, 3, 4 / 6.0, 3 / 4.0, 3 / 6.0, 3 / 4.0, 4 / 6.0, 6 / 4.0);
        // Ben, Wednesday: P5 P7 P8; delivered P5 P7, both on time, both with a photo; no defect; first attempt
        // P7 only of P5 P7 (P5 failed on Tuesday); 2 completed stops (P8's stop stays pending) in 2 h.
        assertMetrics(drivers.get(1), 3, 2, 0, 0, 0, 0, 2 / 3.0, 1.0, 0.0, 1.0, 1 / 2.0, 2 / 2.0);

        List<?> history = (List<?>) card.get("history");
        assertThat(field(history, "week")).containsExactly(
                week.minusWeeks(5).toString(), week.minusWeeks(4).toString(), week.minusWeeks(3).toString(),
                week.minusWeeks(2).toString(), week.minusWeeks(1).toString(), week.toString());
        for (int i = 0; i < 4; i++) {
            assertMetrics(history.get(i), 0, 0, 0, 0, 0, 0, null, null, null, null, null, null);
        }
        // The Monday before: H1 delivered on time with a photo, 1 stop in 1 h.
        assertMetrics(history.get(4), 1, 1, 0, 0, 0, 0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0);
        assertThat(withoutWeek(history.get(5))).isEqualTo(card.get("totals"));
    }

    @Test
    void aDispatcherSeesOnlyItsOwnDspAndStationOpsNameTheDsp() {
        DspA a = dspAWeek();
        String b = createDsp(ops);
        String station = createStation(ops);
        String eve = driver("Eve Other", b, station);
        List<String> ids = importPackages(station, tuesday, "Q", 2);
        Map<String, Stop> stops = routeOn(station, tuesday, b, eve).stops();
        deliver(eve, stops.get(ids.get(0)), "DELIVERED", "FRONT_DOOR", null, at(tuesday, 10), photo(jpeg(1)));
        deliver(eve, stops.get(ids.get(1)), "ATTEMPTED", "FRONT_DOOR", "NO_ACCESS", at(tuesday, 11), photo(jpeg(2)));

        String dispatcherB = dispatcherToken(b);
        Map<?, ?> card = scorecard(dispatcherB, "?week=" + week);

        assertThat(card.get("dspId")).isEqualTo(b);
        // Q1 delivered on time with a photo, Q2 attempted: 1 of 2 delivered, 1 defect; the route is not finished.
        assertMetrics(card.get("totals"), 2, 1, 1, 0, 0, 1, 1 / 2.0, 1.0, 1 / 2.0, 1.0, 1 / 2.0, null);
        assertThat(field((List<?>) card.get("drivers"), "driverId"))
                .containsExactly(eve);
        http.get().uri("/v1/dsp/scorecard?week={w}&dspId={a}", week, a.dsp())
                .headers(h -> h.setBearerAuth(dispatcherB)).exchange().expectStatus().isNotFound();

        Map<?, ?> asOps = scorecard(ops, "?week=" + week + "&dspId=" + a.dsp());
        assertThat(asOps.get("dspId")).isEqualTo(a.dsp());
        assertThat(((Map<?, ?>) asOps.get("totals")).get("packages")).isEqualTo(8);
        http.get().uri("/v1/dsp/scorecard?week={w}", week).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dspId");
        http.get().uri("/v1/dsp/scorecard?dspId=dsp_nowhere").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void withoutAWeekItIsTheCurrentWeekAtTheDspsStation() {
        String seattleDsp = createDsp(ops);
        driver("Cal Scorer", seattleDsp, createStation(ops));
        String atSeattle = dispatcherToken(seattleDsp);
        String nowhere = dispatcherToken(createDsp(ops));
        // Sunday 29 November 2026, 17:00 in Seattle, is already Monday (week 49) in UTC.
        clock.setTo(LocalDate.of(2026, 11, 29).atTime(17, 0).atZone(SEATTLE).toInstant());
        try {
            assertThat(scorecard(atSeattle, "").get("week")).isEqualTo("2026-W48");
            // A DSP with neither routes nor drivers has no station: its week is the UTC one.
            assertThat(scorecard(nowhere, "").get("week")).isEqualTo("2026-W49");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aWeekThatIsNotAnIsoWeekIsABadRequestOnTheWeekField() {
        String dispatcher = dispatcherToken(createDsp(ops));
        for (String bad : List.of("2025-W53", "2026-13", "last-week", "2026-W00")) {
            http.get().uri("/v1/dsp/scorecard?week={w}", bad).headers(h -> h.setBearerAuth(dispatcher))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("week");
        }
        // 2020 had a week 53; a DSP without routes scores zero counts and null rates.
        Map<?, ?> card = scorecard(dispatcher, "?week=2020-W53");
        assertThat(card.get("from")).isEqualTo("2020-12-28");
        assertThat(card.get("to")).isEqualTo("2021-01-03");
        assertThat((List<?>) card.get("drivers")).isEmpty();
        assertMetrics(card.get("totals"), 0, 0, 0, 0, 0, 0, null, null, null, null, null, null);
    }

    /**
     * DSP A at a Seattle station. The Monday before: Ada delivers H1 on time (route 08:00-09:00). Tuesday, Ada
     * (route 08:00-12:00): P1 on time, P2 late, P3 handed to the resident with a signature only, P4 on time but
     * from far away, P5 attempted (nobody home) and P6 refused; the return scan sends P6 back to the sender and
     * keeps P5. Wednesday, Ben (route 09:00-11:00): P5 and P7 delivered on time, P8 not tried.
     * Windows are 09:00-17:00 on the package's day.
     */
    private DspA dspAWeek() {
        String dsp = createDsp(ops);
        String station = createStation(ops);
        String ada = driver("Ada Scorer", dsp, station);
        String ben = driver("Ben Scorer", dsp, station);
        List<String> h = importPackages(station, mondayBefore, "H", 1);
        List<String> p = new ArrayList<>(importPackages(station, tuesday, "P", 6));
        p.addAll(importPackages(station, wednesday, "W", 2));

        Route before = routeOn(station, mondayBefore, dsp, ada);
        deliver(ada, before.stops().get(h.get(0)), "DELIVERED", "FRONT_DOOR", null, at(mondayBefore, 10),
                photo(jpeg(0)));
        finish(ada, before, mondayBefore, 8, 9);

        Route tue = routeOn(station, tuesday, dsp, ada);
        deliver(ada, tue.stops().get(p.get(0)), "DELIVERED", "FRONT_DOOR", null, at(tuesday, 10), photo(jpeg(1)));
        deliver(ada, tue.stops().get(p.get(1)), "DELIVERED", "FRONT_DOOR", null, at(tuesday, 18), photo(jpeg(2)));
        deliver(ada, tue.stops().get(p.get(2)), "DELIVERED", "HANDED_TO_RESIDENT", null, at(tuesday, 11),
                new Image("signature", TestImages.png(300, 120), MediaType.IMAGE_PNG, "signature.png"));
        Stop p4 = tue.stops().get(p.get(3));
        // About 1.1 km from the stop: flagged PHONE_FAR_FROM_STOP, still delivered.
        deliver(ada, new Stop(p4.id(), p4.lat() + 0.01, p4.lon(), p4.trackingIds()), "DELIVERED", "FRONT_DOOR",
                null, at(tuesday, 12), photo(jpeg(4)));
        deliver(ada, tue.stops().get(p.get(4)), "ATTEMPTED", "FRONT_DOOR", "CUSTOMER_UNAVAILABLE", at(tuesday, 13),
                photo(jpeg(5)));
        deliver(ada, tue.stops().get(p.get(5)), "ATTEMPTED", "FRONT_DOOR", "REFUSED", at(tuesday, 14),
                photo(jpeg(6)));
        finish(ada, tue, tuesday, 8, 12);
        http.post().uri("/v1/stations/{id}/returns", station).headers(hd -> hd.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of(p.get(4), p.get(5)))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].outcome").isEqualTo("REATTEMPT")
                .jsonPath("$.results[1].outcome").isEqualTo("RETURN_TO_SENDER");
        // The scan moves P5 to the next day still ahead of the real clock; this week is past, so it is due on
        // Wednesday as it would have been at the time.
        db.sql("UPDATE packages SET window_from = :from, window_to = :to WHERE tracking_id = :id")
                .bind("from", at(wednesday, 9)).bind("to", at(wednesday, 17)).bind("id", p.get(4))
                .then().block();

        Route wed = routeOn(station, wednesday, dsp, ben);
        assertThat(wed.stops()).containsOnlyKeys(p.get(4), p.get(6), p.get(7));
        deliver(ben, wed.stops().get(p.get(4)), "DELIVERED", "FRONT_DOOR", null, at(wednesday, 11), photo(jpeg(7)));
        deliver(ben, wed.stops().get(p.get(6)), "DELIVERED", "FRONT_DOOR", null, at(wednesday, 12), photo(jpeg(8)));
        finish(ben, wed, wednesday, 9, 11);
        return new DspA(dsp, ada, ben);
    }

    /** A published, assigned and started route: its id and its stops by tracking id (one package per stop). */
    private record Route(String id, Map<String, Stop> stops) {
    }

    private Route routeOn(String station, LocalDate day, String dsp, String driver) {
        Map<String, Object> request = new HashMap<>(PlanningFixture.planRequest(PlanningFixture.fleetEntry(60, 1), 1));
        request.put("date", day.toString());
        Map<?, ?> plan = planning.awaitDone(planning.start(station, request));
        assertThat(plan.get("status")).isEqualTo("READY");
        List<Stop> stops = planning.startFirstRoute(plan, dsp, dispatcherToken(dsp), driver, token(driver, "DRIVER"),
                planning.createVan(dsp, 300));
        assertThat(stops).allSatisfy(s -> assertThat(s.trackingIds()).hasSize(1));
        return new Route(PlanningFixture.routeIds(plan).get(0),
                stops.stream().collect(Collectors.toMap(s -> s.trackingIds().get(0), Function.identity())));
    }

    /** Finishes the route, then records it as driven from {@code fromHour} to {@code toHour} that day. */
    private void finish(String driver, Route route, LocalDate day, int fromHour, int toHour) {
        planning.finishRoute(token(driver, "DRIVER"), day);
        // Starting and finishing stamp the database's clock; the story needs the hours of that day.
        db.sql("UPDATE routes SET started_at = :from, finished_at = :to WHERE id = :id")
                .bind("from", at(day, fromHour)).bind("to", at(day, toHour)).bind("id", route.id())
                .then().block();
    }

    private void deliver(String driver, Stop stop, String outcome, String place, String reason,
            OffsetDateTime capturedAt, Image... images) {
        Map<String, Object> attempt = new LinkedHashMap<>(DeliveryFixture.attempt(stop, outcome, place, reason));
        attempt.put("capturedAt", capturedAt.toString());
        uploads.upload(token(driver, "DRIVER"), stop.id(), null, attempt, images).expectStatus().isCreated();
    }

    private List<String> importPackages(String station, LocalDate day, String prefix, int count) {
        String run = unique();
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + run + "n" + i;
            ids.add(id);
            // One address per package, so that each is a stop of its own.
            bodies.add(Map.of("trackingId", id, "recipientName", "Customer " + i, "address", i + " Oak St, Seattle",
                    "location", Map.of("lat", PlanningFixture.STATION.lat() + 0.004 * (i + 1),
                            "lon", PlanningFixture.STATION.lon() + 0.003 * (i % 3)),
                    "window", Map.of("from", at(day, 9).toString(), "to", at(day, 17).toString()),
                    "weightKg", 1.5, "lengthCm", 30, "widthCm", 20, "heightCm", 10));
        }
        http.post().uri("/v1/stations/{id}/packages", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", bodies)).exchange().expectStatus().isOk();
        return ids;
    }

    private String driver(String name, String dsp, String station) {
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", name, "kind", "DSP", "dspId", dsp, "homeStationId", station,
                        "phone", "+12065550100"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) driver.get("id");
    }

    private Map<?, ?> scorecard(String token, String query) {
        return http.get().uri("/v1/dsp/scorecard" + query).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static OffsetDateTime at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).atZone(SEATTLE).toOffsetDateTime();
    }

    private static byte[] jpeg(int n) {
        return TestImages.jpeg(200 + n, 150);
    }

    private static List<Object> field(Object items, String name) {
        return ((List<?>) items).stream().map(item -> (Object) ((Map<?, ?>) item).get(name)).toList();
    }

    private static Map<?, ?> withoutWeek(Object history) {
        Map<Object, Object> copy = new HashMap<>((Map<?, ?>) history);
        copy.remove("week");
        return copy;
    }

    private static void assertMetrics(Object actual, long packages, long delivered, long attempted, long returned,
            long flaggedFar, long defects, Double completionRate, Double onTimeRate, Double defectRate,
            Double photoCompliance, Double firstAttemptSuccess, Double stopsPerHour) {
        Map<?, ?> m = (Map<?, ?>) actual;
        assertThat(List.of("packages", "delivered", "attempted", "returned", "flaggedFar", "defects"))
                .as("counts of %s", m)
                .map(name -> ((Number) m.get(name)).longValue())
                .containsExactly(packages, delivered, attempted, returned, flaggedFar, defects);
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("completionRate", completionRate);
        rates.put("onTimeRate", onTimeRate);
        rates.put("defectRate", defectRate);
        rates.put("photoCompliance", photoCompliance);
        rates.put("firstAttemptSuccess", firstAttemptSuccess);
        rates.put("stopsPerHour", stopsPerHour);
        rates.forEach((name, expected) -> {
            Object value = m.get(name);
            if (expected == null) {
                assertThat(value).as(name + " of " + m).isNull();
            } else {
                assertThat(value).as(name + " of " + m).isInstanceOf(Number.class);
                assertThat(((Number) value).doubleValue()).as(name + " of " + m).isCloseTo(expected, within(1e-9));
            }
        });
    }
}
