package dev.doorstep.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens whose signature was verified, by their exact text, so that a driver's phone sending a
 * batch every few seconds with the same token costs one signature check, not one per request. A remembered token
 * is validated again on every use (expiry, issuer, audience, claims): it stops working at its {@code exp} as
 * before. A different text (another token, or a tampered one) is never found here and goes through the full check.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    /** Past this many tokens the memory starts over rather than grow. */
    static final int MAX_REMEMBERED = 50_000;

    private final ReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /** {@code decoder} verifies the signature and then applies {@code validator}, as Nimbus' decoders do. */
    VerifiedTokens(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
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
