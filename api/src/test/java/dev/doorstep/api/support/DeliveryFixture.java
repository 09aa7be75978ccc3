package dev.doorstep.api.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** A driver on its route in progress, and the uploads it sends from the door. */
public final class DeliveryFixture {

    /** A stop of the route: id, location and its packages. */
    public record Stop(String id, double lat, double lon, List<String> trackingIds) {
    }

    private final WebTestClient http;

    public DeliveryFixture(WebTestClient http) {
        this.http = http;
    }

    public static List<Stop> stops(Map<?, ?> route) {
        return ((List<?>) route.get("stops")).stream().map(s -> (Map<?, ?>) s).map(s -> {
            Map<?, ?> location = (Map<?, ?>) s.get("location");
            return new Stop((String) s.get("id"), ((Number) location.get("lat")).doubleValue(),
                    ((Number) location.get("lon")).doubleValue(),
                    ((List<?>) s.get("trackingIds")).stream().map(String.class::cast).toList());
        }).toList();
    }

    /** The attempt JSON part: every package of the stop with one outcome, at the stop, captured just now. */
    public static Map<String, Object> attempt(Stop stop, String outcome, String place, String reason) {
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("packages", stop.trackingIds().stream().map(id -> reason == null
                ? Map.of("trackingId", id, "outcome", outcome)
                : Map.of("trackingId", id, "outcome", outcome, "reason", reason)).toList());
        attempt.put("place", place);
        attempt.put("position", Map.of("lat", stop.lat() + 0.0001, "lon", stop.lon()));
        attempt.put("accuracyMeters", 8.5);
        attempt.put("capturedAt", now().toString());
        return attempt;
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** One image part: bytes, the part's declared type and file name. */
    public record Image(String part, byte[] bytes, MediaType type, String filename) {

        public static Image photo(byte[] bytes) {
            return new Image("photo", bytes, MediaType.IMAGE_JPEG, "door.jpg");
        }
    }

    public WebTestClient.ResponseSpec upload(String token, String stopId, String idempotencyKey, Map<String, Object> attempt,
            Image... images) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        if (attempt != null) {
            body.part("attempt", attempt, MediaType.APPLICATION_JSON);
        }
        for (Image image : images) {
            body.part(image.part(), new ByteArrayResource(image.bytes()) {
                @Override
                public String getFilename() {
                    return image.filename();
                }
            }, image.type());
        }
        return http.post().uri("/v1/driver/stops/{id}/deliveries", stopId)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }
}
