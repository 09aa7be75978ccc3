package dev.doorstep.api.support;

import dev.doorstep.api.DoorstepApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another app node beside the shared test app: same PostgreSQL, same signing key and public URL (so the
 * first node's tokens are good here), and the shared Redis unless {@code extraArgs} point elsewhere.
 */
public final class SecondNode implements AutoCloseable {

    private final ConfigurableApplicationContext app;

    private SecondNode(ConfigurableApplicationContext app) {
        this.app = app;
    }

    public static SecondNode start(int firstNodePort, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--doorstep.data-dir=" + SharedDataDir.PATH, "--server.port=0",
                "--doorstep.security.public-url=http://localhost:" + firstNodePort,
                // The first node's local issuer signs the tests' tokens, also when extraArgs name another Redis.
                "--doorstep.dev-mode=true"));
        args.addAll(List.of(extraArgs));
        return new SecondNode(new SpringApplicationBuilder(DoorstepApplication.class).run(args.toArray(String[]::new)));
    }

    /** A bean of this node's context (its own, not the shared test app's). */
    public <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    public int port() {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    public void close() {
        app.close();
    }
}
