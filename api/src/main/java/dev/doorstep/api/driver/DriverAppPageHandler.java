package dev.doorstep.api.driver;

import dev.doorstep.api.security.SecuritySettings;
import dev.doorstep.api.web.ContentSecurityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The driver web app: one page (no build step) with its scripts, manifest and service worker under
 * {@code /driver/}, calling the same {@code /v1/driver/**} API as any driver app with the driver's token. The page
 * lives at {@code /driver/} so that the service worker ({@code /driver/sw.js}) controls it; {@code /driver/callback}
 * is where the external issuer sends the browser back with the authorization code.
 */
@RestController
class DriverAppPageHandler {

    private final String page;
    private final String policy;

    DriverAppPageHandler(DriverAppSettings settings, SecuritySettings security, JsonMapper json) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tileUrl", settings.tileUrl());
        config.put("tileAttribution", settings.tileAttribution());
        boolean local = security.localIssuer();
        config.put("issuer", local ? "local" : "external");
        ContentSecurityPolicy csp = new ContentSecurityPolicy().images(ContentSecurityPolicy.originOf(settings.tileUrl()));
        if (!local) {
            config.put("issuerUri", security.issuerUri());
            config.put("issuerName", settings.issuerName().isBlank() ? URI.create(security.issuerUri()).getHost()
                    : settings.issuerName());
            config.put("clientId", settings.clientId());
            config.put("scopes", settings.scopes());
            // The page reads the issuer's discovery document and exchanges the code at its token endpoint.
            csp.connections(ContentSecurityPolicy.originOf(security.issuerUri()));
        }
        boolean push = !settings.fcmWebConfig().isBlank();
        config.put("fcmWebConfig", push ? json.readTree(settings.fcmWebConfig()) : null);
        config.put("fcmVapidKey", settings.fcmVapidKey());
        if (push) {
            // The Firebase web SDK, imported after sign-in, and its registration services.
            csp.scripts(List.of("https://www.gstatic.com")).connections(List.of("https://*.googleapis.com"));
        }
        // Read once at start-up: no file I/O on the event loop. "<" escaped so the JSON cannot close the script.
        this.page = template().replace("/*CONFIG*/null", json.writeValueAsString(config).replace("<", "\\u003c"));
        this.policy = csp.forPage(page);
    }

    /** The address people type; the app itself is one level down, inside its service worker's scope. */
    @GetMapping("/driver")
    ResponseEntity<Void> app() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/driver/")).build();
    }

    @GetMapping(path = {"/driver/", "/driver/callback"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                // The code and state in the callback URL stay out of Referer headers (to the tile server, say).
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .header(ContentSecurityPolicy.HEADER, policy)
                .body(page);
    }

    private static String template() {
        try (InputStream in = DriverAppPageHandler.class.getResourceAsStream("/driver-app/index.html")) {
            if (in == null) {
                throw new IllegalStateException("driver-app/index.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
