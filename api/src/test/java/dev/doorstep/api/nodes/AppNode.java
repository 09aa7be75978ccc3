package dev.doorstep.api.nodes;

import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.SharedDataDir;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.core.env.Environment;

/**
 * An app node in a JVM of its own (the test classpath, {@link DoorstepApplication}) on the shared test app's
 * PostgreSQL and Redis, its signing key and public URL: a real process, to be stopped or killed with {@code kill -9}.
 * Its output goes to {@code target/nodes/<name>.log}.
 */
final class AppNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;

    private AppNode(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a node beside the shared app ({@code shared}, listening on {@code sharedPort}); {@code settings} add
     * to or replace the defaults (such as {@code spring.r2dbc.url} for a PostgreSQL of its own).
     */
    static AppNode start(String name, Environment shared, int sharedPort, Map<String, String> settings)
            throws IOException {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", Integer.toString(port));
        all.put("doorstep.data-dir", SharedDataDir.PATH);
        all.put("spring.r2dbc.url", shared.getProperty("spring.r2dbc.url"));
        all.put("spring.r2dbc.username", "postgres");
        all.put("spring.data.redis.host", "127.0.0.1");
        all.put("spring.data.redis.port", shared.getProperty("spring.data.redis.port"));
        all.put("spring.data.redis.password", shared.getProperty("spring.data.redis.password"));
        // The shared app's local issuer signs the tests' tokens; this node checks them with the same key.
        all.put("doorstep.dev-mode", "true");
        all.put("doorstep.security.public-url", "http://localhost:" + sharedPort);
        all.put("doorstep.api.driver-rate-limit.burst", shared.getProperty("doorstep.api.driver-rate-limit.burst"));
        all.put("doorstep.dispatch.returns.missing-check-every", "1000d");
        // As on the shared app: no planner warm-up (CPU the other JVMs of the suite need; PlanWarmUpUnitTests has it).
        all.put("doorstep.dispatch.planning.warm-up.budget", "0s");
        // As on the shared app: the push pipeline runs only where a test asks for it.
        all.put("doorstep.notifications.relay.enabled", "false");
        all.put("doorstep.notifications.push.enabled", "false");
        for (String tiles : List.of("tracking-page", "portal", "driver-app")) {
            all.put("doorstep.api." + tiles + ".tile-url", "");
        }
        all.putAll(settings);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DoorstepApplication.class.getName()));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "nodes", name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppNode node = new AppNode(name, port, process);
        node.awaitReady(Duration.ofMinutes(4));
        return node;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /**
     * Whether {@code solverNode} (a {@code plans.solver_node}: the JVM's {@code pid@host} and a random part) names
     * this node.
     */
    boolean names(String solverNode) {
        return solverNode != null && solverNode.startsWith(process.pid() + "@");
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no graceful end of the requests in flight. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void awaitReady(Duration patience) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue()
                        + "; see target/nodes/" + name + ".log");
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " not ready within " + patience + "; see target/nodes/"
                + name + ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
