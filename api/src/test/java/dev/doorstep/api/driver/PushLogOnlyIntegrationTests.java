package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.dispatch.events.BlockCancelled;
import dev.doorstep.notifications.push.Pushes;
import dev.doorstep.notifications.relay.StreamEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/** Without FCM credentials (the shared test context): pushes are logged and recorded, health says so. */
class PushLogOnlyIntegrationTests extends ApiIntegrationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Pushes pushes;
    @Autowired
    DatabaseClient db;

    @Test
    void withoutCredentialsHealthReportsLogOnlyAndPushesAreLoggedNotSent() {
        HealthIndicator fcm = context.getBean("fcmHealthIndicator", HealthIndicator.class);
        assertThat(fcm.health().getDetails()).containsEntry("mode", "log-only");
        plainClient(port).get().uri("/actuator/health").headers(h -> h.setBearerAuth(token("monitoring", "SERVICE")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.fcm.status").isEqualTo("UP");

        String ops = opsToken();
        String station = createStation(ops);
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Log Only", "kind", "FLEX", "homeStationId", station, "phone", "+12065550100"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String driverId = (String) driver.get("id");
        String token = "fcm-log-" + unique();
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(token(driverId, "DRIVER")))
                .bodyValue(Map.of("token", token, "platform", "IOS")).exchange().expectStatus().isCreated();
        long eventId = System.currentTimeMillis() * 10 + 7;
        pushes.deliver(new StreamEvent(eventId, "blk_log", new BlockCancelled("blk_log", station, driverId,
                OffsetDateTime.now()), Instant.now()))
                .block();
        assertThat(db.sql("SELECT state FROM push_sends WHERE event_id = :e AND token = :t").bind("e", eventId)
                .bind("t", token).map(row -> row.get(0, String.class)).one().block()).isEqualTo("LOGGED");
    }
}
