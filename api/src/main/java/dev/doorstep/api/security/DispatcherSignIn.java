package dev.doorstep.api.security;

import dev.doorstep.api.problems.RateLimited;
import dev.doorstep.api.web.TokenBuckets;
import dev.doorstep.dispatch.dispatchers.Dispatchers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A dispatcher's sign-in with username and password (the OAuth password grant of the local issuer). The client
 * address's budget is spent first, then the username's; a success forgets the username's failures only.
 */
@Component
@ConditionalOnLocalIssuer
class DispatcherSignIn {

    private static final int LONGEST_USERNAME = 100;

    private final Dispatchers dispatchers;
    private final LocalIssuer issuer;
    private final TokenBuckets buckets;
    private final DispatcherLoginSettings settings;

    DispatcherSignIn(Dispatchers dispatchers, LocalIssuer issuer, TokenBuckets buckets,
            DispatcherLoginSettings settings) {
        this.dispatchers = dispatchers;
        this.issuer = issuer;
        this.buckets = buckets;
        this.settings = settings;
    }

    /** Fails with {@link RateLimited} when the address has used up its budget; otherwise lets the attempt on. */
    Mono<Void> admitAddress(String address) {
        return buckets.take("doorstep:rate:login:address:{" + address + "}", settings.attemptsPerAddress(),
                settings.addressRefill());
    }

    /**
     * A dispatcher token for an active account whose password matches; empty for a wrong username or password
     * or an inactive account; {@link RateLimited} past the username's failures.
     */
    Mono<LocalIssuer.IssuedToken> signIn(String username, String password) {
        String normalised = username.strip().toLowerCase(Locale.ROOT);
        String key = "doorstep:rate:login:username:{"
                + normalised.substring(0, Math.min(normalised.length(), LONGEST_USERNAME)) + "}";
        return buckets.take(key, settings.failuresPerUsername(), settings.usernameRefill())
                .then(dispatchers.signIn(normalised, password))
                .flatMap(account -> buckets.forget(key)
                        .then(issuer.issue(account.id(), List.of(Role.DISPATCHER), account.dspId(),
                                Map.of("name", account.name()))));
    }

    String clientId() {
        return settings.clientId();
    }
}
