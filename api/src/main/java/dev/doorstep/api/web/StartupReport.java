package dev.doorstep.api.web;

import dev.doorstep.api.security.DevelopmentMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One line at start-up: which PostgreSQL and Redis the app uses, where its data is, and development mode. */
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
    }
}
