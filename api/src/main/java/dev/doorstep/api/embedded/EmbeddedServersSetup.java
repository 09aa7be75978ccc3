package dev.doorstep.api.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Before any bean exists: when no PostgreSQL or Redis is configured, start embedded ones in the data
 * directory and point Spring's standard connection properties at them, so the rest of the app never
 * knows the difference. Also derives Flyway's JDBC URL from an external R2DBC URL.
 */
public class EmbeddedServersSetup implements EnvironmentPostProcessor {

    static final String SOURCE = "doorstepEmbeddedServers";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE)) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("doorstep.data-dir", "./data"));
        boolean needPostgres = !postgresConfigured(env);
        boolean needRedis = !redisConfigured(env);
        Map<String, Object> props = new HashMap<>();
        props.put("doorstep.embedded.data-dir", dataDir.toAbsolutePath().normalize().toString());
        if (needPostgres || needRedis) {
            requireEmbeddedServers(needPostgres, needRedis);
            EmbeddedServers servers = EmbeddedServers.acquire(dataDir, needPostgres, needRedis);
            application.addInitializers(context -> releaseOnClose(context, servers));
            servers.postgresPort().ifPresent(port -> {
                props.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:" + port + "/postgres");
                props.put("spring.r2dbc.username", "postgres");
                props.put("spring.r2dbc.password", "");
                props.put("spring.flyway.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
                props.put("spring.flyway.user", "postgres");
                props.put("spring.flyway.password", "");
                props.put("doorstep.embedded.postgres", "true");
            });
            servers.redisPort().ifPresent(port -> {
                props.put("spring.data.redis.host", "127.0.0.1");
                props.put("spring.data.redis.port", port);
                props.put("spring.data.redis.password", servers.redisPassword().orElseThrow());
                props.put("doorstep.embedded.redis", "true");
            });
        }
        if (!needPostgres && !env.containsProperty("spring.flyway.url")) {
            String r2dbc = env.getProperty("spring.r2dbc.url", "");
            props.put("spring.flyway.url", r2dbc.replaceFirst("^r2dbc:(pool:)?", "jdbc:").replaceFirst("\\?.*$", ""));
            props.put("spring.flyway.user", env.getProperty("spring.r2dbc.username", ""));
            props.put("spring.flyway.password", env.getProperty("spring.r2dbc.password", ""));
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, props));
    }

    /**
     * The container image leaves the embedded servers out (their binaries are most of the jar's size): there, a
     * missing connection setting is a configuration error, said as such rather than as a missing class.
     */
    static void requireEmbeddedServers(boolean postgres, boolean redis) {
        ClassLoader loader = EmbeddedServersSetup.class.getClassLoader();
        List<String> missing = new ArrayList<>();
        if (postgres && !ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", loader)) {
            missing.add("PostgreSQL (set SPRING_R2DBC_URL, SPRING_R2DBC_USERNAME, SPRING_R2DBC_PASSWORD)");
        }
        if (redis && !ClassUtils.isPresent("redis.embedded.RedisServer", loader)) {
            missing.add("Redis (set SPRING_DATA_REDIS_HOST or SPRING_DATA_REDIS_URL, and SPRING_DATA_REDIS_PASSWORD)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("This build has no embedded servers (the container image): configure an "
                    + "external " + String.join(" and an external ", missing));
        }
    }

    /** Whether neither PostgreSQL nor Redis is configured: the one-command start on embedded servers. */
    public static boolean isEmbeddedDefault(Environment env) {
        return !postgresConfigured(env) && !redisConfigured(env);
    }

    private static boolean postgresConfigured(Environment env) {
        return env.containsProperty("spring.r2dbc.url");
    }

    private static boolean redisConfigured(Environment env) {
        return Stream.of("spring.data.redis.host", "spring.data.redis.url", "spring.data.redis.cluster.nodes",
                "spring.data.redis.sentinel.master").anyMatch(env::containsProperty);
    }

    private static void releaseOnClose(ConfigurableApplicationContext context, EmbeddedServers servers) {
        // Registered first, destroyed last: the connection pools close before the servers stop.
        ((org.springframework.beans.factory.support.DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("embeddedServersRelease", servers::release);
    }
}
