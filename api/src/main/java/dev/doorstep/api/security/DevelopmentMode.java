package dev.doorstep.api.security;

import dev.doorstep.api.embedded.EmbeddedServersSetup;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Development mode ({@code doorstep.dev-mode}) is what lets the local issuer sign tokens, {@code /local/tokens}
 * included, for anyone who asks. Unset, it is on exactly when the app runs on the embedded default (no PostgreSQL,
 * no Redis and no issuer configured). Outside it, an app without an external issuer would accept no token at all, so it
 * refuses to start and says what to set. Runs after application.yml is read and before any embedded server starts.
 */
public class DevelopmentMode implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY = "doorstep.dev-mode";
    static final String SOURCE = "doorstepDevelopmentMode";

    /** Whether the local issuer mints tokens for anyone: development mode and no external issuer. */
    public static boolean localTokensOn(Environment env) {
        return env.getProperty(PROPERTY, Boolean.class, false)
                && env.getProperty("doorstep.security.issuer-uri", "").isBlank();
    }

    @Override
    public int getOrder() {
        // After ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10), before EmbeddedServersSetup.
        return 0;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE)) {
            return;
        }
        String explicit = env.getProperty(PROPERTY, "").strip();
        boolean noIssuer = env.getProperty("doorstep.security.issuer-uri", "").isBlank();
        boolean on = explicit.isEmpty() ? EmbeddedServersSetup.isEmbeddedDefault(env) && noIssuer
                : Boolean.parseBoolean(explicit);
        if (!on && noIssuer) {
            throw new IllegalStateException("Doorstep has no token issuer: with PostgreSQL or Redis configured (or "
                    + PROPERTY + "=false) the development-only local issuer is off. Set doorstep.security.issuer-uri "
                    + "(DOORSTEP_ISSUER_URI) to your OIDC issuer, or set " + PROPERTY + "=true (DOORSTEP_DEV_MODE) "
                    + "for a development setup in which anyone may mint tokens at POST /local/tokens.");
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of(PROPERTY, on)));
    }
}
