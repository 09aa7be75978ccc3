package dev.doorstep.api.dsp;

import dev.doorstep.api.web.ContentSecurityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher portal: one static page (no build step) with its scripts under {@code /dsp/*.js}, calling the
 * same {@code /v1/**} API as every client with the dispatcher's token. {@code /dsp/callback} is where the external
 * issuer sends the browser back with the authorization code; the same page finishes the sign-in there.
 */
@RestController
class PortalPageHandler {

    private final PortalSettings settings;
    private final IssuerDiscovery discovery;
    private final JsonMapper json;
    private final String template;

    PortalPageHandler(PortalSettings settings, IssuerDiscovery discovery, JsonMapper json) {
        this.settings = settings;
        this.discovery = discovery;
        this.json = json;
        // Read once at start-up: no file I/O on the event loop.
        this.template = template();
    }

    @GetMapping(path = "/dsp", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> portal() {
        return page();
    }

    /** The portal's address as often typed, with a slash: one address for the page, so one place for its links. */
    @GetMapping("/dsp/")
    Mono<ResponseEntity<Void>> slash() {
        return Mono.just(ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT).location(URI.create("/dsp")).build());
    }

    @GetMapping(path = "/dsp/callback", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> callback() {
        return page();
    }

    private Mono<ResponseEntity<String>> page() {
        return discovery.endpoints().map(Optional::of).defaultIfEmpty(Optional.empty())
                .map(endpoints -> {
                    String html = render(endpoints.orElse(null));
                    return ResponseEntity.ok()
                            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                            // The code and state in the callback URL stay out of Referer headers and caches.
                            .header("Referrer-Policy", "no-referrer")
                            .header("Cache-Control", "no-store")
                            .header(ContentSecurityPolicy.HEADER, policy(html, endpoints.orElse(null)))
                            .body(html);
                });
    }

    /** The page's own scripts, the map's tiles and, with an external issuer, its token endpoint (code exchange). */
    private String policy(String html, IssuerDiscovery.Endpoints external) {
        return new ContentSecurityPolicy()
                .images(ContentSecurityPolicy.originOf(settings.tileUrl()))
                .connections(external == null ? List.of() : ContentSecurityPolicy.originOf(external.token()))
                .forPage(html);
    }

    private String render(IssuerDiscovery.Endpoints external) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tileUrl", settings.tileUrl());
        config.put("tileAttribution", settings.tileAttribution());
        boolean local = discovery.local();
        config.put("issuer", local ? "local" : "external");
        if (!local) {
            config.put("issuerName", settings.issuerName().isBlank() && external != null
                    ? URI.create(external.issuer()).getHost() : settings.issuerName());
            config.put("clientId", settings.clientId());
            config.put("scopes", settings.scopes());
            config.put("authorizationEndpoint", external == null ? null : external.authorization());
            config.put("tokenEndpoint", external == null ? null : external.token());
        }
        // "<" escaped so the JSON cannot close the script element.
        return template.replace("/*CONFIG*/null", json.writeValueAsString(config).replace("<", "\\u003c"));
    }

    private static String template() {
        try (InputStream in = PortalPageHandler.class.getResourceAsStream("/dsp-portal/index.html")) {
            if (in == null) {
                throw new IllegalStateException("dsp-portal/index.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
