package dev.doorstep.api.tracking;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestClock;
import dev.doorstep.api.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

class TrackingLinksIntegrationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    TestClock clock;

    private String ops;
    private String driverToken;
    private List<Stop> stops;

    @BeforeEach
    void routeInProgress() {
        StartedRoute started = startedRoute(12, 60);
        ops = started.ops();
        driverToken = started.driverToken();
        stops = started.stops();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void tokensCarry256RandomBitsAndOnlyTheirHashIsStored() throws Exception {
        String trackingId = stops.get(0).trackingIds().get(0);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Map<?, ?> link = createLink(trackingId);
            String token = (String) link.get("token");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            assertThat((String) link.get("url")).endsWith("/track/" + token).startsWith("http");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(20);
        List<byte[]> stored = db.sql("SELECT token_hash FROM tracking_links WHERE tracking_id = :id")
                .bind("id", trackingId).map(r -> r.get("token_hash", byte[].class)).all().collectList().block();
        Set<String> hashes = new HashSet<>();
        stored.forEach(h -> hashes.add(Base64.getEncoder().encodeToString(h)));
        for (String token : tokens) {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            assertThat(hashes).contains(Base64.getEncoder().encodeToString(sha));
        }
        String everything = db.sql("SELECT string_agg(t::text, ' ') AS all FROM tracking_links t")
                .map(r -> r.get("all", String.class)).one().block();
        tokens.forEach(token -> assertThat(everything).doesNotContain(token));
    }

    @Test
    void unknownRevokedAndExpiredTokensGetTheSame404() {
        Stop stop = stops.get(0);
        String trackingId = stop.trackingIds().get(0);
        Map<?, ?> revoked = createLink(trackingId);
        Map<?, ?> expiring = createLink(trackingId);
        track((String) revoked.get("token")).expectStatus().isOk();

        http.delete().uri("/v1/packages/{p}/tracking-links/{id}", trackingId, revoked.get("id"))
                .headers(h -> h.setBearerAuth(token("shipper", "SERVICE"))).exchange().expectStatus().isNoContent();
        http.delete().uri("/v1/packages/{p}/tracking-links/{id}", stops.get(1).trackingIds().get(0), expiring.get("id"))
                .headers(h -> h.setBearerAuth(ops)).exchange().expectStatus().isNotFound();

        new DeliveryFixture(http).upload(driverToken, stop.id(), null,
                        DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null), photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated();
        track((String) expiring.get("token")).expectStatus().isOk();
        Map<?, ?> afterDelivery = createLink(trackingId);
        Instant expiresAt = Instant.parse((String) afterDelivery.get("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofHours(71)), Instant.now().plus(Duration.ofHours(73)));

        clock.setTo(expiresAt.plusSeconds(1));
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Map<?, ?> expected = notFound(unknown);
        for (String token : List.of((String) revoked.get("token"), (String) expiring.get("token"),
                (String) afterDelivery.get("token"))) {
            Map<?, ?> problem = notFound(token);
            for (String field : List.of("type", "title", "status", "detail")) {
                assertThat(problem.get(field)).isEqualTo(expected.get(field));
            }
        }
        // The page: a browser gets one friendly HTML answer for all three, still a 404; other clients the problem.
        String page = notFoundPage(unknown, "en-US,en;q=0.9");
        assertThat(page).contains("This tracking link is not valid").doesNotContain(trackingId);
        assertThat(notFoundPage(unknown, "es-MX,es;q=0.9")).contains("Este enlace de seguimiento no es válido");
        for (String token : List.of((String) revoked.get("token"), (String) expiring.get("token"),
                (String) afterDelivery.get("token"))) {
            assertThat(notFoundPage(token, "en-US,en;q=0.9")).isEqualTo(page);
            http.get().uri("/track/{token}", token).accept(MediaType.ALL).exchange().expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo(expected.get("detail"));
        }
    }

    private String notFoundPage(String token, String languages) {
        return http.get().uri("/track/{token}", token)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", languages).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void everyPackageGetsItsOwnLinkWhenItsRouteStartsAndOnlyItsHashIsStored() throws Exception {
        Set<String> tokens = new HashSet<>();
        int packages = 0;
        for (Stop stop : stops) {
            for (String trackingId : stop.trackingIds()) {
                packages++;
                Map<String, Object> automatic = automaticLink(trackingId);
                String url = (String) automatic.get("url");
                String token = url.substring(url.lastIndexOf('/') + 1);
                assertThat(url).startsWith("http").endsWith("/track/" + token);
                assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
                assertThat(automatic.get("expiresAt")).isNull();
                assertThat(automatic.get("revokedAt")).isNull();
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                assertThat(db.sql("SELECT token_hash FROM tracking_links WHERE id = :id")
                        .bind("id", automatic.get("id")).map(r -> r.get(0, byte[].class)).one().block()).isEqualTo(sha);
                tokens.add(token);
            }
        }
        assertThat(tokens).hasSize(packages);
        String everything = db.sql("SELECT string_agg(t::text, ' ') AS all FROM tracking_links t")
                .map(r -> r.get("all", String.class)).one().block();
        tokens.forEach(token -> assertThat(everything).doesNotContain(token));

        String first = stops.get(0).trackingIds().get(0);
        String url = (String) automaticLink(first).get("url");
        assertThat(automaticLink(first).get("url")).as("the same link is named again").isEqualTo(url);
        Map<?, ?> state = track(url.substring(url.lastIndexOf('/') + 1)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(state.get("trackingId")).isEqualTo(first);
    }

    @Test
    void aRevokedAutomaticLinkStopsWorkingAndIsNotNamedAgain() {
        String trackingId = stops.get(1).trackingIds().get(0);
        Map<String, Object> automatic = automaticLink(trackingId);
        String url = (String) automatic.get("url");
        Map<?, ?> shared = createLink(trackingId);
        http.delete().uri("/v1/packages/{p}/tracking-links/{id}", trackingId, automatic.get("id"))
                .headers(h -> h.setBearerAuth(ops)).exchange().expectStatus().isNoContent();

        notFound(url.substring(url.lastIndexOf('/') + 1));
        List<Map<String, Object>> links = links(trackingId);
        assertThat(links).hasSize(2);
        Map<String, Object> revoked = links.stream().filter(l -> Boolean.TRUE.equals(l.get("automatic")))
                .findFirst().orElseThrow();
        assertThat(revoked.get("url")).isNull();
        assertThat(revoked.get("revokedAt")).isNotNull();
        Map<String, Object> other = links.stream().filter(l -> l.get("id").equals(shared.get("id"))).findFirst()
                .orElseThrow();
        assertThat(other.get("url")).as("a shipper's token is shown only once").isNull();
        track((String) shared.get("token")).expectStatus().isOk();
    }

    @Test
    void listingTheLinksOfAnUnknownPackageIs404AndNeedsShipperOrOps() {
        http.get().uri("/v1/packages/{p}/tracking-links", "NOPE0000").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/packages/{p}/tracking-links", stops.get(0).trackingIds().get(0))
                .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isForbidden();
    }

    @Test
    void askingALinkForAnUnknownPackageIs404() {
        http.post().uri("/v1/packages/{p}/tracking-links", "NOPE0000").headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isNotFound();
    }

    private Map<?, ?> createLink(String trackingId) {
        return http.post().uri("/v1/packages/{p}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(token("shipper", "SERVICE"))).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> links(String trackingId) {
        Map<?, ?> body = http.get().uri("/v1/packages/{p}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(token("shipper", "SERVICE"))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) body.get("items");
    }

    private Map<String, Object> automaticLink(String trackingId) {
        List<Map<String, Object>> automatic = links(trackingId).stream()
                .filter(l -> Boolean.TRUE.equals(l.get("automatic"))).toList();
        assertThat(automatic).as("one automatic link of " + trackingId).hasSize(1);
        return automatic.get(0);
    }

    private Map<?, ?> notFound(String token) {
        return track(token).expectStatus().isNotFound().expectBody(Map.class).returnResult().getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec track(String token) {
        return http.get().uri("/v1/track/{token}", token).exchange();
    }
}
