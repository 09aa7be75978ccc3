package dev.doorstep.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dispatcher sign-in through the local issuer's password grant, and its budgets, kept in Redis so that every
 * app node shares them. Each budget is a token bucket: {@code n} attempts at once, then one more per
 * {@code window / n}.
 *
 * @param clientId the OAuth client id the dispatcher portal sends with the password grant
 * @param failuresPerUsername failed sign-ins one username may have per window; a success forgets them
 * @param attemptsPerAddress password-grant requests one client address may make per window, successes included
 * @param window the period of both budgets
 */
@ConfigurationProperties("doorstep.security.dispatcher-login")
public record DispatcherLoginSettings(String clientId, Integer failuresPerUsername, Integer attemptsPerAddress,
        Duration window) {

    public DispatcherLoginSettings {
        clientId = clientId == null || clientId.isBlank() ? "dsp-portal" : clientId;
        failuresPerUsername = failuresPerUsername == null ? 5 : failuresPerUsername;
        attemptsPerAddress = attemptsPerAddress == null ? 30 : attemptsPerAddress;
        window = window == null ? Duration.ofMinutes(15) : window;
    }

    Duration usernameRefill() {
        return window.dividedBy(failuresPerUsername);
    }

    Duration addressRefill() {
        return window.dividedBy(attemptsPerAddress);
    }
}
