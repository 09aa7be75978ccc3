package dev.doorstep.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /}: a small page that leads a newcomer to the dispatcher portal, the driver app and the API documentation. */
@RestController
class LandingPageHandler {

    private final String page;
    private final String policy;

    LandingPageHandler() {
        // Read once at start-up: no file I/O on the event loop.
        try (InputStream in = LandingPageHandler.class.getResourceAsStream("/landing/index.html")) {
            if (in == null) {
                throw new IllegalStateException("landing/index.html is missing from the classpath");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.policy = new ContentSecurityPolicy().forPage(page);
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> landing() {
        return Mono.just(ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(ContentSecurityPolicy.HEADER, policy).body(page));
    }
}
