package dev.doorstep.api.tracking;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SuppressWarnings("unchecked")
class CustomerTrackingIntegrationTests extends ApiIntegrationTest {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    DatabaseClient db;

    private StartedRoute route;
    private DeliveryFixture uploads;

    @BeforeEach
    void routeInProgress() {
        forgetRateLimits();
        route = startedRoute(12, 60);
        uploads = new DeliveryFixture(http);
    }

    @Test
    void theDriverShowsOnlyFromThreeStopsAwayUntilDeliveryThenPlaceTimeAndPhoto() {
        Stop target = route.stops().get(4);
        String token = link(target.trackingIds().get(0));
        sendPing(target.lat() + 0.01, target.lon());

        Map<String, Object> far = track(token);
        assertThat(far.get("status")).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(far.get("stopsAway")).isEqualTo(4);
        assertThat(far.get("driver")).isNull();
        assertThat(far.get("driverFirstName")).isNotNull();
        Map<String, Object> eta = (Map<String, Object>) far.get("eta");
        Duration width = Duration.between(Instant.parse((String) eta.get("from")), Instant.parse((String) eta.get("to")));
        assertThat(width).isEqualTo(Duration.ofMinutes(2 * (5 + 3 * 4)));

        deliver(route.stops().get(0));
        Map<String, Object> three = track(token);
        assertThat(three.get("stopsAway")).isEqualTo(3);
        Map<String, Object> driver = (Map<String, Object>) three.get("driver");
        assertThat(driver).isNotNull();
        assertThat(((Number) driver.get("lat")).doubleValue()).isEqualTo(target.lat() + 0.01);
        assertThat(((Number) driver.get("heading")).doubleValue()).isEqualTo(270);

        deliver(route.stops().get(1));
        deliver(route.stops().get(2));
        deliver(route.stops().get(3));
        Map<String, Object> next = track(token);
        assertThat(next.get("stopsAway")).isEqualTo(0);
        assertThat(next.get("driver")).isNotNull();
        Map<String, Object> closeEta = (Map<String, Object>) next.get("eta");
        assertThat(Duration.between(Instant.parse((String) closeEta.get("from")),
                Instant.parse((String) closeEta.get("to")))).isEqualTo(Duration.ofMinutes(10));

        http.get().uri("/v1/track/{token}/photo", token).exchange().expectStatus().isNotFound();
        deliver(target);
        Map<String, Object> delivered = track(token);
        assertThat(delivered.get("status")).isEqualTo("DELIVERED");
        assertThat(delivered.get("driver")).isNull();
        assertThat(delivered.get("stopsAway")).isNull();
        assertThat(delivered.get("ended")).isEqualTo(true);
        Map<String, Object> done = (Map<String, Object>) delivered.get("delivered");
        assertThat(done.get("place")).isEqualTo("FRONT_DOOR");
        assertThat(done.get("at")).isNotNull();
        assertThat(done.get("photoUrl")).isEqualTo("/v1/track/" + token + "/photo");
        byte[] image = http.get().uri((String) done.get("photoUrl")).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_JPEG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(image).isNotEmpty();
    }

    @Test
    void aTokenOfOnePackageNeverYieldsAnythingOfAnother() {
        Stop stopA = route.stops().get(5);
        Stop stopB = route.stops().get(0);
        String packageA = stopA.trackingIds().get(0);
        String packageB = stopB.trackingIds().get(0);
        String tokenA = link(packageA);
        deliver(stopB);

        Map<String, Object> seen = track(tokenA);
        assertThat(seen.get("trackingId")).isEqualTo(packageA);
        assertThat(seen.get("status")).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(seen.get("delivered")).isNull();
        assertThat(seen.toString()).doesNotContain(packageB).doesNotContain(stopB.id())
                .doesNotContain(route.routeId()).doesNotContain(route.driverId());
        assertThat(((Map<String, Object>) seen.get("destination")).get("lat")).isEqualTo(stopA.lat());
        http.get().uri("/v1/track/{token}/photo", tokenA).exchange().expectStatus().isNotFound();
    }

    @Test
    void anAddressPastItsBudgetGets429WithRetryAfter() {
        String token = link(route.stops().get(0).trackingIds().get(0));
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 40 && retryAfter == null; i++) {
            var result = http.get().uri("/v1/track/{token}", token).exchange().returnResult(byte[].class);
            statuses.add(result.getStatus().value());
            retryAfter = result.getResponseHeaders().getFirst("Retry-After");
        }
        assertThat(statuses).contains(200).contains(429);
        assertThat(Long.parseLong(retryAfter)).isPositive();
        forgetRateLimits();
    }

    @Test
    void theEventStreamStartsWithTheStateAndEndsWhenDelivered() {
        Stop target = route.stops().get(0);
        String token = link(target.trackingIds().get(0));
        var events = http.get().uri("/v1/track/{token}/events", token).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> e.event() != null);
        List<ServerSentEvent<Map<String, Object>>> seen = events
                .doOnNext(e -> {
                    if ("state".equals(e.event()) && "OUT_FOR_DELIVERY".equals(e.data().get("status"))) {
                        deliverLater(target);
                    }
                })
                .collectList().block(Duration.ofSeconds(30));
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0).event()).isEqualTo("state");
        assertThat(seen.get(0).data().get("stopsAway")).isEqualTo(0);
        ServerSentEvent<Map<String, Object>> last = seen.get(seen.size() - 1);
        assertThat(last.event()).isEqualTo("ended");
        assertThat(last.data().get("status")).isEqualTo("DELIVERED");
    }

    @Test
    void theTrackingPageRegistersAWebPushTokenForItsOwnPackageOnly() {
        String trackingId = route.stops().get(0).trackingIds().get(0);
        String token = link(trackingId);
        String pushToken = "web-push-" + unique();
        http.post().uri("/v1/track/{token}/devices", token).bodyValue(Map.of("token", pushToken, "locale", "es"))
                .exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.platform").isEqualTo("WEB")
                .jsonPath("$.locale").isEqualTo("es");
        http.post().uri("/v1/track/{token}/devices", token).bodyValue(Map.of("token", pushToken))
                .exchange().expectStatus().isOk();
        Map<String, Object> row = db.sql("SELECT owner_kind, tracking_id, driver_id, platform FROM device_tokens "
                        + "WHERE token = :token").bind("token", pushToken).fetch().one().block();
        assertThat(row).containsEntry("owner_kind", "CUSTOMER").containsEntry("tracking_id", trackingId)
                .containsEntry("platform", "WEB").containsEntry("driver_id", null);

        http.post().uri("/v1/track/{token}/devices", "not-a-link").bodyValue(Map.of("token", "other-" + unique()))
                .exchange().expectStatus().isNotFound();
        http.post().uri("/v1/track/{token}/devices", token).bodyValue(Map.of("token", ""))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("token");

        String driverPush = "driver-push-" + unique();
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(route.driverToken()))
                .bodyValue(Map.of("token", driverPush, "platform", "ANDROID")).exchange().expectStatus().isCreated();
        http.post().uri("/v1/track/{token}/devices", token).bodyValue(Map.of("token", driverPush))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void theTrackingPageIsServedForAValidLinkWithLeafletFromTheWebjar() {
        String token = link(route.stops().get(0).trackingIds().get(0));
        String page = http.get().uri("/track/{token}", token).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("/webjars/leaflet/1.9.4/dist/leaflet.js").contains("new EventSource(")
                .doesNotContain("/*CONFIG*/").doesNotContain(token);
        WebTestClient assets = plainClient(port);
        assets.get().uri("/webjars/leaflet/1.9.4/dist/leaflet.js").exchange().expectStatus().isOk();
        assets.get().uri("/webjars/leaflet/1.9.4/dist/leaflet.css").exchange().expectStatus().isOk();
        assets.get().uri("/firebase-messaging-sw.js").exchange().expectStatus().isOk();
        http.get().uri("/track/{token}", "not-a-link").exchange().expectStatus().isNotFound();
    }

    @Test
    void revokingALinkEndsItsOpenEventStream() {
        String trackingId = route.stops().get(2).trackingIds().get(0);
        Map<?, ?> link = http.post().uri("/v1/packages/{p}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(route.ops())).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        List<String> seen = http.get().uri("/v1/track/{token}/events", link.get("token"))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> e.event() != null)
                .map(ServerSentEvent::event)
                .doOnNext(event -> {
                    if (!revoking) {
                        revoking = true;
                        new Thread(() -> http.delete().uri("/v1/packages/{p}/tracking-links/{id}", trackingId,
                                link.get("id")).headers(h -> h.setBearerAuth(route.ops())).exchange()
                                .expectStatus().isNoContent()).start();
                    }
                })
                .collectList().block(Duration.ofSeconds(30));
        assertThat(seen).first().isEqualTo("state");
        assertThat(seen).doesNotContain("ended");
    }

    private boolean revoking;

    private boolean delivering;

    /** Delivers once, from another thread than the stream's. */
    private void deliverLater(Stop stop) {
        if (!delivering) {
            delivering = true;
            new Thread(() -> deliver(stop)).start();
        }
    }

    private void forgetRateLimits() {
        redis.keys("doorstep:rate:track:*").flatMap(redis::delete).then().block(Duration.ofSeconds(5));
    }

    private String link(String trackingId) {
        Map<?, ?> link = http.post().uri("/v1/packages/{p}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(route.ops())).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) link.get("token");
    }

    private Map<String, Object> track(String token) {
        return http.get().uri("/v1/track/{token}", token).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private void sendPing(double lat, double lon) {
        http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(route.driverToken()))
                .bodyValue(batch(List.of(ping(Instant.now(), lat, lon)))).exchange().expectStatus().isOk();
    }

    private void deliver(Stop stop) {
        uploads.upload(route.driverToken(), stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                photo(TestImages.jpeg(320, 240))).expectStatus().isCreated();
    }
}
