package dev.doorstep.api.driver;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.TestClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Fixtures for Flex block tests: each test gets its own stations, far from every other test's. */
abstract class FlexBlocksTest extends ApiIntegrationTest {

    /** Half the side of a station's square geofence, in degrees (about 550 m north-south). */
    static final double HALF_SIDE = 0.005;

    @Autowired
    TestClock clock;

    @Autowired
    DatabaseClient db;

    private String ops;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    String ops() {
        if (ops == null) {
            ops = opsToken();
        }
        return ops;
    }

    /** A station at a random place of its own, so that no other test's blocks are in its region. */
    Station station(String zone) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return station(random.nextDouble(-55, 55), random.nextDouble(-170, 170), zone);
    }

    Station station(double lat, double lon, String zone) {
        Map<?, ?> body = http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops()))
                .bodyValue(Map.of("name", "Station " + unique(), "address", "1 Dock Rd",
                        "location", Map.of("lat", lat, "lon", lon), "timeZone", zone,
                        "geofence", squareAround(lat, lon, HALF_SIDE)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new Station((String) body.get("id"), lat, lon, ZoneId.of(zone));
    }

    /** A Flex driver of {@code station}, with its token. */
    Driver flexDriver(Station station) {
        return driver(station, "FLEX", null);
    }

    Driver driver(Station station, String kind, String dspId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Driver " + unique(), "kind", kind,
                "homeStationId", station.id(), "phone", "+15550100100"));
        if (dspId != null) {
            body.put("dspId", dspId);
        }
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops())).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) driver.get("id");
        return new Driver(id, token(id, "DRIVER"));
    }

    /** A block at the station starting {@code in} from the app's clock. */
    String block(Station station, Duration in, int minutes) {
        return block(station, OffsetDateTime.ofInstant(clock.instant().plus(in), station.zone()), minutes);
    }

    String block(Station station, OffsetDateTime start, int minutes) {
        return blocks(station, Map.of("startsAt", start.toString(), "durationMinutes", minutes,
                "pay", Map.of("amount", 90.5, "currency", "USD"), "serviceType", "LOGISTICS")).get(0);
    }

    List<String> blocks(Station station, Map<String, Object> draft) {
        Map<?, ?> created = http.post().uri("/v1/stations/{id}/blocks", station.id()).headers(h -> h.setBearerAuth(ops()))
                .bodyValue(draft).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody();
        return ((List<?>) created.get("items")).stream().map(b -> (String) ((Map<?, ?>) b).get("id")).toList();
    }

    WebTestClient.ResponseSpec claim(Driver driver, String blockId) {
        return http.post().uri("/v1/driver/offers/{id}/claim", blockId).headers(h -> h.setBearerAuth(driver.token()))
                .exchange();
    }

    String claimed(Driver driver, String blockId) {
        claim(driver, blockId).expectStatus().isOk();
        return blockId;
    }

    WebTestClient.ResponseSpec opsBlock(Station station, String blockId) {
        return http.get().uri("/v1/stations/{id}/blocks/{block}", station.id(), blockId)
                .headers(h -> h.setBearerAuth(ops())).exchange();
    }

    /** The outbox events of a block, oldest first, as "EventType". */
    List<String> events(String blockId) {
        return db.sql("SELECT event_type FROM outbox WHERE aggregate_id = :id ORDER BY id").bind("id", blockId)
                .map(row -> row.get("event_type", String.class)).all().collectList().block();
    }

    record Station(String id, double lat, double lon, ZoneId zone) {
    }

    record Driver(String id, String token) {
    }
}
