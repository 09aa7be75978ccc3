package dev.doorstep.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens signed by keys of the test's choosing, as an external issuer (or a forger) would make them. */
final class ForeignTokens {

    static final RSAKey OTHER_KEY = generate("other");

    private ForeignTokens() {
    }

    static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signed(String subject, List<String> roles, String issuer, String audience, long ttlSeconds) {
        return signed(OTHER_KEY, subject, roles, issuer, audience, ttlSeconds);
    }

    static String signed(RSAKey key, String subject, List<String> roles, String issuer, String audience,
            long ttlSeconds) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now.minusSeconds(Math.max(0, -ttlSeconds) + 60)))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .claim("roles", roles)
                .build();
        return signed(key, claims);
    }

    /** Any claims at all, signed: for tokens whose signature is good and whose content is not. */
    static String signed(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
