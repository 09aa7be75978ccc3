package dev.doorstep.api.security;

import dev.doorstep.api.problems.ProblemWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Every {@code /v1/**} endpoint needs a bearer JWT, except the public tracking ones. Roles come from the
 * {@code roles} claim; which role may call which path is listed here, in one place. Object-level checks
 * (a driver's own work, a dispatcher's own DSP) happen in the handlers through {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    private static final String OPS = Role.STATION_OPS.name();
    private static final String DRIVER = Role.DRIVER.name();
    private static final String SERVICE = Role.SERVICE.name();
    private static final String DISPATCHER = Role.DISPATCHER.name();

    /** Probes of load balancers and orchestrators; they tell up or down, nothing more. */
    static final String[] PROBES = {"/actuator/health/liveness", "/actuator/health/readiness"};

    /**
     * The probes, open to anyone, in a chain of their own: a probe is answered without looking for a token (a
     * bearer token on a probe is not read), without the anonymous user and without the authorization rules of the
     * API, which every probe would otherwise run through. The security headers are written as on any answer.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain probes(ServerHttpSecurity http) {
        return stateless(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, PROBES)))
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .build();
    }

    /**
     * No sessions, forms, CSRF tokens or saved requests: every call brings its token. The default repository would
     * open a web session (and draw a random session id) on every request just to look for a security context in it.
     */
    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, ProblemWriter problems) {
        var entryPoint = new ProblemAuthenticationEntryPoint(problems);
        var denied = new ProblemAccessDeniedHandler(problems);
        return stateless(http)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .oauth2ResourceServer(o -> o
                        .bearerTokenConverter(bearerTokensOutsideIngest())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaims())))
                .authorizeExchange(a -> a
                        // The probes (GET) have their chain above; any other method on them is for monitoring.
                        // Metrics and component health describe the fleet's traffic and dependencies: monitoring only.
                        .pathMatchers("/actuator", "/actuator/**").hasRole(SERVICE)
                        .pathMatchers("/v1/track/**").permitAll()
                        // The dispatcher portal's page and scripts; its data comes from /v1 with the token.
                        .pathMatchers(HttpMethod.GET, "/dsp", "/dsp/**").permitAll()
                        // Tracking apps authenticate by their device key, checked by the handler.
                        .pathMatchers("/v1/ingest/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/v1/dsp/live").hasRole(DISPATCHER)
                        .pathMatchers(HttpMethod.GET, "/v1/dsp/scorecard").hasAnyRole(DISPATCHER, OPS)
                        .pathMatchers(HttpMethod.GET, "/v1/ops/drivers/*/trail").hasAnyRole(OPS, DISPATCHER)
                        .pathMatchers("/v1/ops/stations/*/drivers/near", "/v1/ops/stations/*/live").hasRole(OPS)
                        .pathMatchers(HttpMethod.POST, "/v1/stations/*/packages").hasAnyRole(OPS, SERVICE)
                        .pathMatchers(HttpMethod.POST, "/v1/stations/*/pickups").hasAnyRole(OPS, SERVICE)
                        .pathMatchers(HttpMethod.GET, "/v1/packages/*").hasAnyRole(OPS, SERVICE)
                        .pathMatchers("/v1/packages/*/tracking-links", "/v1/packages/*/tracking-links/*")
                        .hasAnyRole(OPS, SERVICE)
                        .pathMatchers(HttpMethod.PUT, "/v1/packages/*/note").hasRole(OPS)
                        // The portal's live map shows the stations its drivers work from.
                        .pathMatchers(HttpMethod.GET, "/v1/stations/*").hasAnyRole(OPS, DISPATCHER)
                        .pathMatchers("/v1/stations", "/v1/stations/**").hasRole(OPS)
                        .pathMatchers("/v1/plans/**").hasRole(OPS)
                        .pathMatchers("/v1/routes/**").hasRole(OPS)
                        .pathMatchers("/v1/dsp/**").hasRole(DISPATCHER)
                        .pathMatchers("/v1/driver/**").hasRole(DRIVER)
                        .pathMatchers(HttpMethod.GET, "/v1/ops/attempts/**").hasAnyRole(OPS, DISPATCHER)
                        // A dispatcher manages its own DSP's vans and drivers (checked in the handlers).
                        .pathMatchers("/v1/dsps/*/vans", "/v1/dsps/*/vans/*").hasAnyRole(OPS, DISPATCHER)
                        .pathMatchers("/v1/dsps", "/v1/dsps/**").hasRole(OPS)
                        .pathMatchers("/v1/drivers", "/v1/drivers/*").hasAnyRole(OPS, DISPATCHER)
                        .pathMatchers("/v1/drivers/**").hasRole(OPS)
                        .pathMatchers("/v1/service-clients").hasRole(OPS)
                        .pathMatchers("/v1/**").authenticated()
                        .anyExchange().permitAll())
                .build();
    }

    /**
     * No observation (timer, span) around each of the chain's dozen filters on every request: that instrumentation
     * cost more than the filters. Authentication and authorization stay observed, and every request is still timed
     * as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    /** Overland sends its device key as a bearer token: under /v1/ingest it is no JWT, so it is not read as one. */
    private static ServerAuthenticationConverter bearerTokensOutsideIngest() {
        var bearer = new ServerBearerTokenAuthenticationConverter();
        return exchange -> exchange.getRequest().getPath().value().startsWith("/v1/ingest/") ? Mono.empty()
                : bearer.convert(exchange);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecuritySettings settings, ObjectProvider<LocalIssuer> localIssuer) {
        NimbusReactiveJwtDecoder decoder;
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        if (settings.localIssuer()) {
            LocalIssuer local = localIssuer.getObject();
            decoder = NimbusReactiveJwtDecoder.withPublicKey(local.publicKey()).build();
            // Read at each check: on a random port the issuer URL is known only once the server listens.
            validators.add(JwtValidators.createDefault());
            validators.add(jwt -> jwt.getIssuer() != null && local.issuer().equals(jwt.getIssuer().toString())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Unknown issuer", null)));
        } else {
            // Discovery and JWKS are fetched lazily, so the app starts even while the issuer is down.
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
            validators.add(JwtValidators.createDefaultWithIssuer(settings.issuerUri()));
        }
        validators.add(audience(settings.audience()));
        validators.add(usableClaims());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // What depends on the time or the request is checked again on each use of a remembered token; the issuer,
        // audience and claims are the token's own text, checked once with its signature.
        return new VerifiedTokens(decoder, JwtValidators.createDefault());
    }

    @Bean
    @ConditionalOnLocalIssuer
    LocalIssuer localIssuer(SecuritySettings settings, @Value("${doorstep.data-dir:./data}") Path dataDir) {
        return new LocalIssuer(dataDir.resolve("keys").resolve("jwt-signing-key.json"), settings);
    }

    @Bean
    @ConditionalOnLocalIssuer
    ApplicationListener<ReactiveWebServerInitializedEvent> localIssuerUrl(LocalIssuer localIssuer) {
        return event -> localIssuer.serverListensOn(event.getWebServer().getPort());
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not meant for " + audience, null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(wrongAudience);
    }

    /**
     * A token Doorstep can act on: a subject, and a DSP for a dispatcher, each a non-empty string without NUL, and
     * roles as a list; a well-signed token without them is refused like a bad one (401), never reaches a query.
     */
    static OAuth2TokenValidator<Jwt> usableClaims() {
        OAuth2Error unusable = new OAuth2Error("invalid_token",
                "The token needs a sub, a dsp for a dispatcher, and roles as a list of strings", null);
        return jwt -> {
            Caller caller;
            try {
                caller = Caller.of(jwt);
            } catch (RuntimeException e) {
                return OAuth2TokenValidatorResult.failure(unusable);
            }
            boolean dspUsable = caller.dspId() == null ? !caller.has(Role.DISPATCHER) : usable(caller.dspId());
            return usable(caller.subject()) && dspUsable ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(unusable);
        };
    }

    private static boolean usable(String claim) {
        return claim != null && !claim.isBlank() && claim.indexOf('\0') < 0;
    }

    private static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesFromClaims() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            Caller.of(jwt).roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
            return authorities;
        });
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
