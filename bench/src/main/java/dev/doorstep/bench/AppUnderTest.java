package dev.doorstep.bench;

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
import java.util.Map;

/** The built app ({@code api/target/doorstep.jar}) on embedded servers in a fresh data directory, or a given URL. */
final class AppUnderTest implements AutoCloseable {

    private final String url;
    private final Process process;
    private final Path data;

    private AppUnderTest(String url, Process process, Path data) {
        this.url = url;
        this.process = process;
        this.data = data;
    }

    static AppUnderTest at(String url) throws Exception {
        return at(url, Map.of());
    }

    /** As {@link #at(String)}, with extra environment for the started app (e.g. another Redis). */
    static AppUnderTest at(String url, Map<String, String> env) throws Exception {
        if (url != null) {
            return new AppUnderTest(url, null, null);
        }
        Path jar = Path.of("api/target/doorstep.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the app first: ./mvnw -B -DskipTests package");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("doorstep-bench");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("DOORSTEP_DATA_DIR", data.toString());
        // The bench takes its tokens from /local/tokens, also when it points the app at a Redis of its own.
        builder.environment().put("DOORSTEP_DEV_MODE", "true");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(data.resolve("app.log").toFile());
        AppUnderTest app = new AppUnderTest("http://localhost:" + port, builder.start(), data);
        try {
            app.awaitReady(data);
        } catch (Exception | Error notReady) {
            // Not left running behind the bench: it holds a port, its embedded servers and CPU.
            app.close();
            throw notReady;
        }
        return app;
    }

    String url() {
        return url;
    }

    /** CPU time the app's JVM has used so far (not its embedded servers), or null for an app at a given URL. */
    Duration cpu() {
        return process == null ? null : process.info().totalCpuDuration().orElse(null);
    }

    /** The started app's data directory (its embedded servers' files); null for an app at a given URL. */
    Path dataDir() {
        return data;
    }

    /** The started app's process id (for {@code jcmd}); -1 for an app at a given URL. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * The port of the started app's embedded PostgreSQL (user postgres, database postgres, no password on
     * loopback), from the postmaster's pid file: its fourth line.
     */
    int postgresPort() throws IOException {
        if (data == null) {
            throw new IllegalStateException("the embedded PostgreSQL is known only for an app the bench started");
        }
        return Integer.parseInt(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip());
    }

    private void awaitReady(Path data) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        // A shared machine under load has taken over 3 minutes to start the app.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the app did not become ready; see " + data.resolve("app.log"));
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
