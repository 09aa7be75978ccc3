package dev.doorstep.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.ApiIntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The one-command start: embedded PostgreSQL and Redis in a data directory, kept across restarts. */
class EmbeddedServersIntegrationTests extends ApiIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void readinessCoversPostgresAndRedis() {
        plainClient(port).get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP");
        plainClient(port).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void metricsAndComponentHealthNeedTheServiceRole() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator")) {
            plainClient(port).get().uri(path).exchange().expectStatus().isUnauthorized();
            plainClient(port).get().uri(path).headers(h -> h.setBearerAuth(opsToken())).exchange()
                    .expectStatus().isForbidden();
        }
        plainClient(port).get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(token("prometheus", "SERVICE")))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @Test
    void embeddedPostgresCommitsSynchronously(@Autowired DatabaseClient db) {
        // An acknowledged claim or delivery must survive a crash of the machine, not only of PostgreSQL.
        assertThat(db.sql("SHOW synchronous_commit").map(row -> row.get(0, String.class)).one().block())
                .isEqualTo("on");
        assertThat(db.sql("SHOW fsync").map(row -> row.get(0, String.class)).one().block()).isEqualTo("on");
    }

    @Test
    void embeddedRedisRefusesClientsWithoutThePasswordKeptInTheDataDirectory(@Autowired Environment shared)
            throws IOException {
        int redisPort = shared.getProperty("spring.data.redis.port", Integer.class);
        Path passwordFile = Path.of(shared.getProperty("doorstep.embedded.data-dir"), "redis", "password");
        String password = Files.readString(passwordFile).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32).isEqualTo(shared.getProperty("spring.data.redis.password"));
        assertThat(redisAnswers(redisPort, "PING")).startsWith("-NOAUTH");
        assertThat(redisAnswers(redisPort, "AUTH wrong-" + password)).startsWith("-WRONGPASS");
        assertThat(redisAnswers(redisPort, "AUTH " + password, "PING")).isEqualTo("+PONG");
    }

    @Test
    void dataAndTokensSurviveARestartAndNoServerOutlivesTheApp() throws IOException {
        String token;
        String station;
        int postgresPort;
        int redisPort;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            WebTestClient client = client(port(app));
            token = tokenFrom(client);
            station = (String) client.post().uri("/v1/stations").headers(h -> h.setBearerAuth(token))
                    .bodyValue(stationBody("Kept")).exchange()
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
            postgresPort = Integer.parseInt(app.getEnvironment().getProperty("spring.r2dbc.url").replaceAll(".*:(\\d+)/.*", "$1"));
            redisPort = app.getEnvironment().getProperty("spring.data.redis.port", Integer.class);
        }
        assertThat(listening(postgresPort)).as("postgres after shutdown").isFalse();
        assertThat(listening(redisPort)).as("redis after shutdown").isFalse();
        assertThat(Files.exists(dataDir.resolve("redis").resolve("appendonly.aof"))).isTrue();

        try (ConfigurableApplicationContext app = start(dataDir)) {
            client(port(app)).get().uri("/v1/stations/{id}", station).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Kept");
        }
    }

    @Test
    void serversLeftRunningByAKilledRunDoNotStopTheNextStart() throws Exception {
        Process crashed = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                LeftoverServers.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        int[] ports = readyPorts(crashed);
        crashed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        try (ConfigurableApplicationContext app = start(dataDir)) {
            plainClient(port(app)).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        }
        assertThat(listening(ports[0])).as("leftover postgres").isFalse();
        assertThat(listening(ports[1])).as("leftover redis").isFalse();
    }

    @Test
    void configuredServersAreUsedAndNoEmbeddedOneStarts(@Autowired Environment shared) {
        // The shared test servers stand in for a deployment's own PostgreSQL and Redis.
        String r2dbcUrl = shared.getProperty("spring.r2dbc.url");
        String redisPort = shared.getProperty("spring.data.redis.port");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DoorstepApplication.class)
                .run("--doorstep.data-dir=" + dataDir, "--server.port=0", "--spring.r2dbc.url=" + r2dbcUrl,
                        "--spring.r2dbc.username=postgres", "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + redisPort,
                        "--spring.data.redis.password=" + shared.getProperty("spring.data.redis.password"),
                        // Its tokens come from the local issuer, which needs development mode stated outright here.
                        "--doorstep.dev-mode=true")) {
            plainClient(port(app)).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            assertThat(app.getEnvironment().getProperty("doorstep.embedded.postgres")).isNull();
            assertThat(app.getEnvironment().getProperty("doorstep.embedded.redis")).isNull();
            String token = tokenFrom(client(port(app)));
            client(port(app)).get().uri("/v1/stations").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk();
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
        assertThat(dataDir.resolve("redis")).doesNotExist();
    }

    @Test
    void aStalePidFileIsIgnored() throws IOException {
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.createDirectories(dataDir.resolve("redis"));
        Files.writeString(dataDir.resolve("redis").resolve("redis.pid"), "999999\n");
        try (ConfigurableApplicationContext app = start(dataDir)) {
            plainClient(port(app)).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        }
        Files.writeString(dataDir.resolve("postgres").resolve("postmaster.pid"), "999999\n" + dataDir + "\n");
        try (ConfigurableApplicationContext app = start(dataDir)) {
            plainClient(port(app)).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments, as a user would pass them: default properties lose to application.yml.
        // One public URL for every start, as a deployment has, though each start listens on another port.
        return new SpringApplicationBuilder(DoorstepApplication.class)
                .run("--doorstep.data-dir=" + dataDir, "--server.port=0",
                        "--doorstep.security.public-url=http://doorstep.test");
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static String tokenFrom(WebTestClient client) {
        Map<?, ?> answer = client.post().uri("/local/tokens")
                .bodyValue(Map.of("sub", "ops-restart", "roles", List.of("STATION_OPS")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("access_token");
    }

    private static int[] readyPorts(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String line;
        while ((line = out.readLine()) != null && Instant.now().isBefore(deadline)) {
            if (line.startsWith("READY ")) {
                String[] parts = line.split(" ");
                return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
            }
        }
        throw new AssertionError("the child JVM never reported its servers");
    }

    /** The first line of Redis's answer to the last of {@code commands}, each sent inline on one connection. */
    private static String redisAnswers(int port, String... commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String answer = null;
            for (String command : commands) {
                socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                answer = in.readLine();
            }
            return answer;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
