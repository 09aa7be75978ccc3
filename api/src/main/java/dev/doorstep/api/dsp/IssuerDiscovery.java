package dev.doorstep.api.dsp;

import dev.doorstep.api.security.SecuritySettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The external issuer's authorization and token endpoints, read from its discovery document: at start-up in the
 * background and again on a page load until it has been read once. Empty with the local issuer, or while the
 * issuer cannot be reached (the portal then says so instead of offering a broken sign-in).
 */
@Component
class IssuerDiscovery {

    private static final Logger log = LoggerFactory.getLogger(IssuerDiscovery.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final SecuritySettings settings;
    private final WebClient http = WebClient.builder().build();
    private final AtomicReference<Endpoints> known = new AtomicReference<>();

    IssuerDiscovery(SecuritySettings settings) {
        this.settings = settings;
    }

    /** Where the browser sends the dispatcher to sign in and then exchanges the code. */
    record Endpoints(String issuer, String authorization, String token) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void readAtStart() {
        endpoints().subscribe();
    }

    boolean local() {
        return settings.localIssuer();
    }

    Mono<Endpoints> endpoints() {
        if (local()) {
            return Mono.empty();
        }
        Endpoints cached = known.get();
        return cached != null ? Mono.just(cached) : read().doOnNext(known::set);
    }

    private Mono<Endpoints> read() {
        String issuer = settings.issuerUri().endsWith("/")
                ? settings.issuerUri().substring(0, settings.issuerUri().length() - 1) : settings.issuerUri();
        return http.get().uri(URI.create(issuer + "/.well-known/openid-configuration")).retrieve()
                .bodyToMono(JSON)
                .timeout(Duration.ofSeconds(3))
                .flatMap(doc -> doc.get("authorization_endpoint") instanceof String authorize
                        && doc.get("token_endpoint") instanceof String token
                        ? Mono.just(new Endpoints(issuer, authorize, token))
                        : Mono.<Endpoints>empty().doOnSubscribe(s -> log.warn(
                                "The issuer's discovery document names no authorization or token endpoint")))
                .onErrorResume(e -> {
                    log.warn("Cannot read the issuer's discovery document: {}", e.toString());
                    return Mono.empty();
                });
    }
}
