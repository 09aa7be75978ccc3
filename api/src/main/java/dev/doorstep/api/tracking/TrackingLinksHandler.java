package dev.doorstep.api.tracking;

import dev.doorstep.tracking.links.LinkSummary;
import dev.doorstep.tracking.links.TrackingLink;
import dev.doorstep.tracking.links.TrackingLinks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The shipper (or station ops) asks for a package's tracking link to send the customer, lists the package's links
 * (with the URL of the automatic one it got when it went out for delivery), or revokes one.
 */
@RestController
class TrackingLinksHandler {

    private final TrackingLinks links;
    private final PublicUrl publicUrl;

    TrackingLinksHandler(TrackingLinks links, PublicUrl publicUrl) {
        this.links = links;
        this.publicUrl = publicUrl;
    }

    record LinkBody(String id, String trackingId, String url, String token, Instant createdAt, Instant expiresAt) {
    }

    @PostMapping("/v1/packages/{trackingId}/tracking-links")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<LinkBody> create(@PathVariable String trackingId) {
        return links.create(trackingId).map(this::body);
    }

    @GetMapping("/v1/packages/{trackingId}/tracking-links")
    Mono<Map<String, List<LinkSummary>>> list(@PathVariable String trackingId) {
        return links.list(trackingId).collectList().map(items -> Map.of("items", items));
    }

    @DeleteMapping("/v1/packages/{trackingId}/tracking-links/{linkId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable String trackingId, @PathVariable String linkId) {
        return links.revoke(trackingId, linkId);
    }

    private LinkBody body(TrackingLink link) {
        return new LinkBody(link.id(), link.trackingId(), publicUrl.trackingPage(link.token()), link.token(),
                link.createdAt(), link.expiresAt());
    }
}
