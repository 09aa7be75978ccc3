package dev.doorstep.api.driver;

import dev.doorstep.api.problems.JsonErrors;
import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.BatchResult;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import dev.doorstep.tracking.ingest.PingIngest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batched GPS upload of the driver app; the driver is always the token's subject. The body is counted as it
 * streams in, so an oversized batch is refused before it fills memory.
 */
@RestController
class PingsHandler {

    private final PingIngest ingest;
    private final JsonMapper json;

    PingsHandler(PingIngest ingest, JsonMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    @PostMapping(path = "/v1/driver/pings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<BatchResult> upload(@AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
        long maxBytes = ingest.settings().maxBody().toBytes();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(tooLarge(maxBytes));
        }
        return DataBufferUtils.join(request.getBody(), (int) maxBytes)
                .switchIfEmpty(Mono.error(() -> InvalidInput.of("pings", "is required")))
                .map(this::readBatch)
                .flatMap(batch -> ingest.acceptBatch(Caller.of(token).subject(), batch));
    }

    private List<PingEntry> readBatch(DataBuffer body) {
        JsonNode root;
        try {
            root = json.readTree(body.asInputStream(true));
        } catch (JacksonException e) {
            throw new ServerWebInputException("The body is not valid JSON", null, e);
        }
        JsonNode pings = root == null ? null : root.get("pings");
        if (pings == null || !pings.isArray() || pings.isEmpty()) {
            throw InvalidInput.of("pings", "must be an array of 1 to " + ingest.settings().maxBatch() + " pings");
        }
        if (pings.size() > ingest.settings().maxBatch()) {
            throw new TooLarge("A batch holds at most " + ingest.settings().maxBatch() + " pings; this one has "
                    + pings.size());
        }
        List<PingEntry> batch = new ArrayList<>(pings.size());
        for (JsonNode node : pings) {
            batch.add(read(node));
        }
        return batch;
    }

    private PingEntry read(JsonNode node) {
        if (!node.isObject()) {
            return PingEntry.unreadable(new FieldError("$", "must be an object"));
        }
        try {
            return PingEntry.of(json.treeToValue(node, PingDraft.class));
        } catch (JacksonException e) {
            return PingEntry.unreadable(JsonErrors.fieldError(e, ""));
        }
    }

    private static TooLarge tooLarge(long maxBytes) {
        return new TooLarge("A ping batch is at most " + maxBytes / 1024 + " KiB");
    }
}
