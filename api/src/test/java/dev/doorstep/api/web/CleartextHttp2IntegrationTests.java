package dev.doorstep.api.web;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.ContractCheck;
import dev.doorstep.api.support.Fleet;
import dev.doorstep.api.support.RawHttpConnection;
import io.netty.channel.Channel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP/2 cleartext (h2c) on the HTTP/1.1 port, as a proxy in front or a client multiplexes live streams: by prior
 * knowledge (Reactor Netty's client) and by an Upgrade from HTTP/1.1 (the JDK's client), with the same headers,
 * request id, contract and heartbeat as over HTTP/1.1.
 */
class CleartextHttp2IntegrationTests extends ApiIntegrationTest {

    private static final int STREAMS = 40;
    private static final String SNAPSHOT_LAT = "47.6";
    private static final String MOVED_LAT = "47.603";

    private final ConnectionProvider oneConnection = ConnectionProvider.builder("h2c-test").maxConnections(1).build();
    /** The TCP connection under each request the prior-knowledge client sent (an HTTP/2 stream's parent). */
    private final Set<String> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger http2Streams = new AtomicInteger();
    private final HttpClient priorKnowledge = HttpClient.create(oneConnection).protocol(HttpProtocol.H2C)
            .doOnRequest((request, connection) -> {
                Channel parent = connection.channel().parent();
                connections.add(parent == null ? "not a stream: " + connection.channel() : parent.id().asLongText());
                http2Streams.incrementAndGet();
            });

    private WebTestClient h2c;
    private String dsp;
    private String driver;
    private String dispatcher;

    @BeforeEach
    void aDspWithADriverOnTheMap() {
        h2c = WebTestClient.bindToServer(new ReactorClientHttpConnector(priorKnowledge))
                .baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .filter(new ContractCheck()).build();
        String ops = opsToken();
        dsp = createDsp(ops);
        driver = Fleet.driver(h2c, ops, dsp, createStation(ops));
        send(47.6, 20);
        dispatcher = dispatcherToken(dsp);
    }

    @AfterEach
    void release() {
        oneConnection.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void manyLiveMapsShareOneConnectionByPriorKnowledgeAndEachSeesItsSnapshotThenTheMove() {
        List<Flux<String>> maps = IntStream.range(0, STREAMS).mapToObj(i -> latitudesOnTheMap()).toList();
        AtomicInteger snapshots = new AtomicInteger();

        List<String> seen = Flux.merge(maps.stream().map(map -> map.take(2)).toList())
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(lat -> {
                    if (snapshots.incrementAndGet() == STREAMS) {
                        send(47.603, 10);
                    }
                })
                .collectList().block(Duration.ofSeconds(30));

        assertThat(seen).hasSize(2 * STREAMS);
        assertThat(seen.subList(0, STREAMS)).containsOnly(SNAPSHOT_LAT);
        assertThat(seen.subList(STREAMS, 2 * STREAMS)).containsOnly(MOVED_LAT);
        assertThat(connections).as("TCP connections under the streams").hasSize(1)
                .noneMatch(c -> c.startsWith("not a stream"));
        assertThat(http2Streams.get()).as("HTTP/2 streams").isGreaterThan(STREAMS);
    }

    @Test
    void anAnswerOverPriorKnowledgeIsHttp2WithTheHeadersOfHttp11() {
        var response = priorKnowledge.get().uri("http://localhost:" + port + "/actuator/health/liveness")
                .response().block(Duration.ofSeconds(10));
        assertThat(response.version().text()).isEqualTo("HTTP/2.0");
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.responseHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.responseHeaders().get("Cache-Control")).isNotBlank();
        assertThat(response.responseHeaders().get(RequestLog.HEADER)).isNotBlank();
        h2c.get().uri("/v1/stations").headers(h -> h.setBearerAuth("not-a-token")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anUpgradedHttp11ConnectionStreamsTheLiveMapWithItsHeartbeat() throws Exception {
        java.net.http.HttpClient upgrading = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        HttpResponse<Stream<String>> response = upgrading.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/dsp/live"))
                .header("Authorization", "Bearer " + dispatcher).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue(RequestLog.HEADER)).isPresent();
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            // The first event is the snapshot; the heartbeat (every 15 s) follows with nothing else moving.
            List<String> untilHeartbeat = CompletableFuture.supplyAsync(() -> {
                List<String> read = new ArrayList<>();
                lines.takeWhile(line -> !line.startsWith(":heartbeat")).forEach(read::add);
                return read;
            }).get(40, TimeUnit.SECONDS);
            assertThat(untilHeartbeat).contains("event:position").anyMatch(line -> line.startsWith("data:")
                    && line.contains("\"driverId\":\"" + driver + "\""));
        }
        var plain = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.version()).as("HTTP/1.1 without an Upgrade stays HTTP/1.1")
                .isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    }

    @Test
    void anUpgradeAskedWithABodyIsAnsweredOverHttp11AndTheConnectionStaysUsable() throws Exception {
        java.net.http.HttpClient upgrading = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        for (int secondsAgo = 5; secondsAgo > 3; secondsAgo--) {
            HttpResponse<String> posted = upgrading.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/v1/driver/pings"))
                    .header("Authorization", "Bearer " + token(driver, "DRIVER"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pings\":[{\"ts\":\""
                            + Instant.now().minusSeconds(secondsAgo) + "\",\"lat\":47.6,\"lon\":-122.33}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void anUpgradeWithAContentLengthThatIsNoNumberIsA400LikeAnyOtherRequestWithIt() throws Exception {
        for (String contentLength : List.of("abc", "-1", "99999999999999999999", "1, 2")) {
            for (boolean upgrade : List.of(true, false)) {
                try (RawHttpConnection connection = new RawHttpConnection(port, 10_000)) {
                    List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + token(driver, "DRIVER"),
                            "Content-Type: application/json", "Content-Length: " + contentLength));
                    if (upgrade) {
                        headers.addAll(List.of("Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c",
                                "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"));
                    }
                    RawHttpConnection.Response answer = connection.send("POST", "/v1/driver/pings", null, null,
                            headers.toArray(String[]::new));
                    assertThat(answer.status()).as("Content-Length: %s, upgrade %s", contentLength, upgrade)
                            .isEqualTo(400);
                }
            }
        }
    }

    /** The latitudes of the driver's positions on a dispatcher map opened over the one h2c connection. */
    private Flux<String> latitudesOnTheMap() {
        return h2c.get().uri("/v1/dsp/live").headers(h -> h.setBearerAuth(dispatcher))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> "position".equals(e.event()) && driver.equals(e.data().get("driverId")))
                .map(e -> String.valueOf(e.data().get("lat")));
    }

    /** A ping of the driver over h2c, {@code secondsAgo} old (the move stays under the plausible speed). */
    private void send(double lat, int secondsAgo) {
        h2c.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                .bodyValue(batch(List.of(ping(Instant.now().minusSeconds(secondsAgo), lat, -122.33))))
                .exchange().expectStatus().isOk();
    }
}
