package dev.doorstep.api.driver;

import static dev.doorstep.api.driver.WireMockFcm.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.StartedRoute;
import java.util.List;
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
 * The exception check on its own timer finds a driver whose phone went silent on a route in progress, and the
 * driver app gets a push asking it to reopen tracking (real Firebase Admin SDK against a WireMock FCM).
 */
@Import(WireMockFcm.class)
@TestPropertySource(properties = {
        "doorstep.tracking.exceptions.check-every=200ms",
        "doorstep.notifications.relay.enabled=true",
        "doorstep.notifications.relay.interval=50ms",
        "doorstep.notifications.push.enabled=true",
        "doorstep.notifications.push.poll-interval=50ms",
        "doorstep.notifications.push.claim-idle=2s",
        "doorstep.notifications.push.give-up-after=8s",
        "doorstep.notifications.push.backoff-initial=200ms",
        "doorstep.notifications.push.backoff-max=500ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TrackingSilentPushIntegrationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void acceptEveryPush() {
        WireMockFcm.acceptEveryPush();
    }

    @AfterAll
    static void stopFcm() {
        WireMockFcm.SERVER.resetAll();
    }

    @Test
    void aDriverSilentForFiveMinutesOnItsRouteIsAskedInItsLanguageToReopenTracking() {
        StartedRoute route = startedRoute(4, 300);
        String device = "fcm-drv-" + unique() + unique();
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(route.driverToken()))
                .bodyValue(Map.of("token", device, "platform", "ANDROID", "locale", "es")).exchange()
                .expectStatus().isCreated();
        db.sql("UPDATE routes SET started_at = now() - interval '6 minutes' WHERE id = :id")
                .bind("id", route.routeId()).then().block();

        awaitTrue(() -> db.sql("SELECT count(*) FROM route_exceptions WHERE route_id = :r AND kind = 'NO_PINGS'")
                .bind("r", route.routeId()).map(row -> row.get(0, Long.class)).one().block() == 1,
                "the timer's check opening NO_PINGS");
        awaitTrue(() -> !pushes(device).isEmpty(), "a TrackingSilent push to " + device);
        List<JsonNode> pushes = pushes(device);
        assertThat(pushes).hasSize(1);
        JsonNode push = pushes.get(0);
        assertThat(push.at("/message/notification/title").asString()).isEqualTo("El seguimiento se detuvo");
        assertThat(push.at("/message/notification/body").asString())
                .isEqualTo("Hace un rato que no recibimos tu ubicación. Abre la app para reactivar el seguimiento.");
        assertThat(push.at("/message/data/action").asString()).isEqualTo("REOPEN_TRACKING");
        assertThat(push.at("/message/data/routeId").asString()).isEqualTo(route.routeId());
        String exceptionId = push.at("/message/data/exceptionId").asString();
        assertThat(db.sql("SELECT kind FROM route_exceptions WHERE id = :id").bind("id", exceptionId)
                .map(row -> row.get(0, String.class)).one().block()).isEqualTo("NO_PINGS");
    }

    private static List<JsonNode> pushes(String token) {
        return WireMockFcm.requestsTo(token).stream().map(WireMockFcm::body)
                .filter(b -> "TrackingSilent".equals(b.at("/message/data/type").asString())).toList();
    }
}
