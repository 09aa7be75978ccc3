package dev.doorstep.api.driver;

import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.BatchResult;
import dev.doorstep.tracking.ingest.PingIngest;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batched GPS upload of the driver app; the driver is always the token's subject. The body is counted as it
 * streams in, so an oversized batch is refused before it fills memory.
 */
@RestController
class PingsHandler {

    private final PingIngest ingest;
    private final PingBatchJson batches;

    PingsHandler(PingIngest ingest, JsonMapper json) {
        this.ingest = ingest;
        this.batches = new PingBatchJson(json, ingest.settings().maxBatch());
    }

    @PostMapping(path = "/v1/driver/pings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<BatchResult> upload(@AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
        long maxBytes = ingest.settings().maxBody().toBytes();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(tooLarge(maxBytes));
        }
        return DataBufferUtils.join(request.getBody(), (int) maxBytes)
                .switchIfEmpty(Mono.error(() -> InvalidInput.of("pings", "is required")))
                .map(body -> batches.read(body.asInputStream(true)))
                .flatMap(batch -> ingest.acceptBatch(Caller.of(token).subject(), batch));
    }

    private static TooLarge tooLarge(long maxBytes) {
        return new TooLarge("A ping batch is at most " + maxBytes / 1024 + " KiB");
    }
}
