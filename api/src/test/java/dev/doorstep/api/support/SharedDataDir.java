package dev.doorstep.api.support;

import java.nio.file.Path;

/**
 * The data directory of the shared test app's embedded PostgreSQL and Redis, which the app nodes a test starts beside
 * it share. One per test JVM: the build sets {@code doorstep.test.shared-data-dir} to
 * {@code target/test-data/shared-<fork number>}, so failsafe's parallel forks each have servers of their own.
 */
public final class SharedDataDir {

    /** As a {@code doorstep.data-dir} value; {@link ApiIntegrationTest} names the same property in its annotation. */
    public static final String PATH = System.getProperty("doorstep.test.shared-data-dir", "target/test-data/shared");

    private SharedDataDir() {
    }

    /** A file or folder in the shared data directory, such as {@code keys/jwt-signing-key.json}. */
    public static Path resolve(String relative) {
        return Path.of(PATH).resolve(relative);
    }
}
