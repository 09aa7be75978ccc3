package dev.doorstep.api.driver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.doorstep.api.driver.WireMockFcm.awaitTrue;
import static dev.doorstep.api.driver.WireMockFcm.body;
import static dev.doorstep.api.driver.WireMockFcm.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Image;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.notifications.relay.EventStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Pushes about routes through the whole pipeline (outbox, relay, stream, real Firebase Admin SDK against a
 * WireMock FCM): the driver's "route assigned", and the customers' pushes per package as the route is run.
 * Customer device tokens are rows written directly (their registration endpoint belongs to tracking links).
 */
@Import(WireMockFcm.class)
@TestPropertySource(properties = {
        "doorstep.notifications.relay.enabled=true",
        "doorstep.notifications.relay.interval=50ms",
        "doorstep.notifications.push.enabled=true",
        "doorstep.notifications.push.poll-interval=50ms",
        "doorstep.notifications.push.claim-idle=2s",
        // Long enough that a push refused with 503 is still being retried when a loaded machine gets to the delivery
        // that makes it stale (it must end DROPPED, not GAVE_UP).
        "doorstep.notifications.push.give-up-after=60s",
        "doorstep.notifications.push.backoff-initial=200ms",
        "doorstep.notifications.push.backoff-max=500ms",
        "doorstep.notifications.push.arriving-stops-away=3"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RoutePushIntegrationTests extends ApiIntegrationTest {

    private static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");

    @Autowired
    DatabaseClient db;
    @Autowired
    EventStream stream;

    private String ops;
    private String stationName;
    private String station;
    private String dsp;
    private String route;
    private String driver;

    @BeforeAll
    static void acceptEveryPushByDefault() {
        WireMockFcm.acceptEveryPush();
    }

    @AfterAll
    static void stopFcm() {
        WireMockFcm.SERVER.resetAll();
    }

    @Test
    void theDriverPutOnARouteIsToldInTheirLanguageWithTheStationsTime() {
        publishedRoute();
        driver = new PlanningFixture(http, ops).createDriver(dsp, station);
        String device = driverDevice(driver, "es");
        String van = new PlanningFixture(http, ops).createVan(dsp, 300);
        http.put().uri("/v1/dsp/routes/{id}/assignment", route).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .bodyValue(Map.of("driverId", driver, "vanId", van)).exchange().expectStatus().isOk();

        JsonNode push = onlyPush(device, "RouteAssigned");
        Instant plannedStart = db.sql("SELECT planned_start FROM routes WHERE id = :id").bind("id", route)
                .map(row -> row.get(0, OffsetDateTime.class).toInstant()).one().block();
        long stops = db.sql("SELECT count(*) FROM stops WHERE route_id = :id").bind("id", route)
                .map(row -> row.get(0, Long.class)).one().block();
        assertThat(push.at("/message/notification/title").asString()).isEqualTo("Nueva ruta asignada");
        assertThat(push.at("/message/notification/body").asString()).isEqualTo(stops + " paradas desde " + stationName
                + ", salida el " + DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.forLanguageTag("es"))
                        .format(plannedStart.atZone(SEATTLE)) + ". Abre la app para ver tu itinerario.");
        assertThat(push.at("/message/data/routeId").asString()).isEqualTo(route);
        assertThat(push.at("/message/data/vanId").asString()).isEqualTo(van);
        assertThat(push.at("/message/data/dspId").asString()).isEqualTo(dsp);
        assertThat(push.at("/message/data/stationId").asString()).isEqualTo(station);
        assertThat(push.at("/message/data/date").asString()).isEqualTo(PlanningFixture.DAY.toString());
    }

    @Test
    void customersHearEachStepOfTheirPackageInTheirLanguage() {
        List<PackageOnRoute> packages = assignedRoutePackages();
        PackageOnRoute delivered = packages.get(0);
        PackageOnRoute attempted = firstOnStop(packages, 1);
        PackageOnRoute refused = firstOnStop(packages, 2);
        String spanish = customerDevice(delivered.trackingId(), "es-MX");
        String english = customerDevice(attempted.trackingId(), "en");
        String refusedDevice = customerDevice(refused.trackingId(), "en-US");
        List<Stop> stops = start();

        JsonNode out = onlyPush(spanish, "OUT_FOR_DELIVERY");
        assertThat(out.at("/message/notification/title").asString()).isEqualTo("Tu paquete está en reparto");
        assertThat(out.at("/message/notification/body").asString()).isEqualTo("El paquete " + delivered.trackingId()
                + " llega hoy entre las " + window(delivered.trackingId(), "window_from") + " y las "
                + window(delivered.trackingId(), "window_to") + ".");
        assertThat(out.at("/message/data/trackingId").asString()).isEqualTo(delivered.trackingId());
        assertThat(out.at("/message/data/routeId").asString()).isEqualTo(route);
        assertThat(out.at("/message/data/stationId").asString()).isEqualTo(station);
        assertThat(onlyPush(english, "OUT_FOR_DELIVERY").at("/message/notification/body").asString())
                .isEqualTo("Package " + attempted.trackingId() + " arrives today between "
                        + window(attempted.trackingId(), "window_from") + " and "
                        + window(attempted.trackingId(), "window_to") + ".");

        OffsetDateTime deliveredAt = complete(stops.get(0), delivered.trackingId(), "DELIVERED", null);
        JsonNode done = onlyPush(spanish, "DELIVERED");
        assertThat(done.at("/message/notification/title").asString()).isEqualTo("Entregado");
        assertThat(done.at("/message/notification/body").asString()).isEqualTo("El paquete " + delivered.trackingId()
                + " se entregó en la puerta principal a las " + seattleTime(deliveredAt) + ".");
        assertThat(done.at("/message/data/stopId").asString()).isEqualTo(stops.get(0).id());
        assertThat(done.at("/message/data/attemptId").asString()).isNotBlank();
        String page = done.at("/message/data/trackingUrl").asString();
        assertThat(page).as("the tracking page of the package's automatic link")
                .isEqualTo(out.at("/message/data/trackingUrl").asString()).contains("/track/");
        Map<?, ?> tracked = http.get().uri(java.net.URI.create(page).getPath().replace("/track/", "/v1/track/"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(tracked.get("trackingId")).isEqualTo(delivered.trackingId());
        assertThat(tracked.get("status")).isEqualTo("DELIVERED");
        assertThat(done.at("/message/webpush/fcm_options").isMissingNode()).as("FCM takes only HTTPS click links")
                .isTrue();
        // Sent twice (a lost answer), the same event's push shows once on every platform.
        String once = "doorstep-" + done.at("/message/data/eventId").asString();
        assertThat(done.at("/message/android/notification/tag").asString()).isEqualTo(once);
        assertThat(done.at("/message/apns/headers/apns-collapse-id").asString()).isEqualTo(once);
        assertThat(done.at("/message/webpush/headers/Topic").asString()).isEqualTo(once);
        assertThat(done.at("/message/data/eventId").asString()).matches("[0-9]+");

        JsonNode next = onlyPush(english, "ARRIVING");
        assertThat(next.at("/message/android/notification/tag").asString()).as("another event shows on its own")
                .startsWith("doorstep-").isNotEqualTo(once);
        assertThat(next.at("/message/notification/title").asString()).isEqualTo("Your package is next");
        assertThat(next.at("/message/notification/body").asString())
                .isEqualTo("Package " + attempted.trackingId() + " is the driver's next delivery.");
        OffsetDateTime attemptedAt = complete(stops.get(1), attempted.trackingId(), "ATTEMPTED", "CUSTOMER_UNAVAILABLE");
        JsonNode tried = onlyPush(english, "ATTEMPTED");
        assertThat(tried.at("/message/notification/title").asString()).isEqualTo("We could not deliver your package");
        assertThat(tried.at("/message/notification/body").asString()).isEqualTo("Package " + attempted.trackingId()
                + " was not delivered at " + seattleTime(attemptedAt)
                + ": nobody was there to receive it. We will try again on the next delivery day.");

        OffsetDateTime refusedAt = complete(stops.get(2), refused.trackingId(), "ATTEMPTED", "REFUSED");
        assertThat(onlyPush(refusedDevice, "ATTEMPTED").at("/message/notification/body").asString())
                .isEqualTo("Package " + refused.trackingId() + " was not delivered at " + seattleTime(refusedAt)
                        + ": the package was refused. It will go back to the sender.");
        http.post().uri("/v1/stations/{id}/returns", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("trackingIds", List.of(refused.trackingId()))).exchange().expectStatus().isOk();
        JsonNode back = onlyPush(refusedDevice, "RETURNED_TO_SENDER");
        assertThat(back.at("/message/notification/title").asString())
                .isEqualTo("Your package is going back to the sender");
        assertThat(back.at("/message/notification/body").asString())
                .isEqualTo("Package " + refused.trackingId() + " is being returned to the sender.");
        assertThat(pushes(spanish, "ARRIVING")).isEmpty();
    }

    @Test
    void arrivingIsSentOnceWhenThreeStopsAreLeftBeforeThePackageAndNotAtFour() {
        List<PackageOnRoute> packages = assignedRoutePackages();
        PackageOnRoute fifth = firstOnStop(packages, 4);
        PackageOnRoute sixth = firstOnStop(packages, 5);
        String fifthDevice = customerDevice(fifth.trackingId(), "en");
        String sixthDevice = customerDevice(sixth.trackingId(), "es");
        List<Stop> stops = start();

        arrive(stops.get(0));
        JsonNode arriving = onlyPush(fifthDevice, "ARRIVING");
        assertThat(arriving.at("/message/notification/title").asString()).isEqualTo("Your package is 3 stops away");
        assertThat(arriving.at("/message/notification/body").asString())
                .isEqualTo("Package " + fifth.trackingId() + " will arrive soon.");
        // Both are marked by the same statement, before either push goes out.
        assertThat(arrivingMarks(sixth.trackingId())).as("4 stops away").isZero();
        awaitEveryEventHandled();
        assertThat(pushes(sixthDevice, "ARRIVING")).as("4 stops away").isEmpty();

        arrive(stops.get(1));
        assertThat(onlyPush(sixthDevice, "ARRIVING").at("/message/notification/title").asString())
                .isEqualTo("Tu paquete está a 3 paradas");
        complete(stops.get(1), firstOnStop(packages, 1).trackingId(), "DELIVERED", null);
        awaitEveryEventHandled();
        assertThat(pushes(fifthDevice, "ARRIVING")).hasSize(1);
        assertThat(pushes(sixthDevice, "ARRIVING")).hasSize(1);
        assertThat(arrivingMarks(fifth.trackingId())).isOne();
    }

    @Test
    void anArrivingPushStillUnsentWhenThePackageIsDeliveredIsDropped() {
        List<PackageOnRoute> packages = assignedRoutePackages();
        PackageOnRoute fifth = firstOnStop(packages, 4);
        String device = customerDevice(fifth.trackingId(), "en");
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(device)))
                .withRequestBody(matchingJsonPath("$.message.data.type", equalTo("ARRIVING")))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\",\"message\":\"down\"}}")));
        List<Stop> stops = start();

        arrive(stops.get(0));
        awaitTrue(() -> !pushes(device, "ARRIVING").isEmpty(), "a refused ARRIVING push");
        complete(stops.get(4), fifth.trackingId(), "DELIVERED", null);

        long stopArrived = db.sql("SELECT id FROM outbox WHERE event_type = 'StopArrived' AND payload->>'stopId' = :s")
                .bind("s", stops.get(0).id()).map(row -> row.get(0, Long.class)).one().block();
        awaitTrue(() -> "DROPPED".equals(sendState(stopArrived, device)), "the ARRIVING push dropped");
        assertThat(onlyPush(device, "DELIVERED").at("/message/notification/title").asString()).isEqualTo("Delivered");
    }

    private record PackageOnRoute(String trackingId, int stopIndex) {
    }

    private void publishedRoute() {
        ops = opsToken();
        stationName = "Route push " + unique();
        Map<?, ?> created = http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops))
                .bodyValue(stationBody(stationName)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        station = (String) created.get("id");
        dsp = createDsp(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<?, ?> plan = fixture.readyPlan(station, 45, 60, 1);
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        route = PlanningFixture.routeIds(plan).get(0);
    }

    /** A published route with its driver and van, not started: each package with the index of its stop. */
    private List<PackageOnRoute> assignedRoutePackages() {
        publishedRoute();
        PlanningFixture fixture = new PlanningFixture(http, ops);
        driver = fixture.assignNewDriver(dsp, station, route, dispatcherToken(dsp));
        return db.sql("SELECT p.tracking_id, dense_rank() OVER (ORDER BY s.seq) - 1 AS idx FROM stops s "
                        + "JOIN packages p ON p.stop_id = s.id WHERE s.route_id = :r ORDER BY s.seq, p.tracking_id")
                .bind("r", route)
                .map(row -> new PackageOnRoute(row.get("tracking_id", String.class),
                        row.get("idx", Long.class).intValue()))
                .all().collectList().block();
    }

    private List<Stop> start() {
        Map<?, ?> started = http.post().uri("/v1/driver/routes/{id}/start", route)
                .headers(h -> h.setBearerAuth(token(driver, "DRIVER"))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return DeliveryFixture.stops(started);
    }

    private void arrive(Stop stop) {
        http.post().uri("/v1/driver/stops/{id}/arrive", stop.id()).headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                .exchange().expectStatus().isOk();
    }

    /** Arrives if needed, then uploads one outcome for one package of the stop; returns its capture time. */
    private OffsetDateTime complete(Stop stop, String trackingId, String outcome, String reason) {
        String status = db.sql("SELECT status FROM stops WHERE id = :id").bind("id", stop.id())
                .map(row -> row.get(0, String.class)).one().block();
        if ("PENDING".equals(status)) {
            arrive(stop);
        }
        Map<String, Object> attempt = new HashMap<>(DeliveryFixture.attempt(
                new Stop(stop.id(), stop.lat(), stop.lon(), List.of(trackingId)), outcome, "FRONT_DOOR", reason));
        new DeliveryFixture(http).upload(token(driver, "DRIVER"), stop.id(), null, attempt,
                Image.photo(TestImages.jpeg(640, 480))).expectStatus().isCreated();
        return OffsetDateTime.parse((String) attempt.get("capturedAt"));
    }

    private static PackageOnRoute firstOnStop(List<PackageOnRoute> packages, int stopIndex) {
        return packages.stream().filter(p -> p.stopIndex() == stopIndex).findFirst().orElseThrow();
    }

    private String driverDevice(String driverId, String locale) {
        String fcm = "fcm-drv-" + unique() + unique();
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(token(driverId, "DRIVER")))
                .bodyValue(Map.of("token", fcm, "platform", "ANDROID", "locale", locale)).exchange()
                .expectStatus().isCreated();
        return fcm;
    }

    /** A customer's web push token for a package, as the tracking page would register it. */
    private String customerDevice(String trackingId, String locale) {
        String token = "web-" + unique() + unique();
        db.sql("INSERT INTO device_tokens (token, owner_kind, tracking_id, platform, locale) "
                        + "VALUES (:t, 'CUSTOMER', :p, 'WEB', :l)")
                .bind("t", token).bind("p", trackingId).bind("l", locale).then().block();
        return token;
    }

    private String window(String trackingId, String column) {
        return db.sql("SELECT " + column + " FROM packages WHERE tracking_id = :t").bind("t", trackingId)
                .map(row -> seattleTime(row.get(0, OffsetDateTime.class))).one().block();
    }

    private static String seattleTime(OffsetDateTime at) {
        return DateTimeFormatter.ofPattern("HH:mm").format(at.atZoneSameInstant(SEATTLE));
    }

    private String sendState(long eventId, String token) {
        return db.sql("SELECT state FROM push_sends WHERE event_id = :e AND token = :t").bind("e", eventId)
                .bind("t", token).map(row -> row.get(0, String.class)).one().block();
    }

    private long arrivingMarks(String trackingId) {
        return db.sql("SELECT count(*) FROM arriving_pushes WHERE tracking_id = :t").bind("t", trackingId)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    /** Every event of the route relayed and every stream entry of the group acknowledged. */
    private void awaitEveryEventHandled() {
        awaitTrue(() -> db.sql("SELECT count(*) FROM outbox WHERE relayed_at IS NULL "
                        + "AND (aggregate_id = :r OR payload->>'routeId' = :r)").bind("r", route)
                .map(row -> row.get(0, Long.class)).one().block() == 0
                && stream.pendingCount("notifications").block() == 0, "every event relayed and handled");
    }

    private static List<JsonNode> pushes(String token, String type) {
        return requestsTo(token).stream().map(WireMockFcm::body)
                .filter(b -> type.equals(b.at("/message/data/type").asString())).toList();
    }

    private static JsonNode onlyPush(String token, String type) {
        awaitTrue(() -> !pushes(token, type).isEmpty(), "a " + type + " push to " + token);
        List<JsonNode> pushes = pushes(token, type);
        assertThat(pushes).hasSize(1);
        return pushes.get(0);
    }
}
