package dev.doorstep.api.nodes;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.dispatch.planning.PlanQueue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * Three app nodes behind Debian's HAProxy, sharing one PostgreSQL and one Redis: node a is the shared test app
 * (solves 2 plans at once, no relay, no pushes), b and c are JVMs of their own, both relaying and pushing to a WireMock
 * FCM, b solving no plans, c one at a time. The last test kills c with {@code kill -9} under load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesIntegrationTests extends ApiIntegrationTest {

    /** The push consumers' group of nodes b and c, created at the stream's end: the suite's older events stay unsent. */
    private static final String PUSH_GROUP = "several-nodes";

    @Autowired
    private Environment shared;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private PlanQueue queue;
    @Autowired
    private ReactiveStringRedisTemplate redis;

    private final WireMockServer fcm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    private AppNode b;
    private AppNode c;
    private HaProxy proxy;
    private WebTestClient viaProxy;

    @BeforeAll
    void startNodes() throws Exception {
        fcm.start();
        fcm.stubFor(post(urlPathEqualTo("/token")).willReturn(
                okJson("{\"access_token\":\"nodes\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        fcm.stubFor(post(urlPathMatching("/v1/projects/.*/messages:send")).willReturn(
                okJson("{\"name\":\"projects/doorstep-nodes/messages/0:accepted\"}")));
        String stream = shared.getProperty("doorstep.notifications.relay.stream", "doorstep:events");
        redis.execute(conn -> conn.streamCommands().xGroupCreate(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8)),
                PUSH_GROUP, ReadOffset.latest(), true)).onErrorComplete().blockLast(Duration.ofSeconds(10));
        Map<String, String> pushing = Map.of("doorstep.notifications.relay.enabled", "true",
                "doorstep.notifications.relay.interval", "200ms", "doorstep.notifications.push.enabled", "true",
                "doorstep.notifications.push.group", PUSH_GROUP,
                "doorstep.notifications.push.reminder-scan-interval", "200ms",
                "doorstep.notifications.fcm.credentials-file", FcmAccount.file().toString(),
                "doorstep.notifications.fcm.endpoint-override", "http://127.0.0.1:" + fcm.port());
        CompletableFuture<AppNode> startingB = CompletableFuture.supplyAsync(() -> started("b", pushing,
                Map.of("doorstep.dispatch.planning.queue.solves-at-once", "0")));
        CompletableFuture<AppNode> startingC = CompletableFuture.supplyAsync(() -> started("c", pushing,
                Map.of("doorstep.dispatch.planning.queue.solves-at-once", "1",
                        // Short, for a quick takeover once c is killed; long enough for a heartbeat on a busy machine.
                        "doorstep.dispatch.planning.queue.lease", "8s")));
        b = startingB.join();
        c = startingC.join();
        proxy = HaProxy.over(Map.of("a", port, "b", b.port(), "c", c.port()));
        viaProxy = client(proxy.port());
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {proxy, b, c}) {
            if (closing != null) {
                closing.close();
            }
        }
        fcm.stop();
    }

    @Test
    @Order(1)
    void viewersOnEveryNodeSeeEachPingWhicheverNodeTookIt() {
        String ops = opsToken();
        String dsp = createDsp(ops);
        String driver = Fleet.driver(http, ops, dsp, createStation(ops));
        String driverToken = token(driver, "DRIVER");
        Map<String, List<Double>> seenBy = new ConcurrentHashMap<>();
        List<Disposable> viewers = new ArrayList<>();
        for (Map.Entry<String, Integer> node : Map.of("a", port, "b", b.port(), "c", c.port()).entrySet()) {
            List<Double> seen = new CopyOnWriteArrayList<>();
            seenBy.put(node.getKey(), seen);
            viewers.add(client(node.getValue()).mutate().responseTimeout(Duration.ofMinutes(2)).build()
                    .get().uri("/v1/dsp/live").headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                    .getResponseBody()
                    .filter(e -> "position".equals(e.event()) && driver.equals(e.data().get("driverId")))
                    .subscribe(e -> seen.add(((Number) e.data().get("lat")).doubleValue())));
        }
        try {
            // Pings through the proxy until every viewer has seen pings taken by each of the other two nodes (the
            // viewers' subscriptions may still be starting at first).
            Map<Double, String> servedBy = new ConcurrentHashMap<>();
            double lat = 47.6;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!seenFromEveryOtherNode(seenBy, servedBy) && Instant.now().isBefore(deadline)) {
                lat += 0.0001;
                servedBy.put(lat, pingVia(viaProxy, driverToken, lat));
                sleep(Duration.ofMillis(200));
            }
            assertThat(seenFromEveryOtherNode(seenBy, servedBy)).as("viewers on a, b and c saw pings that the other"
                    + " nodes took: " + seenBy + " of " + servedBy).isTrue();
        } finally {
            viewers.forEach(Disposable::dispose);
        }
    }

    /** Whether each node's viewer saw pings taken by both other nodes. */
    private static boolean seenFromEveryOtherNode(Map<String, List<Double>> seenBy, Map<Double, String> servedBy) {
        return seenBy.entrySet().stream().allMatch(viewer -> viewer.getValue().stream().map(servedBy::get)
                .filter(node -> node != null && !node.equals(viewer.getKey())).distinct().count() == 2);
    }

    @Test
    @Order(2)
    void aDriversRateLimitIsSpentAcrossNodes() {
        String ops = opsToken();
        String driver = Fleet.driver(http, ops, null, createStation(ops));
        String driverToken = token(driver, "DRIVER");
        int burst = Integer.parseInt(shared.getProperty("doorstep.api.driver-rate-limit.burst"));
        Set<String> servedBy = new HashSet<>();
        long started = System.nanoTime();
        Integer refusedAt = null;
        for (int i = 1; i <= 2 * burst && refusedAt == null; i++) {
            EntityExchangeResult<byte[]> answer = viaProxy.get().uri("/v1/driver/offers")
                    .headers(h -> h.setBearerAuth(driverToken)).exchange().expectBody().returnResult();
            if (answer.getStatus().value() == 429) {
                refusedAt = i;
                assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
            } else {
                assertThat(answer.getStatus().value()).isEqualTo(200);
                servedBy.add(answer.getResponseHeaders().getFirst("X-Served-By"));
            }
        }
        Duration refillEvery = Duration.parse("PT" + shared.getProperty("doorstep.api.driver-rate-limit.refill-every")
                .toUpperCase());
        long refills = Duration.ofNanos(System.nanoTime() - started).toMillis() / refillEvery.toMillis() + 1;
        // Three budgets of their own would allow three bursts before a 429; the shared one allows one (and its refill).
        assertThat(refusedAt).as("the request refused with 429").isNotNull();
        assertThat(refusedAt - 1).as("requests allowed").isBetween(burst, (int) (burst + refills));
        assertThat(servedBy).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    @Order(3)
    void aReminderIsPushedOnceWhileTwoNodesScanRelayAndPush() {
        String ops = opsToken();
        String station = createStation(ops);
        String driver = Fleet.driver(http, ops, null, station);
        String driverToken = token(driver, "DRIVER");
        String device = "nodes-device-" + unique();
        viaProxy.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(driverToken))
                .bodyValue(Map.of("token", device, "platform", "ANDROID", "locale", "en")).exchange()
                .expectStatus().isCreated();
        // Within the reminder lead: both b and c see it on each of their scans, every 200 ms.
        String block = block(ops, station, Instant.now().plus(Duration.ofMinutes(20)));
        viaProxy.post().uri("/v1/driver/offers/{id}/claim", block).headers(h -> h.setBearerAuth(driverToken))
                .exchange().expectStatus().isOk();

        Awaitility.await("the reminder pushed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> remindersTo(device) >= 1);
        // Ten more scans on each node, and the relays and consumers after them.
        sleep(Duration.ofSeconds(4));
        assertThat(remindersTo(device)).isOne();
        assertThat(db.sql("SELECT count(*) FROM outbox WHERE aggregate_id = :b AND event_type = 'BlockReminderDue'")
                .bind("b", block).map(row -> row.get(0, Long.class)).one().block()).isOne();
    }

    @Test
    @Order(4)
    void plansAskedOfANodeThatSolvesNoneAreSolvedByOthersNeverAboveTheirLimits() {
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture onB = new PlanningFixture(client(b.port()), ops);
        onB.importPackages(station, 40, 9);
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plans.add(onB.start(station, PlanningFixture.planRequest(PlanningFixture.fleetEntry(12, 5), 2)));
        }
        plans.forEach(location -> assertThat(onB.awaitDone(location).get("status")).isEqualTo("READY"));

        List<Map<String, Object>> rows = db.sql("""
                        SELECT requested_on, solver_node, started_at, finished_at FROM plans
                        WHERE id = ANY(:ids)""")
                .bind("ids", plans.stream().map(l -> l.substring(l.lastIndexOf('/') + 1)).toArray(String[]::new))
                .fetch().all().collectList().block(Duration.ofSeconds(10));
        String nodeB = (String) rows.get(0).get("requested_on");
        assertThat(rows).hasSize(5).allSatisfy(row -> {
            assertThat(row.get("requested_on")).isEqualTo(nodeB);
            assertThat(row.get("solver_node")).isNotNull().isNotEqualTo(nodeB);
        });
        assertThat(mostAtOnce(rows, queue.node())).as("plans node a solved at once").isLessThanOrEqualTo(2);
        // Only c's own plans: the test JVM's other cached app contexts take queued plans too, with their own limits.
        rows.stream().map(row -> (String) row.get("solver_node")).filter(c::names).distinct()
                .forEach(nodeC -> assertThat(mostAtOnce(rows, nodeC)).as("plans node c solved at once").isOne());
    }

    @Test
    @Order(5)
    void killingANodeUnderIngestAndClaimsLosesNothingAcknowledgedAndItsPlanIsSolvedElsewhere() throws Exception {
        String ops = opsToken();
        String station = createStation(ops);
        String dsp = createDsp(ops);
        List<String> pingers = new ArrayList<>();
        List<String> claimers = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pingers.add(Fleet.driver(http, ops, dsp, station));
        }
        for (int i = 0; i < 24; i++) {
            claimers.add(Fleet.driver(http, ops, null, station));
            blocks.add(block(ops, station, Instant.now().plus(Duration.ofDays(2))));
        }
        String plan = planSolvedByC(ops, station);
        Load load = new Load(proxy.port());
        load.start(pingers.stream().map(d -> new Load.Driver(d, token(d, "DRIVER"))).toList(),
                claimers.stream().map(d -> new Load.Driver(d, token(d, "DRIVER"))).toList(), blocks);
        sleep(Duration.ofSeconds(3));
        Instant killedAt = Instant.now();
        c.kill();
        sleep(Duration.ofSeconds(5));
        Load.Outcome outcome = load.stop();

        int pingsLost = 0;
        for (String driver : pingers) {
            Set<Instant> stored = new HashSet<>();
            Map<?, ?> trail = http.get().uri("/v1/ops/drivers/{id}/trail", driver).headers(h -> h.setBearerAuth(ops))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            ((List<?>) trail.get("points")).forEach(p -> stored.add(Instant.parse((String) ((Map<?, ?>) p).get("ts"))));
            pingsLost += (int) outcome.pings().getOrDefault(driver, List.of()).stream().filter(ts -> !stored.contains(ts))
                    .count();
        }
        int claimsLost = 0;
        for (Map.Entry<String, String> claim : outcome.claims().entrySet()) {
            Map<String, Object> row = db.sql("SELECT status, driver_id FROM blocks WHERE id = :id")
                    .bind("id", claim.getKey()).fetch().one().block(Duration.ofSeconds(10));
            if (!claim.getValue().equals(row.get("driver_id"))) {
                claimsLost++;
            }
        }
        Map<?, ?> solved = new PlanningFixture(http, ops).awaitDone("/v1/plans/" + plan);
        Duration planBack = Duration.between(killedAt, ((OffsetDateTime) db.sql(
                "SELECT finished_at FROM plans WHERE id = :id").bind("id", plan).fetch().one()
                .block(Duration.ofSeconds(10)).get("finished_at")).toInstant());
        Map<String, Object> planRow = db.sql("SELECT solver_node, attempts FROM plans WHERE id = :id").bind("id", plan)
                .fetch().one().block(Duration.ofSeconds(10));
        System.out.printf("faults: kill -9 one of three nodes under ingest and claims: pings acknowledged %d, lost %d;"
                        + " claims acknowledged %d, lost %d; requests not acknowledged %d (%s); its plan READY again %.1f s"
                        + " after the kill on %s%n", outcome.pingCount(), pingsLost, outcome.claims().size(), claimsLost,
                outcome.failures(), outcome.failureKinds(), planBack.toMillis() / 1000.0, planRow.get("solver_node"));

        assertThat(outcome.pingCount()).as("pings acknowledged").isPositive();
        assertThat(outcome.claims()).as("claims acknowledged").isNotEmpty();
        assertThat(pingsLost).as("acknowledged pings lost").isZero();
        assertThat(claimsLost).as("acknowledged claims lost").isZero();
        assertThat(solved.get("status")).isEqualTo("READY");
        // Solved again by a live node (a, or another app context the test JVM keeps cached), never by the dead c.
        assertThat(planRow.get("solver_node")).isNotNull();
        assertThat(c.names((String) planRow.get("solver_node"))).as("solved by the killed node").isFalse();
        assertThat(planRow.get("attempts")).isEqualTo(2);
    }

    /** A plan (with a budget long enough to kill its node mid-solve) that node c claimed. */
    private String planSolvedByC(String ops, String station) {
        PlanningFixture onC = new PlanningFixture(client(c.port()), ops);
        onC.importPackages(station, 30, 3);
        // c claims the plan asked of it at once; node a only when its poll falls in between (then ask again).
        for (int attempt = 0; attempt < 5; attempt++) {
            String location = onC.start(station, PlanningFixture.planRequest(PlanningFixture.fleetEntry(12, 5), 12));
            String planId = location.substring(location.lastIndexOf('/') + 1);
            Map<String, Object> row = Awaitility.await("plan " + planId + " claimed").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> db.sql("SELECT requested_on, solver_node FROM plans WHERE id = :id").bind("id", planId)
                            .fetch().one().block(Duration.ofSeconds(10)), r -> r.get("solver_node") != null);
            if (row.get("solver_node").equals(row.get("requested_on"))) {
                return planId;
            }
        }
        throw new AssertionError("node c never claimed a plan asked of it");
    }

    /** The most plans of {@code node} whose solving overlapped in time. */
    private static int mostAtOnce(List<Map<String, Object>> rows, String node) {
        List<Map<String, Object>> mine = rows.stream().filter(r -> node.equals(r.get("solver_node"))).toList();
        int most = 0;
        for (Map<String, Object> row : mine) {
            OffsetDateTime at = (OffsetDateTime) row.get("started_at");
            int overlapping = (int) mine.stream().filter(other -> !((OffsetDateTime) other.get("started_at")).isAfter(at)
                    && ((OffsetDateTime) other.get("finished_at")).isAfter(at)).count();
            most = Math.max(most, overlapping);
        }
        return most;
    }

    private String block(String ops, String station, Instant startsAt) {
        Map<?, ?> created = http.post().uri("/v1/stations/{id}/blocks", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("startsAt", startsAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString(),
                        "durationMinutes", 240, "pay", Map.of("amount", 90.5, "currency", "USD"),
                        "serviceType", "LOGISTICS"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) ((List<?>) created.get("items")).get(0)).get("id");
    }

    private int remindersTo(String device) {
        return fcm.findAll(postRequestedFor(urlPathMatching("/v1/projects/.*/messages:send"))
                .withRequestBody(matchingJsonPath("$.message.token", WireMock.equalTo(device)))
                .withRequestBody(matchingJsonPath("$.message.data.type", WireMock.equalTo("BlockReminderDue")))).size();
    }

    /** Sends one ping; answers the node that took it. */
    private static String pingVia(WebTestClient client, String driverToken, double lat) {
        return client.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(driverToken))
                .bodyValue(batch(List.of(ping(Instant.now(), lat, -122.33)))).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getFirst("X-Served-By");
    }

    private AppNode started(String name, Map<String, String> common, Map<String, String> own) {
        Map<String, String> settings = new java.util.HashMap<>(common);
        settings.putAll(own);
        try {
            return AppNode.start(name, shared, port, settings);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
