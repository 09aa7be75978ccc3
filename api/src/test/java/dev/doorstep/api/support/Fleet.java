package dev.doorstep.api.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Stations, DSPs and drivers made through the API, and pings to send for them. */
public final class Fleet {

    private Fleet() {
    }

    /** A driver of {@code dspId} (a Flex driver when null) based at {@code stationId}; returns its id. */
    public static String driver(WebTestClient http, String ops, String dspId, String stationId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Driver", "kind", dspId == null ? "FLEX" : "DSP",
                "homeStationId", stationId, "phone", "+12065550100"));
        if (dspId != null) {
            body.put("dspId", dspId);
        }
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops)).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) driver.get("id");
    }

    /** A ping at {@code ts} (milliseconds kept, as a phone sends them). */
    public static Map<String, Object> ping(Instant ts, double lat, double lon) {
        return Map.of("ts", ts.truncatedTo(ChronoUnit.MILLIS).toString(), "lat", lat, "lon", lon, "accuracy", 8.5,
                "speed", 11.2, "heading", 270, "battery", 0.71);
    }

    /** The first position of {@code driverId} on a live stream (the snapshot sent on connect, or a move). */
    public static Map<String, Object> livePosition(WebTestClient http, String token, String path, String driverId) {
        ServerSentEvent<Map<String, Object>> event = http.get().uri(path).headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody()
                .filter(e -> "position".equals(e.event()) && driverId.equals(e.data().get("driverId")))
                .blockFirst(Duration.ofSeconds(20));
        if (event == null) {
            throw new AssertionError("No position of " + driverId + " on " + path);
        }
        return event.data();
    }

    public static Map<String, Object> batch(List<?> pings) {
        return Map.of("pings", pings);
    }
}
