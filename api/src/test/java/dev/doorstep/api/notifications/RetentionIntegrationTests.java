package dev.doorstep.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.notifications.push.Retention;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

/** The pipeline's bookkeeping is deleted after its time, and never an unrelayed event or a send in flight. */
class RetentionIntegrationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    Retention retention;

    @Test
    void oldRelayedEventsAndFinishedSendsGoWhileUnrelayedEventsAndSendsInFlightStay() {
        Instant now = Instant.now();
        String tag = "retention-" + unique();
        long oldRelayed = outbox(tag, now.minus(Duration.ofDays(8)));
        long recentRelayed = outbox(tag, now.minus(Duration.ofDays(6)));
        long unrelayed = outbox(tag, null);
        send(oldRelayed, "old-sent-" + tag, "SENT", now.minus(Duration.ofDays(31)));
        send(oldRelayed, "old-in-flight-" + tag, "SENDING", null);
        send(recentRelayed, "recent-sent-" + tag, "SENT", now.minus(Duration.ofDays(29)));
        arriving("OLD-" + tag, now.minus(Duration.ofDays(31)));
        arriving("NEW-" + tag, now.minus(Duration.ofDays(1)));

        assertThat(retention.clean(now).block(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(3L);

        assertThat(ids("SELECT id FROM outbox WHERE aggregate_id = :tag", tag))
                .containsExactlyInAnyOrder(Long.toString(recentRelayed), Long.toString(unrelayed));
        assertThat(ids("SELECT token AS id FROM push_sends WHERE token LIKE '%' || :tag", tag))
                .containsExactlyInAnyOrder("old-in-flight-" + tag, "recent-sent-" + tag);
        assertThat(ids("SELECT tracking_id AS id FROM arriving_pushes WHERE route_id = :tag", tag))
                .containsExactly("NEW-" + tag);
        assertThat(retention.clean(now).block(Duration.ofSeconds(30))).as("nothing of ours left to delete").isZero();
    }

    private long outbox(String tag, Instant relayedAt) {
        return db.sql("INSERT INTO outbox (event_type, aggregate_id, payload, relayed_at) "
                        + "VALUES ('RetentionProbe', :tag, '{}'::jsonb, :relayed) RETURNING id")
                .bind("tag", tag)
                .bind("relayed", Parameter.fromOrEmpty(relayedAt == null ? null : relayedAt.atOffset(ZoneOffset.UTC),
                        java.time.OffsetDateTime.class))
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private void send(long eventId, String token, String state, Instant finishedAt) {
        db.sql("INSERT INTO push_sends (event_id, token, state, claimed_by, finished_at) "
                        + "VALUES (:event, :token, :state, 'test', :finished)")
                .bind("event", eventId).bind("token", token).bind("state", state)
                .bind("finished", Parameter.fromOrEmpty(finishedAt == null ? null
                        : finishedAt.atOffset(ZoneOffset.UTC), java.time.OffsetDateTime.class))
                .then().block();
    }

    private void arriving(String trackingId, Instant dueAt) {
        db.sql("INSERT INTO arriving_pushes (tracking_id, route_id, event_id, stops_away, due_at) "
                        + "VALUES (:p, :r, 0, 3, :due)")
                .bind("p", trackingId).bind("r", trackingId.substring(trackingId.indexOf('-') + 1))
                .bind("due", dueAt.atOffset(ZoneOffset.UTC)).then().block();
    }

    private java.util.List<String> ids(String sql, String tag) {
        return db.sql(sql).bind("tag", tag).map(row -> String.valueOf(row.get("id"))).all().collectList().block();
    }
}
