package dev.doorstep.api.nodes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * FCM down: a node pushing to a WireMock FCM that answers 503 for the whole outage, then 200. Every push raised
 * during the outage is accepted once afterwards, none twice. The outage lasts 30 s with retries capped at 5 s
 * (compressed), or {@code -Dfaults.fcm-outage-seconds=300} with the default retry settings (the real 5 minutes).
 *
 * <p>Not in the default run (one to eight minutes): run it with {@code -Dfaults.fcm-outage-seconds=30} (compressed)
 * or {@code =300}. Two of its runs on 2026-12-03 had one push accepted twice; the paths found since are closed and
 * tested in the default run (bench/README.md, Faults), and the node's log keeps every attempt to tell them apart.
 */
@EnabledIfSystemProperty(named = "faults.fcm-outage-seconds", matches = "\\d+")
class FcmOutageIntegrationTests extends ApiIntegrationTest {

    private static final String GROUP = "fcm-outage";
    private static final String SEND = "/v1/projects/.*/messages:send";

    @Autowired
    private Environment shared;
    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Test
    void everyPushRaisedWhileFcmIsDownIsDeliveredOnceAfterwards() throws Exception {
        Duration outage = Duration.ofSeconds(Long.getLong("faults.fcm-outage-seconds", 30));
        boolean compressed = outage.compareTo(Duration.ofMinutes(5)) < 0;
        WireMockServer fcm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        fcm.start();
        fcm.stubFor(post(urlPathEqualTo("/token")).willReturn(
                okJson("{\"access_token\":\"outage\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        fcm.stubFor(post(urlPathMatching(SEND)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\","
                        + "\"status\":\"UNAVAILABLE\"}}")));
        String stream = shared.getProperty("doorstep.notifications.relay.stream", "doorstep:events");
        redis.execute(conn -> conn.streamCommands().xGroupCreate(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8)),
                GROUP, ReadOffset.latest(), true)).onErrorComplete().blockLast(Duration.ofSeconds(10));
        Map<String, String> settings = new java.util.HashMap<>(Map.of("doorstep.notifications.relay.enabled", "true",
                "doorstep.notifications.push.enabled", "true", "doorstep.notifications.push.group", GROUP,
                "doorstep.notifications.push.offer-throttle", "0s",
                "doorstep.notifications.fcm.credentials-file", FcmAccount.file().toString(),
                "doorstep.notifications.fcm.endpoint-override", "http://127.0.0.1:" + fcm.port(),
                // Every attempt in the node's log (api/target/nodes/fcm-outage.log), to tell a resend from a retry.
                "logging.level.dev.doorstep.notifications.push.Pushes", "DEBUG"));
        if (compressed) {
            settings.put("doorstep.notifications.push.backoff-max", "5s");
        }
        try (AppNode node = AppNode.start("fcm-outage", shared, port, settings)) {
            WebTestClient onNode = client(node.port());
            String ops = opsToken();
            String station = createStation(ops);
            String driver = Fleet.driver(http, ops, null, station);
            onNode.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                    .bodyValue(Map.of("token", "outage-" + unique(), "platform", "ANDROID", "locale", "en")).exchange()
                    .expectStatus().isCreated();
            Instant down = Instant.now();
            List<String> blocks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                blocks.add(offer(onNode, ops, station, i));
            }
            // Down for the whole outage, whatever the app tried meanwhile.
            Awaitility.await("refused pushes").atMost(Duration.ofSeconds(60)).until(() -> sends(fcm, 503) > 0);
            SeveralNodesIntegrationTests.sleep(Duration.between(Instant.now(), down.plus(outage)));
            int refused = sends(fcm, 503);
            fcm.resetMappings();
            fcm.stubFor(post(urlPathEqualTo("/token")).willReturn(
                    okJson("{\"access_token\":\"outage\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
            fcm.stubFor(post(urlPathMatching(SEND)).willReturn(okJson("{\"name\":\"projects/p/messages/1\"}")));
            Instant up = Instant.now();

            Awaitility.await("every offer pushed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> accepted(fcm).keySet().containsAll(blocks));
            Duration drained = Duration.between(up, Instant.now());
            // Long enough for any doubled retry to show.
            SeveralNodesIntegrationTests.sleep(Duration.ofSeconds(compressed ? 6 : 61));
            Map<String, Long> accepted = accepted(fcm);
            long twice = accepted.values().stream().filter(n -> n > 1).count();
            System.out.printf("faults: FCM down %d s%s: %d pushes raised, %d sends refused with 503 while down;"
                            + " all %d accepted within %.1f s of FCM's return, %d accepted twice%n", outage.toSeconds(),
                    compressed ? " (compressed: backoff-max 5s)" : " (default retry settings)", blocks.size(), refused,
                    accepted.keySet().stream().filter(blocks::contains).count(), drained.toMillis() / 1000.0, twice);
            assertThat(accepted.keySet()).containsAll(blocks);
            assertThat(twice).as(() -> "pushes accepted twice: " + fcm.getAllServeEvents().stream()
                    .filter(e -> e.getResponse().getStatus() == 200 && e.getRequest().getUrl().contains("messages:send"))
                    .filter(e -> accepted.getOrDefault(blockId(e), 0L) > 1)
                    .map(e -> e.getRequest().getLoggedDate().toInstant() + " " + e.getRequest().getBodyAsString())
                    .toList()).isZero();
        } finally {
            fcm.stop();
        }
    }

    private String offer(WebTestClient node, String ops, String station, int i) {
        Map<?, ?> created = node.post().uri("/v1/stations/{id}/blocks", station).headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("startsAt", Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(i))
                                .truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString(),
                        "durationMinutes", 60, "pay", Map.of("amount", 50, "currency", "USD"),
                        "serviceType", "LOGISTICS"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) ((List<?>) created.get("items")).get(0)).get("id");
    }

    private static int sends(WireMockServer fcm, int status) {
        return (int) fcm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("messages:send"))
                .filter(e -> e.getResponse().getStatus() == status).count();
    }

    private static String blockId(ServeEvent e) {
        return JsonMapper.builder().build().readTree(e.getRequest().getBodyAsString()).at("/message/data/blockId")
                .asString();
    }

    /**
     * Accepted sends per block id (the offer's {@code data.blockId}). Pushes without one (events of other tests left
     * on the shared stream: RouteAssigned, OUT_FOR_DELIVERY, TrackingSilent) are not offers; counted under one empty
     * key they looked like one push sent several times.
     */
    private static Map<String, Long> accepted(WireMockServer fcm) {
        JsonMapper json = JsonMapper.builder().build();
        return fcm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("messages:send"))
                .filter(e -> e.getResponse().getStatus() == 200)
                .map(ServeEvent::getRequest)
                .map(r -> json.readTree(r.getBodyAsString()).at("/message/data/blockId").asString())
                .filter(block -> !block.isEmpty())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
