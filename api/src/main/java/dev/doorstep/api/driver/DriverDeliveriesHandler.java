package dev.doorstep.api.driver;

import dev.doorstep.api.problems.JsonErrors;
import dev.doorstep.dispatch.delivery.Deliveries;
import dev.doorstep.dispatch.delivery.Delivery;
import dev.doorstep.dispatch.delivery.DeliveryDraft;
import dev.doorstep.dispatch.delivery.DeliverySettings;
import dev.doorstep.dispatch.delivery.PhotoUpload;
import dev.doorstep.dispatch.errors.InvalidInput;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A driver completes a stop of its route: a multipart upload of the {@code attempt} JSON part and its {@code photo}
 * (or {@code signature}) parts. 201 for a new record, 200 with the same record for a retry.
 */
@RestController
class DriverDeliveriesHandler {

    private static final Set<String> PARTS = Set.of("attempt", "photo", "signature");

    private final Deliveries deliveries;
    private final JsonMapper json;
    private final int maxPhotoBytes;

    DriverDeliveriesHandler(Deliveries deliveries, JsonMapper json, DeliverySettings settings) {
        this.deliveries = deliveries;
        this.json = json;
        this.maxPhotoBytes = settings.maxPhotoBytes();
    }

    @PostMapping(path = "/v1/driver/stops/{id}/deliveries", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Delivery>> deliver(@AuthenticationPrincipal Jwt token, @PathVariable String id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        return exchange.getMultipartData()
                .flatMap(parts -> Mono.zip(draft(parts), uploads(parts, "photo", false)
                        .concatWith(uploads(parts, "signature", true)).collectList()))
                .flatMap(t -> deliveries.record(token.getSubject(), id, idempotencyKey, t.getT1(), t.getT2()))
                .map(delivery -> ResponseEntity.status(delivery.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                        .body(delivery));
    }

    private Mono<DeliveryDraft> draft(MultiValueMap<String, Part> parts) {
        for (String name : parts.keySet()) {
            if (!PARTS.contains(name)) {
                return Mono.error(InvalidInput.of(name, "is not a part of this upload; send attempt, photo, signature"));
            }
        }
        List<Part> attempt = parts.getOrDefault("attempt", List.of());
        if (attempt.size() != 1) {
            return Mono.error(InvalidInput.of("attempt", "exactly one attempt part is required"));
        }
        return bytes(attempt.get(0)).map(body -> {
            try {
                DeliveryDraft draft = json.readValue(body, DeliveryDraft.class);
                if (draft == null) {
                    throw InvalidInput.of("attempt", "is required");
                }
                return draft;
            } catch (JacksonException e) {
                throw JsonErrors.malformed(e) ? InvalidInput.of("attempt", "is not valid JSON")
                        : new InvalidInput(List.of(JsonErrors.fieldError(e, "attempt")));
            }
        });
    }

    private Flux<PhotoUpload> uploads(MultiValueMap<String, Part> parts, String name, boolean signature) {
        return Flux.fromIterable(parts.getOrDefault(name, List.of()))
                .concatMap(part -> bytes(part).map(bytes -> new PhotoUpload(bytes, signature)));
    }

    /** A part's bytes, refused (413) past the size of a photo. */
    private Mono<byte[]> bytes(Part part) {
        return DataBufferUtils.join(part.content(), maxPhotoBytes).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        }).defaultIfEmpty(new byte[0]);
    }
}
