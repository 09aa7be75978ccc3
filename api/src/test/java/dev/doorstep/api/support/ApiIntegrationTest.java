package dev.doorstep.api.support;

import dev.doorstep.api.DoorstepApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole app on a random port, on the embedded PostgreSQL and Redis of {@code target/test-data},
 * started once per test JVM and shared by every subclass. Each response is checked against the contract.
 */
@SpringBootTest(classes = DoorstepApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"doorstep.data-dir=${doorstep.test.shared-data-dir:target/test-data/shared}",
                // Room for the claims a test makes as one driver; DriverRateLimitIntegrationTests checks the limit.
                "doorstep.api.driver-rate-limit.burst=20",
                // Room for every dispatcher sign-in of the suite from 127.0.0.1; DispatcherSignInIntegrationTests
                // checks the address budget from addresses of their own.
                "doorstep.security.dispatcher-login.attempts-per-address=100",
                // The push pipeline runs in the tests that need it (with a WireMock FCM), not in every context.
                "doorstep.notifications.relay.enabled=false", "doorstep.notifications.push.enabled=false",
                // Tests run the missing-package check themselves at chosen instants; the real-clock timer would
                // mark the back-dated packages of other tests MISSING at random moments.
                "doorstep.dispatch.returns.missing-check-every=1000d",
                // The tests run offline: no tiles from OpenStreetMap (the default); a test that wants tiles sets its own.
                "doorstep.api.tracking-page.tile-url=", "doorstep.api.portal.tile-url=",
                "doorstep.api.driver-app.tile-url=",
                // Tests read a package's view right after changing it; TrackingReadsIntegrationTests checks the
                // kept views (and every test here the kept link resolutions, whose revocation is immediate).
                "doorstep.tracking.customer.view-max-age=0s",
                // No planner warm-up solve at start (seconds of both cores the suite needs; PlanWarmUpUnitTests has it).
                "doorstep.dispatch.planning.warm-up.budget=0s"})
@Import(TestClock.Config.class)
public abstract class ApiIntegrationTest {

    @LocalServerPort
    protected int port;

    protected WebTestClient http;

    @BeforeEach
    void connect() {
        http = client(port);
    }

    /** A client whose every response is checked against openapi.yaml. */
    public static WebTestClient client(int port) {
        return plainClient(port).mutate().filter(new ContractCheck()).build();
    }

    /** A client without the contract check, for what the contract does not describe (actuator, Swagger UI). */
    public static WebTestClient plainClient(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                // Room for the report of a 5,000-package manifest.
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    /** A real token signed by the local issuer, as a client gets it from {@code POST /local/tokens}. */
    protected String token(String subject, String... roles) {
        return tokenFor(subject, null, roles);
    }

    protected String dispatcherToken(String dspId) {
        return tokenFor("dispatcher-" + dspId, dspId, "DISPATCHER");
    }

    protected String opsToken() {
        return token("ops-" + unique(), "STATION_OPS");
    }

    private String tokenFor(String subject, String dsp, String... roles) {
        Map<String, Object> body = dsp == null ? Map.of("sub", subject, "roles", List.of(roles))
                : Map.of("sub", subject, "roles", List.of(roles), "dsp", dsp);
        Map<?, ?> answer = http.post().uri("/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("access_token");
    }

    /** A route of the first of a plan of {@code packages} packages around a new station, assigned and started. */
    protected StartedRoute startedRoute(int packages, int capacity) {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        String dsp = createDsp(ops);
        Map<?, ?> plan = fixture.readyPlan(station, packages, capacity, 1);
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        String route = PlanningFixture.routeIds(plan).get(0);
        String driver = fixture.createDriver(dsp, station);
        http.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .bodyValue(Map.of("driverId", driver, "vanId", fixture.createVan(dsp, 300))).exchange()
                .expectStatus().isOk();
        String driverToken = token(driver, "DRIVER");
        Map<?, ?> started = http.post().uri("/v1/driver/routes/{id}/start", route)
                .headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return new StartedRoute(ops, station, dsp, route, driver, driverToken, DeliveryFixture.stops(started));
    }

    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A small square geofence around a point, as GeoJSON. */
    protected static Map<String, Object> squareAround(double lat, double lon, double halfSide) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(lon - halfSide, lat - halfSide), List.of(lon + halfSide, lat - halfSide),
                List.of(lon + halfSide, lat + halfSide), List.of(lon - halfSide, lat + halfSide),
                List.of(lon - halfSide, lat - halfSide))));
    }

    protected static Map<String, Object> stationBody(String name) {
        return Map.of("name", name, "address", "2700 Utah Ave S, Seattle", "location", Map.of("lat", 47.58, "lon", -122.33),
                "timeZone", "America/Los_Angeles", "geofence", squareAround(47.58, -122.33, 0.005));
    }

    protected String createStation(String ops) {
        Map<?, ?> station = http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops))
                .bodyValue(stationBody("Station " + unique()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) station.get("id");
    }

    protected String createDsp(String ops) {
        Map<?, ?> dsp = http.post().uri("/v1/dsps").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "DSP " + unique()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) dsp.get("id");
    }
}
