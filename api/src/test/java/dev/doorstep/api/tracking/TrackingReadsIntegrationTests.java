package dev.doorstep.api.tracking;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.SecondNode;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestClock;
import dev.doorstep.api.support.TestImages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public tracking reads from memory: resolved links kept for {@code resolved-max-age} (1 s), views for
 * {@code view-max-age} (0 in the shared test app, 10 minutes on a second node here), and one stream per package.
 */
class TrackingReadsIntegrationTests extends ApiIntegrationTest {

    @Autowired
    TestClock clock;

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactiveStringRedisTemplate redis;

    private StartedRoute route;

    @BeforeEach
    void routeInProgress() {
        redis.keys("doorstep:rate:track:*").flatMap(redis::delete).then().block(Duration.ofSeconds(5));
        route = startedRoute(3, 60);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aLinkRevokedHereStopsWorkingAtOnceThoughItsResolutionIsKept() {
        String trackingId = route.stops().get(0).trackingIds().get(0);
        Map<?, ?> link = resolvedAtAFrozenInstant(trackingId);

        revoke(trackingId, link);

        track(http, (String) link.get("token")).expectStatus().isNotFound();
    }

    @Test
    void aLinkRevokedElsewhereStopsWorkingHereWithinTheKeptTime() {
        Map<?, ?> link = resolvedAtAFrozenInstant(route.stops().get(0).trackingIds().get(0));

        // Another node's revocation: this node is not told, and answers from what it resolved for up to 1 s.
        db.sql("UPDATE tracking_links SET revoked_at = now() WHERE id = :id").bind("id", link.get("id"))
                .fetch().rowsUpdated().block(Duration.ofSeconds(5));
        track(http, (String) link.get("token")).expectStatus().isOk();
        clock.advance(Duration.ofMillis(999));
        track(http, (String) link.get("token")).expectStatus().isOk();
        clock.advance(Duration.ofMillis(1));

        track(http, (String) link.get("token")).expectStatus().isNotFound();
    }

    @Test
    void aKeptViewAnswersForItsMaxAgeButNeverOutlivesItsLinksRevocation() {
        Stop stop = route.stops().get(0);
        String trackingId = stop.trackingIds().get(0);
        Map<?, ?> link = createLink(trackingId);
        try (SecondNode node = SecondNode.start(port, "--doorstep.tracking.customer.view-max-age=10m")) {
            WebTestClient onB = client(node.port());
            assertThat(status(onB, link)).isEqualTo("OUT_FOR_DELIVERY");

            deliver(stop);

            assertThat(status(onB, link)).as("kept on node B for 10 minutes").isEqualTo("OUT_FOR_DELIVERY");
            assertThat(status(http, link)).as("computed on each read here").isEqualTo("DELIVERED");
            onB.delete().uri("/v1/packages/{p}/tracking-links/{id}", trackingId, link.get("id"))
                    .headers(h -> h.setBearerAuth(route.ops())).exchange().expectStatus().isNoContent();
            track(onB, (String) link.get("token")).expectStatus().isNotFound();
        }
    }

    @Test
    void aNodeKeepingViewsShowsEachPackageInItsOwnStationsTimeZone() {
        Map<String, Object> berlin = new HashMap<>(stationBody("Station " + unique()));
        berlin.put("timeZone", "Europe/Berlin");
        String berlinStation = (String) http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(route.ops()))
                .bodyValue(berlin).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("id");
        String inBerlin = new PlanningFixture(http, route.ops()).importPackages(berlinStation, 1, 7).keySet()
                .iterator().next();
        List<Map<?, ?>> seattle = route.stops().stream()
                .<Map<?, ?>>map(stop -> createLink(stop.trackingIds().get(0))).toList();
        Map<?, ?> berlinLink = createLink(inBerlin);
        try (SecondNode node = SecondNode.start(port, "--doorstep.tracking.customer.view-max-age=10m")) {
            WebTestClient onB = client(node.port());
            // The station's zone is kept per station on a node that keeps views: one read for its many packages.
            for (Map<?, ?> link : seattle) {
                assertThat(field(onB, link, "timeZone")).isEqualTo("America/Los_Angeles");
            }
            assertThat(field(onB, berlinLink, "timeZone")).isEqualTo("Europe/Berlin");
        }
    }

    @Test
    void viewersOfOnePackageShareItsStreamAndEachSeesTheStateThenTheEnd() throws Exception {
        Stop stop = route.stops().get(0);
        String token = (String) createLink(stop.trackingIds().get(0)).get("token");
        CountDownLatch bothSawTheState = new CountDownLatch(2);
        CompletableFuture<List<String>> first = events(token, bothSawTheState);
        CompletableFuture<List<String>> second = events(token, bothSawTheState);
        assertThat(bothSawTheState.await(30, TimeUnit.SECONDS)).isTrue();

        deliver(stop);

        for (CompletableFuture<List<String>> viewer : List.of(first, second)) {
            assertThat(viewer.get(30, TimeUnit.SECONDS)).startsWith("state").endsWith("ended");
        }
    }

    /** The stream's event names until it ends; counts {@code opened} down at its first. */
    private CompletableFuture<List<String>> events(String token, CountDownLatch opened) {
        AtomicBoolean first = new AtomicBoolean(true);
        return http.get().uri("/v1/track/{token}/events", token).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> e.event() != null)
                .map(ServerSentEvent::event)
                .doOnNext(e -> {
                    if (first.getAndSet(false)) {
                        opened.countDown();
                    }
                })
                .collectList().toFuture();
    }

    /** A new link of the package, opened once with the clock frozen: this node now keeps its resolution. */
    private Map<?, ?> resolvedAtAFrozenInstant(String trackingId) {
        Map<?, ?> link = createLink(trackingId);
        clock.setTo(clock.instant());
        track(http, (String) link.get("token")).expectStatus().isOk();
        return link;
    }

    private String status(WebTestClient client, Map<?, ?> link) {
        return field(client, link, "status");
    }

    private static String field(WebTestClient client, Map<?, ?> link, String name) {
        return (String) track(client, (String) link.get("token")).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get(name);
    }

    private static WebTestClient.ResponseSpec track(WebTestClient client, String token) {
        return client.get().uri("/v1/track/{token}", token).exchange();
    }

    private Map<?, ?> createLink(String trackingId) {
        return http.post().uri("/v1/packages/{p}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(route.ops())).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private void revoke(String trackingId, Map<?, ?> link) {
        http.delete().uri("/v1/packages/{p}/tracking-links/{id}", trackingId, link.get("id"))
                .headers(h -> h.setBearerAuth(route.ops())).exchange().expectStatus().isNoContent();
    }

    private void deliver(Stop stop) {
        new DeliveryFixture(http).upload(route.driverToken(), stop.id(), null,
                DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null), photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated();
    }
}
