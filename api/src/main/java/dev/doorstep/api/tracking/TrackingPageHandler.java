package dev.doorstep.api.tracking;

import dev.doorstep.api.web.ContentSecurityPolicy;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.packages.PackageView;
import dev.doorstep.dispatch.packages.Packages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer's tracking page: one static HTML file (no build step) that reads the public tracking API and its
 * event stream, in the package's language (its manifest {@code locale}: Spanish or English). The token stays out
 * of Referer headers (to the tile server, say) and out of caches. A link that opens nothing (unknown, expired or
 * revoked, alike) gets a friendly page in a browser, and the usual problem everywhere else.
 */
@RestController
class TrackingPageHandler {

    /** The languages the pages speak; anything else reads English. */
    private static final List<String> LANGUAGES = List.of("en", "es");

    /** What the page of a link that opens nothing says, per language. */
    private static final Map<String, Map<String, String>> NOT_FOUND = Map.of(
            "en", Map.of("title", "This tracking link is not valid",
                    "why", "It may have expired after the delivery, been replaced by a newer link, or been copied "
                            + "incompletely.",
                    "what", "Please use the latest link from your shipper's message or email, or ask the shipper for "
                            + "a new one.",
                    "privacy", "For your privacy, this page shows nothing about any package."),
            "es", Map.of("title", "Este enlace de seguimiento no es válido",
                    "why", "Puede haber caducado después de la entrega, haber sido sustituido por un enlace más "
                            + "reciente o estar incompleto.",
                    "what", "Use el enlace más reciente del mensaje o correo de su remitente, o pídale uno nuevo.",
                    "privacy", "Por su privacidad, esta página no muestra nada sobre ningún paquete."));

    private final LinkAccess access;
    private final Packages packages;
    private final String page;
    private final String policy;
    private final Map<String, String> notFound = new LinkedHashMap<>();

    TrackingPageHandler(LinkAccess access, Packages packages, TrackingPageSettings settings, JsonMapper json) {
        this.access = access;
        this.packages = packages;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tileUrl", settings.tileUrl());
        config.put("tileAttribution", settings.tileAttribution());
        config.put("fcmWebConfig", settings.fcmWebConfig().isBlank() ? null : json.readTree(settings.fcmWebConfig()));
        config.put("fcmVapidKey", settings.fcmVapidKey());
        // Read once at start-up: no file I/O on the event loop. "<" escaped so the JSON cannot close the script.
        this.page = template("/tracking/page.html")
                .replace("/*CONFIG*/null", json.writeValueAsString(config).replace("<", "\\u003c"));
        ContentSecurityPolicy csp = new ContentSecurityPolicy().images(ContentSecurityPolicy.originOf(settings.tileUrl()));
        if (!settings.fcmWebConfig().isBlank()) {
            // The Firebase web SDK, imported on the customer's click, and its registration services.
            csp.scripts(List.of("https://www.gstatic.com")).connections(List.of("https://*.googleapis.com"));
        }
        this.policy = csp.forPage(page);
        String notFoundTemplate = template("/tracking/not-found.html");
        for (String language : LANGUAGES) {
            String html = notFoundTemplate.replace("{lang}", language);
            for (Map.Entry<String, String> text : NOT_FOUND.get(language).entrySet()) {
                html = html.replace("{" + text.getKey() + "}", HtmlUtils.htmlEscape(text.getValue(), "UTF-8"));
            }
            notFound.put(language, html);
        }
    }

    @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(@PathVariable String token, ServerHttpRequest request) {
        return access.opened(token, request)
                .flatMap(packages::get)
                .map(found -> html(HttpStatus.OK, page(found)))
                .onErrorResume(NotFound.class, e -> browser(request) ? Mono.just(notFound(request)) : Mono.error(e));
    }

    /**
     * The page in the package's language, naming its shipper: both outside the inline script, so its hash, and the
     * policy, stay the same.
     */
    private String page(PackageView found) {
        String shipper = found.shipperName() == null ? "" : HtmlUtils.htmlEscape(found.shipperName(), "UTF-8");
        return page.replace("<html lang=\"en\">", "<html lang=\"" + language(found) + "\">")
                .replace("<main data-shipper=\"\">", "<main data-shipper=\"" + shipper + "\">");
    }

    private ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex")
                .header(ContentSecurityPolicy.HEADER, status == HttpStatus.OK ? policy
                        : new ContentSecurityPolicy().forPage(body))
                .body(body);
    }

    /** The same page for every link that opens nothing, in the browser's language: there is no package to ask. */
    private ResponseEntity<String> notFound(ServerHttpRequest request) {
        String language = request.getHeaders().getAcceptLanguageAsLocales().stream().map(Locale::getLanguage)
                .filter(LANGUAGES::contains).findFirst().orElse("en");
        return html(HttpStatus.NOT_FOUND, notFound.get(language));
    }

    /** A browser navigating asks for text/html by name; an API client asking for anything else gets the problem. */
    private static boolean browser(ServerHttpRequest request) {
        return request.getHeaders().getAccept().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
    }

    private static String language(PackageView found) {
        String locale = found.locale() == null ? "" : found.locale().toLowerCase(Locale.ROOT);
        return LANGUAGES.stream().filter(l -> locale.equals(l) || locale.startsWith(l + "-")).findFirst().orElse("en");
    }

    private static String template(String path) {
        try (InputStream in = TrackingPageHandler.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
