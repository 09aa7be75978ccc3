package dev.doorstep.api.dsp;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class LiveMapIntegrationTests extends ApiIntegrationTest {

    private String ops;
    private String station;
    private String dsp;
    private String ownDriver;
    private String otherDriver;

    @BeforeEach
    void twoDsps() {
        ops = opsToken();
        station = createStation(ops);
        dsp = createDsp(ops);
        ownDriver = Fleet.driver(http, ops, dsp, station);
        otherDriver = Fleet.driver(http, ops, createDsp(ops), station);
        send(ownDriver, 47.600, -122.330, 20);
        send(otherDriver, 47.601, -122.331, 20);
    }

    @Test
    void aDispatcherSeesItsOwnDriversOnConnectAndThenTheirMovesOnly() {
        Flux<ServerSentEvent<Map<String, Object>>> stream = live("/v1/dsp/live", dispatcherToken(dsp));

        StepVerifier.create(stream.filter(e -> "position".equals(e.event())).map(e -> e.data()))
                .assertNext(p -> assertThat(p).containsEntry("driverId", ownDriver).containsEntry("lat", 47.6))
                .then(() -> {
                    send(otherDriver, 47.602, -122.331, 10);
                    send(ownDriver, 47.603, -122.330, 10);
                })
                .assertNext(p -> assertThat(p).containsEntry("driverId", ownDriver).containsEntry("lat", 47.603))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aNewDspWithoutDriversOpensAnEmptyLiveMapThatShowsItsFirstDriverMoving() {
        String newDsp = createDsp(ops);
        Flux<ServerSentEvent<Map<String, Object>>> stream = live("/v1/dsp/live", dispatcherToken(newDsp));
        String firstDriver = Fleet.driver(http, ops, newDsp, station);

        StepVerifier.create(stream.filter(e -> "position".equals(e.event())).map(e -> e.data()))
                .then(() -> send(firstDriver, 47.604, -122.332, 5))
                .assertNext(p -> assertThat(p).containsEntry("driverId", firstDriver).containsEntry("lat", 47.604))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aStationViewerSeesTheDriversBasedThere() {
        assertThat(Fleet.livePosition(http, ops, "/v1/ops/stations/" + station + "/live", otherDriver))
                .containsEntry("lat", 47.601);
        http.get().uri("/v1/ops/stations/st_none/live").headers(h -> h.setBearerAuth(ops))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isNotFound();
    }

    @Test
    void aDispatcherReadsTheTrailOfItsOwnDriversOnlyAnotherDspsIsNotFound() {
        http.get().uri("/v1/ops/drivers/{id}/trail", ownDriver).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.points.length()").isEqualTo(1);
        http.get().uri("/v1/ops/drivers/{id}/trail", otherDriver).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aTrailIsCutToTheAskedWindow() {
        Instant now = Instant.now();
        http.get().uri(b -> b.path("/v1/ops/drivers/{id}/trail").queryParam("from", now.minusSeconds(10))
                        .queryParam("to", now).build(ownDriver))
                .headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.points.length()").isEqualTo(0);
        http.get().uri(b -> b.path("/v1/ops/drivers/{id}/trail").queryParam("from", now)
                        .queryParam("to", now.minusSeconds(10)).build(ownDriver))
                .headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void stationOpsFindTheDriversNearAPointNearestFirst() {
        http.get().uri("/v1/ops/stations/{id}/drivers/near?lat=47.6&lon=-122.33&radiusM=500", station)
                .headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].driverId").isEqualTo(ownDriver)
                .jsonPath("$.items[1].driverId").isEqualTo(otherDriver)
                .jsonPath("$.items.length()").isEqualTo(2);
        http.get().uri("/v1/ops/stations/{id}/drivers/near?lat=47.7&lon=-122.33&radiusM=500", station)
                .headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        http.get().uri("/v1/ops/stations/{id}/drivers/near?lat=47.7&lon=-122.33&radiusM=-1", station)
                .headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("radiusM");
    }

    private Flux<ServerSentEvent<Map<String, Object>>> live(String path, String token) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody();
    }

    private void send(String driver, double lat, double lon, int secondsAgo) {
        http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                .bodyValue(batch(List.of(ping(Instant.now().minusSeconds(secondsAgo), lat, lon))))
                .exchange().expectStatus().isOk();
    }
}
