package dev.doorstep.api.tracking;

import dev.doorstep.api.web.ContentSecurityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer's tracking page: one static HTML file (no build step) that reads the public tracking API and its
 * event stream. The token stays out of Referer headers (to the tile server, say) and out of caches.
 */
@RestController
class TrackingPageHandler {

    private final LinkAccess access;
    private final String page;
    private final String policy;

    TrackingPageHandler(LinkAccess access, TrackingPageSettings settings, JsonMapper json) {
        this.access = access;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tileUrl", settings.tileUrl());
        config.put("tileAttribution", settings.tileAttribution());
        config.put("fcmWebConfig", settings.fcmWebConfig().isBlank() ? null : json.readTree(settings.fcmWebConfig()));
        config.put("fcmVapidKey", settings.fcmVapidKey());
        // Read once at start-up: no file I/O on the event loop. "<" escaped so the JSON cannot close the script.
        this.page = template().replace("/*CONFIG*/null", json.writeValueAsString(config).replace("<", "\\u003c"));
        ContentSecurityPolicy csp = new ContentSecurityPolicy().images(ContentSecurityPolicy.originOf(settings.tileUrl()));
        if (!settings.fcmWebConfig().isBlank()) {
            // The Firebase web SDK, imported on the customer's click, and its registration services.
            csp.scripts(List.of("https://www.gstatic.com")).connections(List.of("https://*.googleapis.com"));
        }
        this.policy = csp.forPage(page);
    }

    @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(@PathVariable String token, ServerHttpRequest request) {
        return access.opened(token, request)
                .map(trackingId -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .header("Referrer-Policy", "no-referrer")
                        .header("Cache-Control", "no-store")
                        .header("X-Robots-Tag", "noindex")
                        .header(ContentSecurityPolicy.HEADER, policy)
                        .body(page));
    }

    private static String template() {
        try (InputStream in = TrackingPageHandler.class.getResourceAsStream("/tracking/page.html")) {
            if (in == null) {
                throw new IllegalStateException("tracking/page.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
