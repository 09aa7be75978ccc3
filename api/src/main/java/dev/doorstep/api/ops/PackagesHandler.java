package dev.doorstep.api.ops;

import dev.doorstep.api.problems.JsonErrors;
import dev.doorstep.api.problems.TooLarge;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.packages.ImportReport;
import dev.doorstep.dispatch.packages.ManifestEntry;
import dev.doorstep.dispatch.packages.PackageDraft;
import dev.doorstep.dispatch.packages.PackageView;
import dev.doorstep.dispatch.packages.Packages;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Manifest and pickup import (station ops and shippers' service clients) and package lookup. */
@RestController
class PackagesHandler {

    private final Packages packages;
    private final JsonMapper json;

    PackagesHandler(Packages packages, JsonMapper json) {
        this.packages = packages;
        this.json = json;
    }

    /** The body as loose JSON, so that one line of the wrong shape is rejected alone. */
    record ManifestRequest(List<JsonNode> packages) {
    }

    /** Customer return pickups, read like a manifest. */
    record PickupRequest(List<JsonNode> pickups) {
    }

    @PostMapping("/v1/stations/{id}/packages")
    Mono<ImportReport> importManifest(@PathVariable String id, @RequestBody ManifestRequest request) {
        return entries("packages", request.packages()).flatMap(entries -> packages.importManifest(id, entries));
    }

    @PostMapping("/v1/stations/{id}/pickups")
    Mono<ImportReport> importPickups(@PathVariable String id, @RequestBody PickupRequest request) {
        return entries("pickups", request.pickups()).flatMap(entries -> packages.importPickups(id, entries));
    }

    private Mono<List<ManifestEntry>> entries(String field, List<JsonNode> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return Mono.error(InvalidInput.of(field, "must list at least one package"));
        }
        if (nodes.size() > Packages.MAX_BATCH) {
            return Mono.error(new TooLarge("A batch holds at most " + Packages.MAX_BATCH
                    + " packages; this one has " + nodes.size()));
        }
        List<ManifestEntry> entries = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            entries.add(read(node));
        }
        return Mono.just(entries);
    }

    @GetMapping("/v1/packages/{trackingId}")
    Mono<PackageView> get(@PathVariable String trackingId) {
        return packages.get(trackingId);
    }

    private ManifestEntry read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ManifestEntry.unreadable(List.of(new dev.doorstep.dispatch.errors.FieldError("$", "must be an object")));
        }
        try {
            return ManifestEntry.of(json.treeToValue(node, PackageDraft.class));
        } catch (JacksonException e) {
            return ManifestEntry.unreadable(List.of(JsonErrors.fieldError(e, "")));
        }
    }
}
