package dev.doorstep.api.embedded;

import dev.doorstep.api.web.KeyFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The embedded PostgreSQL and Redis servers of one data directory, shared by every application
 * context in the JVM that uses that directory and stopped when the last one lets go (or the JVM ends).
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final Map<Path, EmbeddedServers> RUNNING = new HashMap<>();
    /** Longer than the app's graceful shutdown (30 s by default) and its connection pools' closing. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(45);

    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private int redisPort;
    private String redisPassword;
    private int users;

    private EmbeddedServers(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts (or joins) the servers of {@code dataDir}; each call must be matched by {@link #release()}. */
    public static synchronized EmbeddedServers acquire(Path dataDir, boolean needPostgres, boolean needRedis) {
        Path key = dataDir.toAbsolutePath().normalize();
        EmbeddedServers servers = RUNNING.computeIfAbsent(key, EmbeddedServers::new);
        if (needPostgres && servers.postgres == null) {
            servers.postgres = startPostgres(key.resolve("postgres"));
        }
        if (needRedis && servers.redis == null) {
            servers.startRedis(key.resolve("redis"));
        }
        if (servers.users++ == 0) {
            Runtime.getRuntime().addShutdownHook(new Thread(servers::stopOnExit, "embedded-servers-stop"));
        }
        return servers;
    }

    public void release() {
        synchronized (EmbeddedServers.class) {
            synchronized (this) {
                if (--users == 0) {
                    stop();
                    RUNNING.remove(dataDir);
                    notifyAll();
                }
            }
        }
    }

    /**
     * At JVM exit: the application contexts close in their own shutdown hook at the same time, and stop the
     * servers when they let go, after their connections. Stopping the servers under them would make Lettuce
     * reconnect into closing event loops (an ERROR on every normal stop), so wait for that first.
     */
    private synchronized void stopOnExit() {
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        while (users > 0 && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
    }

    public Optional<Integer> postgresPort() {
        return Optional.ofNullable(postgres).map(EmbeddedPostgres::getPort);
    }

    public Optional<Integer> redisPort() {
        return redis == null ? Optional.empty() : Optional.of(redisPort);
    }

    /** The password the embedded Redis requires, kept in {@code <data-dir>/redis/password}. */
    public Optional<String> redisPassword() {
        return redis == null ? Optional.empty() : Optional.of(redisPassword);
    }

    public Path dataDir() {
        return dataDir;
    }

    private synchronized void stop() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException | RuntimeException e) {
                log.warn("Embedded Redis did not stop cleanly: {}", e.getMessage());
            }
            redis = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            postgres = null;
        }
    }

    private static EmbeddedPostgres startPostgres(Path dir) {
        try {
            Files.createDirectories(dir);
            // A run killed with SIGKILL leaves its postmaster running and its pid file behind.
            endLeftover(dir.resolve("postmaster.pid"), "postgres");
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // The library turns both off (its -F and its default config), made for throw-away test databases:
                    // a crash would lose acknowledged deliveries and claims, a power cut could corrupt the data.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    // The library's own hook would stop the server at JVM exit while the app still commits: the
                    // app's shutdown stops it after its connections (stopOnExit).
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dir, e);
        }
    }

    private void startRedis(Path dir) {
        try {
            Files.createDirectories(dir);
            Path pidFile = dir.resolve("redis.pid");
            endLeftover(pidFile, "redis-server");
            redisPort = freePort();
            // Any local process could otherwise read and rewrite every driver's position and the event stream.
            redisPassword = KeyFiles.readOrCreate(dir.resolve("password"), EmbeddedServers::newPassword).strip();
            redis = RedisServer.newRedisServer()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    .setting("dir " + dir)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("pidfile " + pidFile)
                    .setting("daemonize no")
                    .setting("protected-mode yes")
                    .setting("requirepass " + redisPassword)
                    // SIGTERM, not SIGKILL, whoever stops it: Redis ends cleanly, its append-only file fsynced (the
                    // last second of writes would otherwise be only in the OS's cache). The library's own hook, which
                    // cannot be turned off, stops it so at JVM exit too.
                    .onShutdownForceStop(false)
                    .build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded Redis did not start in " + dir, e);
        }
    }

    /** Ends the process named in a leftover pid file if it is still the server of this directory. */
    static void endLeftover(Path pidFile, String command) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        Files.deleteIfExists(pidFile);
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> isNamed(c, command)).orElse(false));
        if (process.isPresent()) {
            log.warn("Stopping {} (pid {}) left running by an earlier run", command, pid);
            ProcessHandle handle = process.get();
            handle.destroy();
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /** The binary's file name is the command or a versioned copy of it, such as redis-server-6.2.6-v5-linux-amd64. */
    private static boolean isNamed(String executable, String command) {
        String name = Path.of(executable).getFileName().toString();
        return name.equals(command) || name.startsWith(command + "-");
    }

    private static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
