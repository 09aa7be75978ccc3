package dev.doorstep.api.security;

import dev.doorstep.api.problems.Problem;
import dev.doorstep.api.problems.ProblemType;
import dev.doorstep.api.web.ClientAddress;
import dev.doorstep.api.problems.RateLimited;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The local issuer's endpoints: OIDC discovery, JWKS, the token endpoint (client_credentials for service
 * clients, password for dispatchers), service
 * client registration, and {@code /local/tokens} for any persona (demo, bench, tests). None exists
 * while an external issuer is configured.
 */
@RestController
@ConditionalOnLocalIssuer
class LocalIssuerEndpoints {

    private final LocalIssuer issuer;
    private final ServiceClients clients;
    private final DispatcherSignIn dispatchers;
    private final ClientAddress clientAddress;

    LocalIssuerEndpoints(LocalIssuer issuer, ServiceClients clients, DispatcherSignIn dispatchers,
            ClientAddress clientAddress) {
        this.issuer = issuer;
        this.clients = clients;
        this.dispatchers = dispatchers;
        this.clientAddress = clientAddress;
    }

    record PersonaRequest(@NotBlank @Size(max = 200) String sub, @NotNull @NotEmpty List<@NotNull Role> roles, String dsp) {
    }

    record ServiceClientRequest(@NotBlank @Size(max = 200) String name, List<Role> roles) {
    }

    @GetMapping("/.well-known/openid-configuration")
    Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer.issuer());
        doc.put("jwks_uri", issuer.issuer() + "/oauth2/jwks");
        doc.put("token_endpoint", issuer.issuer() + "/oauth2/token");
        doc.put("grant_types_supported", List.of("client_credentials", "password"));
        // "none": the dispatcher portal is a public client, named by client_id alone.
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("response_types_supported", List.of("token"));
        return doc;
    }

    @GetMapping("/oauth2/jwks")
    Map<String, Object> jwks() {
        return issuer.jwks();
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Object>> token(ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return exchange.getFormData().flatMap(form -> "password".equals(form.getFirst("grant_type"))
                ? passwordGrant(form, authorization, clientAddress(exchange))
                : token(form, authorization));
    }

    private Mono<ResponseEntity<Object>> token(MultiValueMap<String, String> form, String authorization) {
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return Mono.just(oauthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Only the client_credentials and password grants are supported"));
        }
        String[] credentials = credentials(authorization, form);
        if (credentials == null) {
            return Mono.just(oauthError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed"));
        }
        return clients.authenticate(credentials[0], credentials[1])
                .flatMap(client -> issuer.issue(client.clientId(), client.roles(), null))
                .map(LocalIssuerEndpoints::issued)
                .defaultIfEmpty(oauthError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed"));
    }

    /**
     * A dispatcher signs in through the portal (a public client). Every request spends its address's budget,
     * even a malformed one; an unknown username, a wrong password and an inactive account answer alike.
     */
    private Mono<ResponseEntity<Object>> passwordGrant(MultiValueMap<String, String> form, String authorization,
            String address) {
        String username = form.getFirst("username");
        String password = form.getFirst("password");
        String clientId = publicClientId(form, authorization);
        return dispatchers.admitAddress(address)
                .then(Mono.defer(() -> {
                    if (isBlank(username) || password == null || isBlank(clientId)) {
                        return Mono.just(oauthError(HttpStatus.BAD_REQUEST, "invalid_request",
                                "The password grant needs username, password and client_id"));
                    }
                    if (!dispatchers.clientId().equals(clientId)) {
                        return Mono.just(oauthError(HttpStatus.UNAUTHORIZED, "invalid_client",
                                "Client authentication failed"));
                    }
                    return dispatchers.signIn(username, password)
                            .map(LocalIssuerEndpoints::issued)
                            .defaultIfEmpty(oauthError(HttpStatus.BAD_REQUEST, "invalid_grant",
                                    "Wrong username or password, or the account is inactive"));
                }))
                .onErrorResume(RateLimited.class, limited -> Mono.just(slowDown(limited)));
    }

    private static ResponseEntity<Object> issued(LocalIssuer.IssuedToken token) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(token);
    }

    private static ResponseEntity<Object> slowDown(RateLimited limited) {
        ResponseEntity<Object> error = oauthError(HttpStatus.TOO_MANY_REQUESTS, "slow_down",
                "Too many sign-in attempts; try again in " + limited.retryAfterSeconds() + " s");
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds())).body(error.getBody());
    }

    /** The form's client_id, or the HTTP Basic user: some OAuth libraries name a public client so. */
    private static String publicClientId(MultiValueMap<String, String> form, String authorization) {
        String[] basic = form.getFirst("client_id") == null ? credentials(authorization, form) : null;
        return basic == null ? form.getFirst("client_id") : basic[0];
    }

    private String clientAddress(ServerWebExchange exchange) {
        return clientAddress.of(exchange.getRequest());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @PostMapping("/local/tokens")
    Mono<LocalIssuer.IssuedToken> persona(@Valid @RequestBody PersonaRequest request) {
        if (request.roles().contains(Role.DISPATCHER) && (request.dsp() == null || request.dsp().isBlank())) {
            throw InvalidInput.of("dsp", "is required for the DISPATCHER role");
        }
        return issuer.issue(request.sub(), request.roles(), request.dsp());
    }

    @PostMapping("/v1/service-clients")
    Mono<ResponseEntity<ServiceClients.Registered>> registerClient(@Valid @RequestBody ServiceClientRequest request) {
        List<Role> roles = request.roles() == null || request.roles().isEmpty() ? List.of(Role.SERVICE) : request.roles();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i) != Role.SERVICE && roles.get(i) != Role.STATION_OPS) {
                errors.add(new FieldError("roles[" + i + "]", "a service client may hold SERVICE or STATION_OPS"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        return clients.register(request.name().strip(), roles)
                .map(r -> ResponseEntity.created(URI.create("/v1/service-clients/" + r.clientId())).body(r));
    }

    /** client_secret_basic first, then client_secret_post; null when neither is present. */
    private static String[] credentials(String authorization, MultiValueMap<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String id = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        return id == null || secret == null ? null : new String[] {id, secret};
    }

    /** RFC 6749's error member inside an RFC 9457 problem, so OAuth clients and problem readers both understand. */
    private static ResponseEntity<Object> oauthError(HttpStatus status, String error, String description) {
        ProblemType type = switch (status) {
            case UNAUTHORIZED -> ProblemType.UNAUTHORIZED;
            case TOO_MANY_REQUESTS -> ProblemType.RATE_LIMITED;
            default -> ProblemType.VALIDATION;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        Problem problem = Problem.of(type, description);
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", status.value());
        body.put("detail", description);
        body.put("error", error);
        body.put("error_description", description);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"doorstep\"");
        }
        return response.body(body);
    }
}
