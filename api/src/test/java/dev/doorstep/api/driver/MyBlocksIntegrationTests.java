package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

class MyBlocksIntegrationTests extends FlexBlocksTest {

    private static final Instant NOW = Instant.parse("2027-04-06T14:00:00Z");

    @Test
    void aForfeitBeforeTheCutOffIsFreeAndTheBlockIsOfferedAgainAtOnce() {
        clock.setTo(NOW);
        Station home = station("America/Chicago");
        Driver driver = flexDriver(home);
        String block = claimed(driver, block(home, Duration.ofMinutes(45), 60));

        forfeit(driver, block).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("OFFERED").jsonPath("$.driverId").isEmpty();

        Driver other = flexDriver(home);
        http.get().uri("/v1/driver/offers").headers(h -> h.setBearerAuth(other.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(block);
        assertThat(events(block)).containsExactly("BlockOffered", "BlockClaimed", "BlockForfeited", "BlockOffered");
        standing(driver).jsonPath("$.lateForfeits").isEqualTo(0);
    }

    @Test
    void aForfeitAfterTheCutOffIsRecordedAsLate() {
        clock.setTo(NOW);
        Station home = station("America/Chicago");
        Driver driver = flexDriver(home);
        String block = claimed(driver, block(home, Duration.ofMinutes(45).minusSeconds(1), 60));

        forfeit(driver, block).expectStatus().isOk();

        standing(driver).jsonPath("$.lateForfeits").isEqualTo(1).jsonPath("$.noShows").isEqualTo(0);
        http.get().uri("/v1/drivers/{id}/standing", driver.id()).headers(h -> h.setBearerAuth(ops())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.lateForfeits").isEqualTo(1);
    }

    @Test
    void aDriverCannotForfeitAnotherDriversBlock() {
        Station home = station("America/Chicago");
        String block = claimed(flexDriver(home), block(home, Duration.ofHours(5), 60));

        forfeit(flexDriver(home), block).expectStatus().isNotFound();
        opsBlock(home, block).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLAIMED");
    }

    @Test
    void checkInCountsTheGeofenceBoundaryAndUpToFiftyMetresOfAccuracy() {
        clock.setTo(NOW);
        Station home = station("Europe/Madrid");
        double northEdge = home.lat() + HALF_SIDE;
        double metre = 0.001 / Distances.meters(new GeoPoint(northEdge, home.lon()),
                new GeoPoint(northEdge + 0.001, home.lon()));

        assertCheckIn(home, home.lat(), home.lon(), 0).isOk();
        assertCheckIn(home, northEdge, home.lon(), 0).isOk();
        assertOutside(home, northEdge + metre, home.lon(), 0);
        assertCheckIn(home, northEdge + 49 * metre, home.lon(), 50).isOk();
        assertOutside(home, northEdge + 51 * metre, home.lon(), 50);
        assertOutside(home, northEdge + 60 * metre, home.lon(), 500);
    }

    @Test
    void checkInOpensFifteenMinutesBeforeTheStartAndClosesTenMinutesAfter() {
        clock.setTo(NOW);
        Station home = station("Europe/Madrid");
        Driver early = flexDriver(home);
        Driver late = flexDriver(home);
        OffsetDateTime start = OffsetDateTime.ofInstant(NOW.plus(Duration.ofHours(2)), home.zone());
        String earlyBlock = claimed(early, block(home, start, 60));
        String lateBlock = claimed(late, block(home, start, 60));
        Instant startsAt = start.toInstant();

        clock.setTo(startsAt.minus(Duration.ofMinutes(15)).minusSeconds(1));
        checkIn(early, earlyBlock, home.lat(), home.lon(), 0).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.reason").isEqualTo("TOO_EARLY");
        clock.setTo(startsAt.minus(Duration.ofMinutes(15)));
        checkIn(early, earlyBlock, home.lat(), home.lon(), 0).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CHECKED_IN");

        clock.setTo(startsAt.plus(Duration.ofMinutes(10)).plusSeconds(1));
        checkIn(late, lateBlock, home.lat(), home.lon(), 0).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.reason").isEqualTo("TOO_LATE");
    }

    @Test
    void checkInOnTheLastSecondOfTheWindowIsAccepted() {
        clock.setTo(NOW);
        Station home = station("Europe/Madrid");
        Driver driver = flexDriver(home);
        OffsetDateTime start = OffsetDateTime.ofInstant(NOW.plus(Duration.ofHours(2)), home.zone());
        String block = claimed(driver, block(home, start, 60));

        clock.setTo(start.toInstant().plus(Duration.ofMinutes(10)));
        checkIn(driver, block, home.lat(), home.lon(), 0).expectStatus().isOk();
    }

    @Test
    void atCheckInTheDriverGetsTheBlocksRouteWithItsStopsInOrder() {
        clock.setTo(NOW);
        Station home = station("Europe/Madrid");
        Driver driver = flexDriver(home);
        String route = plannedRoute(home, 3);
        String block = blocks(home, Map.of("startsAt", NOW.plus(Duration.ofMinutes(10)).atZone(home.zone())
                        .toOffsetDateTime().toString(), "durationMinutes", 240,
                "pay", Map.of("amount", 120, "currency", "EUR"), "serviceType", "LOGISTICS", "routeId", route)).get(0);
        claimed(driver, block);
        routeOf(driver, block).expectStatus().isEqualTo(409);

        checkIn(driver, block, home.lat(), home.lon(), 5).expectStatus().isOk()
                .expectBody().jsonPath("$.routeId").isEqualTo(route);

        routeOf(driver, block).expectStatus().isOk().expectBody()
                .jsonPath("$.routeId").isEqualTo(route)
                .jsonPath("$.status").isEqualTo("ASSIGNED")
                .jsonPath("$.stops.length()").isEqualTo(3)
                .jsonPath("$.stops[0].seq").isEqualTo(0)
                .jsonPath("$.stops[2].seq").isEqualTo(2);
        routeOf(flexDriver(home), block).expectStatus().isNotFound();
    }

    @Test
    void aCheckedInBlockWithoutARouteHasAnEmptyItinerary() {
        clock.setTo(NOW);
        Station home = station("Europe/Madrid");
        Driver driver = flexDriver(home);
        String block = claimed(driver, block(home, Duration.ofMinutes(5), 60));
        checkIn(driver, block, home.lat(), home.lon(), 0).expectStatus().isOk();

        routeOf(driver, block).expectStatus().isOk().expectBody()
                .jsonPath("$.routeId").isEmpty()
                .jsonPath("$.stops.length()").isEqualTo(0);
    }

    @Test
    void theStationsBlockListAppliesNoShowsOfEveryDriver() {
        clock.setTo(NOW);
        Station home = station("Asia/Tokyo");
        String block = claimed(flexDriver(home), block(home, Duration.ofMinutes(30), 60));

        clock.setTo(NOW.plus(Duration.ofMinutes(41)));

        http.get().uri("/v1/stations/{id}/blocks", home.id()).headers(h -> h.setBearerAuth(ops())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].id").isEqualTo(block)
                .jsonPath("$.items[0].status").isEqualTo("NO_SHOW");
    }

    @Test
    void aBlockNotCheckedInTenMinutesAfterItsStartIsANoShowAndItsRouteGoesBackToTheStation() {
        clock.setTo(NOW);
        Station home = station("Asia/Tokyo");
        Driver driver = flexDriver(home);
        String route = plannedRoute(home, 2);
        OffsetDateTime start = OffsetDateTime.ofInstant(NOW.plus(Duration.ofHours(1)), home.zone());
        String block = blocks(home, Map.of("startsAt", start.toString(), "durationMinutes", 120,
                "pay", Map.of("amount", 80, "currency", "JPY"), "serviceType", "RETURNS", "routeId", route)).get(0);
        claimed(driver, block);

        clock.setTo(start.toInstant().plus(Duration.ofMinutes(10)));
        myBlocks(driver).jsonPath("$.items[0].status").isEqualTo("CLAIMED");
        clock.setTo(start.toInstant().plus(Duration.ofMinutes(10)).plusSeconds(1));
        myBlocks(driver).jsonPath("$.items[0].status").isEqualTo("NO_SHOW").jsonPath("$.items[0].routeId").isEmpty();

        Map<String, Object> routeRow = db.sql("SELECT block_id, status FROM routes WHERE id = :id").bind("id", route)
                .fetch().one().block();
        assertThat(routeRow).containsEntry("status", "PLANNED").containsEntry("block_id", null);
        assertThat(events(block)).containsExactly("BlockOffered", "BlockClaimed", "BlockNoShow");
        standing(driver).jsonPath("$.noShows").isEqualTo(1);
    }

    @Test
    void aWorkedBlockCountsAsCompletedOnceItEnds() {
        clock.setTo(NOW);
        Station home = station("Asia/Tokyo");
        Driver driver = flexDriver(home);
        OffsetDateTime start = OffsetDateTime.ofInstant(NOW.plus(Duration.ofMinutes(5)), home.zone());
        String block = claimed(driver, block(home, start, 60));
        checkIn(driver, block, home.lat(), home.lon(), 0).expectStatus().isOk();

        clock.setTo(start.toInstant().plus(Duration.ofMinutes(60)));

        standing(driver).jsonPath("$.completed").isEqualTo(1);
        myBlocks(driver).jsonPath("$.items[0].status").isEqualTo("COMPLETED");
    }

    private void assertOutside(Station home, double lat, double lon, double accuracy) {
        assertCheckIn(home, lat, lon, accuracy).isEqualTo(422).expectBody()
                .jsonPath("$.reason").isEqualTo("OUTSIDE_GEOFENCE");
    }

    private StatusAssertions assertCheckIn(Station home, double lat, double lon, double accuracy) {
        Driver driver = flexDriver(home);
        String block = claimed(driver, block(home, Duration.ofMinutes(10), 60));
        return checkIn(driver, block, lat, lon, accuracy).expectStatus();
    }

    private WebTestClient.ResponseSpec checkIn(Driver driver, String block, double lat, double lon, double accuracy) {
        return http.post().uri("/v1/driver/blocks/{id}/check-in", block).headers(h -> h.setBearerAuth(driver.token()))
                .bodyValue(Map.of("lat", lat, "lon", lon, "accuracy", accuracy)).exchange();
    }

    private WebTestClient.ResponseSpec forfeit(Driver driver, String block) {
        return http.post().uri("/v1/driver/blocks/{id}/forfeit", block).headers(h -> h.setBearerAuth(driver.token()))
                .exchange();
    }

    private WebTestClient.ResponseSpec routeOf(Driver driver, String block) {
        return http.get().uri("/v1/driver/blocks/{id}/route", block).headers(h -> h.setBearerAuth(driver.token()))
                .exchange();
    }

    private WebTestClient.BodyContentSpec standing(Driver driver) {
        return http.get().uri("/v1/driver/standing").headers(h -> h.setBearerAuth(driver.token())).exchange()
                .expectStatus().isOk().expectBody();
    }

    private WebTestClient.BodyContentSpec myBlocks(Driver driver) {
        return http.get().uri("/v1/driver/blocks").headers(h -> h.setBearerAuth(driver.token())).exchange()
                .expectStatus().isOk().expectBody();
    }

    /** A planned route of the station with {@code stops} stops, as route planning leaves it (written directly). */
    private String plannedRoute(Station station, int stops) {
        String route = "rt_" + unique();
        db.sql("INSERT INTO routes (id, station_id, service_date, status) VALUES (:id, :station, :date, 'PLANNED')")
                .bind("id", route).bind("station", station.id())
                .bind("date", NOW.atZone(station.zone()).toLocalDate()).then().block();
        for (int seq = stops - 1; seq >= 0; seq--) {
            db.sql("INSERT INTO stops (id, route_id, seq, address, lat, lon) VALUES (:id, :route, :seq, :address, "
                            + ":lat, :lon)")
                    .bind("id", route + "_s" + seq).bind("route", route).bind("seq", seq)
                    .bind("address", seq + " Main St").bind("lat", station.lat() + 0.01 * seq)
                    .bind("lon", station.lon()).then().block();
        }
        return route;
    }
}
