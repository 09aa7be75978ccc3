package dev.doorstep.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.doorstep.api.web.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The embedded issuer: signs tokens with an RSA key kept in the data directory, so tokens stay valid
 * across restarts. Only as much of an authorization server as the local default needs.
 */
public final class LocalIssuer {

    private final RSAKey key;
    private final NimbusJwtEncoder encoder;
    private final SecuritySettings settings;
    private volatile String issuer;

    LocalIssuer(Path keyFile, SecuritySettings settings) {
        this.key = loadOrCreate(keyFile);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        this.settings = settings;
        this.issuer = settings.publicUrl();
    }

    /**
     * A signed access token for {@code subject} with the given roles (and DSP for dispatchers). RSA signing
     * draws blinding randomness from the OS (a blocking read), so it runs off the event loop.
     */
    public Mono<IssuedToken> issue(String subject, Collection<Role> roles, String dspId) {
        return issue(subject, roles, dspId, Map.of());
    }

    /** As {@link #issue(String, Collection, String)}, with more claims such as a display {@code name}. */
    public Mono<IssuedToken> issue(String subject, Collection<Role> roles, String dspId, Map<String, Object> more) {
        return Mono.fromCallable(() -> sign(subject, roles, dspId, more)).subscribeOn(Schedulers.boundedElastic());
    }

    private IssuedToken sign(String subject, Collection<Role> roles, String dspId, Map<String, Object> more) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer())
                .subject(subject)
                .audience(List.of(settings.audience()))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(settings.tokenTtl()))
                .id(dev.doorstep.dispatch.ids.Ids.uuid().toString())
                .claim("roles", roles.stream().map(Role::name).toList());
        if (dspId != null) {
            claims.claim("dsp", dspId);
        }
        more.forEach(claims::claim);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, "Bearer", settings.tokenTtl().toSeconds());
    }

    /** The {@code iss} of our tokens: the configured public URL, or this server's own URL once it listens. */
    public String issuer() {
        return issuer;
    }

    /** With no public URL configured, or port 0 (a random port), the issuer is known only once the server listens. */
    void serverListensOn(int port) {
        String configured = settings.publicUrl();
        if (configured == null || configured.isBlank() || configured.endsWith(":0")) {
            issuer = "http://localhost:" + port;
        }
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half as a JWK Set document. */
    public java.util.Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    private static RSAKey loadOrCreate(Path keyFile) {
        try {
            return RSAKey.parse(KeyFiles.readOrCreate(keyFile, () -> new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString()).generate().toJSONString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key " + keyFile, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key " + keyFile + " is unreadable", e);
        }
    }

    /** The OAuth2 token response. */
    public record IssuedToken(
            @com.fasterxml.jackson.annotation.JsonProperty("access_token") String accessToken,
            @com.fasterxml.jackson.annotation.JsonProperty("token_type") String tokenType,
            @com.fasterxml.jackson.annotation.JsonProperty("expires_in") long expiresIn) {
    }
}
