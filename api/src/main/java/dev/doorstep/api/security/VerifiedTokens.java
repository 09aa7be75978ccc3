package dev.doorstep.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens whose signature was verified, by their exact text, so that a driver's phone sending a
 * batch every few seconds with the same token costs one signature check, not one per request. What a token's text
 * alone decides (issuer, audience, claims) is checked once, with its signature; what can change between uses (the
 * time, for {@code exp} and {@code nbf}) is validated again on every use: a remembered token stops working at its
 * {@code exp} as before. A different text (another token, or a tampered one) is never found here and goes through
 * the full check.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    /** Past this many tokens the memory starts over rather than grow. */
    static final int MAX_REMEMBERED = 50_000;

    private final ReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> everyUse;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /**
     * {@code decoder} verifies the signature and applies every validator, as Nimbus' decoders do; {@code everyUse}
     * holds those of them whose answer can change for the same text (the clock's).
     */
    VerifiedTokens(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> everyUse) {
        this.decoder = decoder;
        this.everyUse = everyUse;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!everyUse.validate(known).hasErrors()) {
                return Mono.just(known);
            }
            verified.remove(token); // expired: the full check below fails it with the usual error
        }
        return decoder.decode(token).doOnNext(jwt -> {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, jwt);
        });
    }

    int size() {
        return verified.size();
    }
}
