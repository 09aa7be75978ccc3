package dev.doorstep.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the contract ({@code openapi/openapi.yaml}); Swagger UI reads it from here. */
@RestController
class OpenApiDocument {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final byte[] document;

    OpenApiDocument() {
        // Read once at start-up: no file I/O on the event loop.
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/openapi.yaml is missing from the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<byte[]> openapi() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
