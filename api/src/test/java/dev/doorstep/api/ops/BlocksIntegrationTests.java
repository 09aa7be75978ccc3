package dev.doorstep.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

class BlocksIntegrationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    private String ops;
    private String station;

    @BeforeEach
    void station() {
        ops = opsToken();
        Map<String, Object> body = new HashMap<>(stationBody("Blocks " + unique()));
        body.put("timeZone", "Asia/Kolkata");
        station = (String) http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops)).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    @Test
    void creatingThreeIdenticalBlocksAnswersEachWithItsIdInTheStationsTime() {
        Map<?, ?> created = create(draft(Map.of("count", 3, "startsAt", "2030-01-15T03:00:00Z")))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        List<?> items = (List<?>) created.get("items");
        assertThat(items).hasSize(3);
        assertThat(items.stream().map(b -> ((Map<?, ?>) b).get("id")).distinct()).hasSize(3);
        Map<?, ?> first = (Map<?, ?>) items.get(0);
        assertThat(first.get("startsAt")).isEqualTo("2030-01-15T08:30:00+05:30");
        assertThat(first.get("endsAt")).isEqualTo("2030-01-15T12:30:00+05:30");
        assertThat(first.get("status")).isEqualTo("OFFERED");
        assertThat(first.get("timeZone")).isEqualTo("Asia/Kolkata");
        http.get().uri("/v1/stations/{id}/blocks?limit=2", station).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.next").isNotEmpty();
    }

    @Test
    void aBlockOfTheWrongLengthOrKindOrInThePastIsRefusedNamingTheField() {
        create(draft(Map.of("durationMinutes", 59))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("durationMinutes");
        create(draft(Map.of("durationMinutes", 481))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("durationMinutes");
        create(draft(Map.of("serviceType", "GROCERY"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("serviceType");
        create(draft(Map.of("startsAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()))).expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("startsAt");
        create(draft(Map.of("routeId", "rt_nowhere"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("routeId");
        create(draft(Map.of("pay", Map.of("amount", 10, "currency", "dollars")))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("pay.currency");
    }

    @Test
    void aBlockIsNotFoundThroughAnotherStation() {
        String block = firstId(create(draft(Map.of())));
        http.get().uri("/v1/stations/{id}/blocks/{block}", createStation(ops), block).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/stations/{id}/blocks/{block}", station, block).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk();
    }

    @Test
    void cancellingAHeldBlockTellsItsDriver() {
        String block = firstId(create(draft(Map.of())));
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Held", "kind", "FLEX", "homeStationId", station, "phone", "+15550100101"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String driverId = (String) driver.get("id");
        http.post().uri("/v1/driver/offers/{id}/claim", block).headers(h -> h.setBearerAuth(token(driverId, "DRIVER")))
                .exchange().expectStatus().isOk();

        cancel(block).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CANCELLED").jsonPath("$.driverId").isEmpty();

        String payload = db.sql("SELECT payload::text AS p FROM outbox WHERE aggregate_id = :id "
                        + "AND event_type = 'BlockCancelled'").bind("id", block)
                .map(row -> row.get("p", String.class)).one().block();
        assertThat(payload).contains("\"driverId\": \"" + driverId + "\"");
        cancel(block).expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("NOT_CANCELLABLE");
    }

    private WebTestClient.ResponseSpec cancel(String block) {
        return http.post().uri("/v1/stations/{id}/blocks/{block}/cancel", station, block)
                .headers(h -> h.setBearerAuth(ops)).exchange();
    }

    private WebTestClient.ResponseSpec create(Map<String, Object> draft) {
        return http.post().uri("/v1/stations/{id}/blocks", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(draft).exchange();
    }

    private static String firstId(WebTestClient.ResponseSpec created) {
        Map<?, ?> body = created.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) ((List<?>) body.get("items")).get(0)).get("id");
    }

    private static Map<String, Object> draft(Map<String, Object> changes) {
        Map<String, Object> draft = new HashMap<>(Map.of("startsAt", Instant.now().plus(2, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.HOURS).toString(), "durationMinutes", 240,
                "pay", Map.of("amount", 95.5, "currency", "INR"), "serviceType", "LOGISTICS"));
        draft.putAll(changes);
        return draft;
    }
}
