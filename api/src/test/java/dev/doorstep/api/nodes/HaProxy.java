package dev.doorstep.api.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's HAProxy (installed by {@code scripts/install-test-tools}) in front of app nodes: round robin, a health
 * check on the readiness probe every second (three failed: out) so that a dead node leaves the rotation, no buffering of live streams,
 * and {@code X-Served-By} naming the node that answered.
 */
final class HaProxy implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final int port;
    private final Process process;

    private HaProxy(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** A proxy over {@code nodes} (name to port). */
    static HaProxy over(Map<String, Integer> nodes) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: run scripts/install-test-tools (./mvnw verify does)");
        }
        int port = AppNode.freePort();
        String servers = new LinkedHashMap<>(nodes).entrySet().stream()
                .map(n -> "    server " + n.getKey() + " 127.0.0.1:" + n.getValue() + " check inter 1s fall 3 rise 1")
                .collect(Collectors.joining("\n"));
        String config = """
                global
                    maxconn 4096
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 10m
                    # A busy machine answers the readiness probe slowly: a slow answer is not a dead node.
                    timeout check 10s
                    option http-server-close
                    retries 2
                    option redispatch
                frontend doorstep
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-response set-header X-Served-By %%s
                %s
                """.formatted(port, servers);
        Path file = Path.of("target", "nodes", "haproxy-" + port + ".cfg");
        Files.createDirectories(file.getParent());
        Files.writeString(file, config);
        Process process = new ProcessBuilder(BINARY.toString(), "-f", file.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "nodes", "haproxy-" + port + ".log").toFile())
                .start();
        HaProxy proxy = new HaProxy(port, process);
        proxy.awaitListening();
        return proxy;
    }

    int port() {
        return port;
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("HAProxy did not listen on " + port + "; see target/nodes/haproxy-" + port + ".log");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
