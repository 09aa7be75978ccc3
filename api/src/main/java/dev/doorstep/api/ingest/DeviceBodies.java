package dev.doorstep.api.ingest;

import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.IngestSettings;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a tracking app's JSON body, counted as it streams in so that an oversized one is refused early. */
@Component
class DeviceBodies {

    private final JsonMapper json;
    private final IngestSettings settings;

    DeviceBodies(JsonMapper json, IngestSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    Mono<JsonNode> json(ServerHttpRequest request) {
        long maxBytes = settings.maxBody().toBytes();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(new TooLarge("A device request is at most " + maxBytes / 1024 + " KiB"));
        }
        return DataBufferUtils.join(request.getBody(), (int) maxBytes)
                .switchIfEmpty(Mono.error(() -> InvalidInput.of("body", "is required")))
                .map(body -> {
                    try {
                        JsonNode root = json.readTree(body.asInputStream(true));
                        if (root == null || !root.isObject()) {
                            throw InvalidInput.of("body", "must be a JSON object");
                        }
                        return root;
                    } catch (JacksonException e) {
                        throw new ServerWebInputException("The body is not valid JSON", null, e);
                    }
                });
    }

    int maxBatch() {
        return settings.maxBatch();
    }
}
