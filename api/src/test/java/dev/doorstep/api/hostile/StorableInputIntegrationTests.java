package dev.doorstep.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Input that PostgreSQL could not store (a NUL character, a date outside years 1970 to 9999) is a 400 naming the
 * field, whatever the field, path or query parameter, instead of a 500 when the row is written.
 */
class StorableInputIntegrationTests extends ApiIntegrationTest {

    private static final String NUL_REASON = "must not contain the NUL character (U+0000)";
    private static final String YEARS_REASON = "must be between years 1970 and 9999";

    private static StartedRoute route;

    private String ops;
    private String station;

    @BeforeEach
    void station() {
        ops = opsToken();
        station = createStation(ops);
        if (route == null) {
            route = startedRoute(1, 10);
        }
    }

    @Test
    void aNulInAStationNameIsA400NamingTheField() {
        http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops)).bodyValue(stationBody("Depot\u0000 1"))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].reason").isEqualTo(NUL_REASON);
    }

    @Test
    void aManifestLineWithANulRecipientOrAWindowPastYear9999IsRejectedAloneNamingTheField() {
        Map<String, Object> nul = pkg("HOSTILE" + unique());
        nul.put("recipientName", "Jo\u0000Doe");
        Map<String, Object> farFuture = pkg("HOSTILE" + unique());
        farFuture.put("window", Map.of("from", "2026-11-24T09:00:00-08:00", "to", "+294277-01-01T00:00:00Z"));
        http.post().uri("/v1/stations/{id}/packages", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("packages", List.of(pkg("HOSTILE" + unique()), nul, farFuture))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(1)
                .jsonPath("$.rejected").isEqualTo(2)
                .jsonPath("$.results[1].errors[0].field").isEqualTo("recipientName")
                .jsonPath("$.results[2].errors[0].field").isEqualTo("window.to")
                .jsonPath("$.results[2].errors[0].reason").isEqualTo(YEARS_REASON);
    }

    @Test
    void aBlockStartingInYear294277IsA400NamingStartsAt() {
        Map<String, Object> block = Map.of("startsAt", "+294277-01-01T00:00:00Z", "durationMinutes", 240,
                "pay", Map.of("amount", 95.5, "currency", "USD"), "serviceType", "LOGISTICS");
        http.post().uri("/v1/stations/{id}/blocks", station).headers(h -> h.setBearerAuth(ops)).bodyValue(block)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("startsAt")
                .jsonPath("$.errors[0].reason").isEqualTo(YEARS_REASON);
    }

    @Test
    void aPlanForTheLastDayJavaKnowsIsA400NamingDate() {
        Map<String, Object> plan = Map.of("date", "+999999999-12-31", "fleet",
                List.of(PlanningFixture.fleetEntry(10, 1)), "serviceSecondsPerStop", 0,
                "serviceSecondsPerExtraPackage", 0, "timeBudgetSeconds", 1);
        http.post().uri("/v1/stations/{id}/plans", station).headers(h -> h.setBearerAuth(ops)).bodyValue(plan)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("date");
    }

    @Test
    void aDeliveryCapturedIn4714BcOrNamingANulPackageIsA400NamingTheAttemptField() {
        DeliveryFixture.Stop stop = route.stops().get(0);
        DeliveryFixture deliveries = new DeliveryFixture(http);
        Map<String, Object> ancient = new HashMap<>(DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null));
        ancient.put("capturedAt", "-4714-11-24T00:00:00Z");
        deliveries.upload(route.driverToken(), stop.id(), null, ancient,
                        DeliveryFixture.Image.photo(TestImages.jpeg(64, 48)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("attempt.capturedAt");
        Map<String, Object> nul = new HashMap<>(DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null));
        nul.put("packages", List.of(Map.of("trackingId", "PKG\u0000", "outcome", "DELIVERED")));
        deliveries.upload(route.driverToken(), stop.id(), null, nul, DeliveryFixture.Image.photo(TestImages.jpeg(64, 48)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("attempt.packages[0].trackingId");
    }

    @Test
    void aNulInADeviceTokenIsA400ForDriversAndCustomers() {
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(route.driverToken()))
                .bodyValue(Map.of("token", "fcm\u0000token", "platform", "ANDROID")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
        String trackingId = route.stops().get(0).trackingIds().get(0);
        Map<?, ?> link = http.post().uri("/v1/packages/{id}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(route.ops())).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/v1/track/{token}/devices", link.get("token"))
                .bodyValue(Map.of("token", "fcm\u0000token")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
    }

    @Test
    void aNulInAPathQueryOrFormParameterAndAQueryDatePastYear9999Are400s() {
        RawHttp raw = new RawHttp(port);
        RawHttp.Answer path = raw.send("GET", "/v1/stations/st%00x", ops);
        assertThat(path.status()).as(path.summary()).isEqualTo(400);
        assertThat(path.body()).contains("\"field\":\"path\"");
        RawHttp.Answer query = raw.send("GET", "/v1/drivers?dspId=a%00b", ops);
        assertThat(query.status()).as(query.summary()).isEqualTo(400);
        assertThat(query.body()).contains("\"field\":\"dspId\"");
        RawHttp.Answer date = raw.send("GET", "/v1/dsp/routes?date=%2B999999999-12-31", dispatcherToken(route.dsp()));
        assertThat(date.status()).as(date.summary()).isEqualTo(400);
        assertThat(date.body()).contains("\"field\":\"date\"");
        RawHttp.Answer form = raw.send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&client_id=dsp-portal&username=a%00b&password=x".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).as(form.summary()).isEqualTo(400);
        assertThat(form.body()).contains("\"field\":\"username\"");
    }

    @Test
    void aPersonaTokenAskedWithANullRoleIsA400NamingIt() {
        http.post().uri("/local/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sub\":\"x\",\"roles\":[null]}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("roles[0]");
    }

    @Test
    void aPhotoWhoseColourProfileInflatesTo600MegabytesIsRefusedBeforeAnyReaderInflatesIt() {
        DeliveryFixture.Stop stop = route.stops().get(0);
        byte[] bomb = TestImages.pngWithChunk(TestImages.png(16, 16), "iCCP", "ICC profile", 600 << 20);
        new DeliveryFixture(http).upload(route.driverToken(), stop.id(), null,
                        DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                        new DeliveryFixture.Image("photo", bomb, MediaType.IMAGE_PNG, "door.png"))
                .expectStatus().isEqualTo(415).expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("iCCP"));
    }

    private static Map<String, Object> pkg(String trackingId) {
        return new HashMap<>(Map.of("trackingId", trackingId, "recipientName", "Jo Doe",
                "address", "123 Pine St, Seattle", "location", Map.of("lat", 47.61, "lon", -122.33),
                "window", Map.of("from", "2026-11-24T09:00:00-08:00", "to", "2026-11-24T21:00:00-08:00"),
                "weightKg", 1.2, "lengthCm", 30, "widthCm", 20, "heightCm", 10));
    }
}
