package dev.doorstep.dispatch.dispatchers;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.ids.Ids;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Password hashing of dispatcher accounts. Hashing is deliberately slow (bcrypt), so it never runs on the
 * event loop; a missing account is compared against a dummy hash so that it takes as long as a wrong password.
 */
@Component
class Passwords {

    static final String USERNAME = "[a-z0-9._@-]{3,100}";
    static final int MIN_LENGTH = 12;
    /** bcrypt reads only the first 72 bytes of a password (and Spring's encoder refuses more). */
    static final int MAX_LENGTH = 72;

    private final PasswordEncoder encoder;
    private final Mono<String> dummyHash;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.dummyHash = offLoop(() -> encoder.encode(Ids.uuid().toString())).cache();
    }

    Mono<String> hash(String password) {
        if (!fits(password)) {
            return Mono.error(InvalidInput.of("password", "must be at most " + MAX_LENGTH + " bytes in UTF-8"));
        }
        return offLoop(() -> encoder.encode(password));
    }

    /** Whether {@code password} matches {@code storedHash}; with no hash (no account) always false, as slowly. */
    Mono<Boolean> matches(String password, String storedHash) {
        String candidate = fits(password) ? password : "";
        Mono<String> hash = storedHash == null ? dummyHash : Mono.just(storedHash);
        return hash.flatMap(h -> offLoop(() -> encoder.matches(candidate, h)))
                .map(matched -> matched && storedHash != null && fits(password));
    }

    private static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_LENGTH;
    }

    private static <T> Mono<T> offLoop(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
