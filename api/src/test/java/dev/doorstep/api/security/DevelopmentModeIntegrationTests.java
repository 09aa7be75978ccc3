package dev.doorstep.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.SecondNode;
import dev.doorstep.api.support.SharedDataDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local issuer mints tokens for anyone: it runs only in development mode, which the embedded default turns on
 * and announces, and a deployment on its own servers without an issuer refuses to start instead of running open.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevelopmentModeIntegrationTests extends ApiIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void configuredPostgresWithoutIssuerRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> start("--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:9/doorstep"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("doorstep.security.issuer-uri (DOORSTEP_ISSUER_URI)")
                .hasMessageContaining("doorstep.dev-mode=true");
        // Refused before anything started: no embedded Redis in its place either.
        assertThat(dataDir.resolve("redis")).doesNotExist();
    }

    @Test
    void configuredRedisWithoutIssuerRefusesToStart() {
        assertThatThrownBy(() -> start("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("doorstep.security.issuer-uri");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void developmentModeTurnedOffOnTheEmbeddedDefaultRefusesToStartWithoutIssuer() {
        assertThatThrownBy(() -> start("--doorstep.dev-mode=false"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("doorstep.security.issuer-uri");
    }

    @Test
    void theEmbeddedDefaultAnnouncesDevelopmentModeAndMintsLocalTokens(CapturedOutput output) {
        try (SecondNode node = SecondNode.start(port)) {
            assertThat(output.getOut()).contains("DEVELOPMENT MODE: anyone may mint a token");
            plainClient(node.port()).post().uri("/local/tokens")
                    .bodyValue(Map.of("sub", "dev", "roles", List.of("STATION_OPS"))).exchange()
                    .expectStatus().isOk();
        }
    }

    @Test
    void withAnIssuerAndDevelopmentModeOffNoLocalTokenIsMintedNorAnnounced(CapturedOutput output) {
        // The issuer is read lazily, so the node starts though nothing listens there.
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(DoorstepApplication.class).run(
                "--doorstep.data-dir=" + SharedDataDir.PATH, "--server.port=0", "--doorstep.dev-mode=false",
                "--doorstep.security.issuer-uri=http://127.0.0.1:9/issuer")) {
            int nodePort = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
            assertThat(output.getOut()).contains("issuer http://127.0.0.1:9/issuer").doesNotContain("DEVELOPMENT MODE");
            plainClient(nodePort).post().uri("/local/tokens")
                    .bodyValue(Map.of("sub", "intruder", "roles", List.of("STATION_OPS"))).exchange()
                    .expectStatus().isNotFound();
            plainClient(nodePort).get().uri("/oauth2/jwks").exchange().expectStatus().isNotFound();
        }
    }

    private ConfigurableApplicationContext start(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--doorstep.data-dir=" + dataDir, "--server.port=0"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(DoorstepApplication.class).run(all.toArray(String[]::new));
    }
}
