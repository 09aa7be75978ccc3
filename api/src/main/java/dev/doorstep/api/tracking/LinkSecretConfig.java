package dev.doorstep.api.tracking;

import dev.doorstep.api.web.KeyFiles;
import dev.doorstep.tracking.links.LinkSecret;
import dev.doorstep.tracking.links.LinkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key of the automatic tracking links: the configured secret, else a random one made once and kept in the
 * data directory (enough for one node; several nodes must share {@code doorstep.tracking.links.secret}).
 */
@Configuration(proxyBeanMethods = false)
class LinkSecretConfig {

    @Bean
    LinkSecret linkSecret(LinkSettings settings, @Value("${doorstep.data-dir}") Path dataDir) {
        String configured = settings.secret();
        if (configured != null && !configured.isBlank()) {
            byte[] key = configured.getBytes(StandardCharsets.UTF_8);
            if (key.length < LinkSecret.MIN_BYTES) {
                throw new IllegalStateException("doorstep.tracking.links.secret needs at least "
                        + LinkSecret.MIN_BYTES + " characters");
            }
            return new LinkSecret(key);
        }
        return new LinkSecret(loadOrCreate(dataDir.resolve("keys").resolve("tracking-link-secret")));
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            return Base64.getDecoder().decode(KeyFiles.readOrCreate(file, () -> {
                byte[] key = new byte[LinkSecret.MIN_BYTES];
                new SecureRandom().nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            }).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the tracking link secret " + file, e);
        }
    }
}
