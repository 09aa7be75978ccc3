package dev.doorstep.dispatch.dispatchers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.errors.InvalidInput;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.test.StepVerifier;

class PasswordsUnitTests {

    private static final String PASSWORD = "correct horse battery";

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger comparisons = new AtomicInteger();
    private final Passwords passwords = new Passwords(new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            comparisons.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    });

    @Test
    void anUnknownAccountCostsOneFullComparisonLikeAWrongPassword() {
        String hash = passwords.hash(PASSWORD).block();

        StepVerifier.create(passwords.matches("not the password", hash)).expectNext(false).verifyComplete();
        StepVerifier.create(passwords.matches(PASSWORD, null)).expectNext(false).verifyComplete();

        assertThat(hash).startsWith("{bcrypt}");
        assertThat(comparisons).hasValue(2);
        StepVerifier.create(passwords.matches(PASSWORD, hash)).expectNext(true).verifyComplete();
    }

    @Test
    void bytesPastWhatBcryptReadsNeitherMakeAPasswordNorSignIn() {
        String longest = "a".repeat(Passwords.MAX_LENGTH);
        String hash = passwords.hash(longest).block();

        StepVerifier.create(passwords.matches(longest + "b", hash)).expectNext(false).verifyComplete();
        StepVerifier.create(passwords.hash("é".repeat(40)))
                .expectErrorSatisfies(e -> assertThat(((InvalidInput) e).errors().get(0).field()).isEqualTo("password"))
                .verify();
    }
}
