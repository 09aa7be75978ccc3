package dev.doorstep.api.web;

import dev.doorstep.api.security.DevelopmentMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** At start-up: which PostgreSQL and Redis the app uses, where its data is, development mode; the URLs to open. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger("doorstep.startup");

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        boolean embeddedPostgres = env.getProperty("doorstep.embedded.postgres", Boolean.class, false);
        boolean embeddedRedis = env.getProperty("doorstep.embedded.redis", Boolean.class, false);
        String redis = env.getProperty("spring.data.redis.cluster.nodes") != null
                ? "cluster " + env.getProperty("spring.data.redis.cluster.nodes")
                : env.getProperty("spring.data.redis.url", env.getProperty("spring.data.redis.host", "localhost")
                        + ":" + env.getProperty("spring.data.redis.port", "6379"));
        String postgres = String.valueOf(env.getProperty("spring.r2dbc.url")).replaceAll("//[^@/]*@", "//");
        log.info("Doorstep uses PostgreSQL {} ({}) and Redis {} ({}); data directory {}; issuer {}{}",
                postgres, embeddedPostgres ? "embedded" : "external", redis, embeddedRedis ? "embedded" : "external",
                env.getProperty("doorstep.embedded.data-dir"),
                env.getProperty("doorstep.security.issuer-uri", "").isBlank() ? "local" : env.getProperty("doorstep.security.issuer-uri"),
                DevelopmentMode.localTokensOn(env)
                        ? "; DEVELOPMENT MODE: anyone may mint a token for any role at POST /local/tokens, never expose it"
                        : "");
        String base = baseUrl(env, event.getApplicationContext());
        log.info("Doorstep is ready: DSP portal {}/dsp, Swagger UI {}/swagger-ui.html, contract {}/v3/api-docs, "
                + "health {}/actuator/health", base, base, base, base);
    }

    /** The configured public URL, else this machine's loopback and the port the server really listens on. */
    private static String baseUrl(Environment env, ApplicationContext context) {
        String configured = env.getProperty("doorstep.security.public-url", "");
        if (!configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort()
                : env.getProperty("server.port", Integer.class, 8080);
        return "http://localhost:" + port;
    }
}
