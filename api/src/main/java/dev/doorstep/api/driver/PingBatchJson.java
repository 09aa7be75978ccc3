package dev.doorstep.api.driver;

import dev.doorstep.api.problems.JsonErrors;
import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a ping upload, {@code {"pings": [...]}}: each element a ping or the reason it is unreadable, so
 * one bad element never costs the others. A body that is not such an object is refused whole (400, or 413 when
 * it holds more than {@code maxBatch} pings).
 */
final class PingBatchJson {

    private final JsonMapper json;
    private final int maxBatch;

    PingBatchJson(JsonMapper json, int maxBatch) {
        this.json = json;
        this.maxBatch = maxBatch;
    }

    List<PingEntry> read(InputStream body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ServerWebInputException("The body is not valid JSON", null, e);
        }
        JsonNode pings = root == null ? null : root.get("pings");
        if (pings == null || !pings.isArray() || pings.isEmpty()) {
            throw InvalidInput.of("pings", "must be an array of 1 to " + maxBatch + " pings");
        }
        if (pings.size() > maxBatch) {
            throw new TooLarge("A batch holds at most " + maxBatch + " pings; this one has " + pings.size());
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
}
