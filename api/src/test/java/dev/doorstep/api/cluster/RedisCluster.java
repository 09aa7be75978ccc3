package dev.doorstep.api.cluster;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.util.FileSystemUtils;

/**
 * A real Redis Cluster of three masters with a replica each, on this machine: Debian's {@code redis-server} 7
 * (installed by {@code scripts/install-test-tools}; the embedded-redis binary is 6.2, without sharded pub/sub),
 * append-only file with {@code fsync} every second, as docs/production.md recommends, and a short node timeout so
 * that a failover takes a second or two.
 */
final class RedisCluster implements AutoCloseable {

    /** How long a master may be unreachable before its replica takes over. */
    static final Duration NODE_TIMEOUT = Duration.ofMillis(1500);

    private final Map<Integer, Process> servers = new LinkedHashMap<>();
    private final int seed;
    private RedisClusterClient client;
    private StatefulRedisClusterConnection<String, String> connection;

    private RedisCluster(Path dir, List<Integer> ports) throws IOException, InterruptedException {
        String server = redisServer();
        for (int port : ports) {
            Path data = Files.createDirectories(dir.resolve(Integer.toString(port)));
            servers.put(port, new ProcessBuilder(server, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()), "--dir", data.toString(),
                    "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(data.resolve("redis.log").toFile()).start());
        }
        // Should the test JVM end without close(), its servers end with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.values().forEach(Process::destroyForcibly)));
        for (int port : ports) {
            awaitPing(port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process cli = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(dir.resolve("create.log").toFile()).start();
        if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: "
                    + Files.readString(dir.resolve("create.log")));
        }
        seed = ports.get(0);
        awaitOk();
        reconnect();
    }

    /** Starts six nodes on free ports (each with its bus port, +10000, free too) and joins them. */
    static RedisCluster start(Path dir) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(2_000) * 10;
            List<Integer> ports = List.of(base, base + 1, base + 2, base + 3, base + 4, base + 5);
            if (ports.stream().allMatch(p -> free(p) && free(p + 10_000))) {
                Path nodes = dir.toAbsolutePath().resolve(Integer.toString(base));
                // A node refuses to join a new cluster with the nodes.conf of an earlier run.
                FileSystemUtils.deleteRecursively(nodes);
                return new RedisCluster(nodes, ports);
            }
        }
        throw new IllegalStateException("no free ports for a Redis Cluster");
    }

    /** The seed nodes, as {@code spring.data.redis.cluster.nodes} takes them. */
    String nodes() {
        return servers.keySet().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    StatefulRedisClusterConnection<String, String> connection() {
        return connection;
    }

    /** A new client of the cluster as it is now (after a failover: the old one may still name the dead master). */
    void reconnect() {
        closeClient();
        int alive = servers.entrySet().stream().filter(e -> e.getValue().isAlive()).findFirst().orElseThrow().getKey();
        client = RedisClusterClient.create(RedisURI.create("127.0.0.1", servers.get(seed).isAlive() ? seed : alive));
        connection = client.connect();
    }

    /** The port of the master that currently serves {@code key}'s slot, as the cluster itself says. */
    int masterOf(String key) {
        client.refreshPartitions();
        RedisClusterNode master = client.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        return master.getUri().getPort();
    }

    /** Number of masters serving slots, as the cluster says. */
    long masters() {
        client.refreshPartitions();
        return client.getPartitions().stream()
                .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM) && !n.getSlots().isEmpty()
                        && !n.is(RedisClusterNode.NodeFlag.FAIL)).count();
    }

    /** {@code kill -9} of one node: no shutdown, no last fsync. */
    void kill(int port) throws InterruptedException {
        Process server = servers.get(port);
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits until every slot is served again (a replica was promoted after a kill). */
    void awaitOk() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (int port : servers.keySet()) {
                if (servers.get(port).isAlive() && clusterInfo(port).contains("cluster_state:ok")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the Redis Cluster did not reach cluster_state:ok");
    }

    @Override
    public void close() {
        closeClient();
        servers.values().forEach(Process::destroyForcibly);
    }

    private void closeClient() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    private String clusterInfo(int port) {
        try {
            Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "cluster", "info")
                    .redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes());
            cli.waitFor(5, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static void awaitPing(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "ping")
                    .redirectErrorStream(true).start();
            if (new String(cli.getInputStream().readAllBytes()).contains("PONG")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not start");
    }

    /** Debian's redis-server, version 7 or later (sharded pub/sub); installed by scripts/install-test-tools. */
    private static String redisServer() throws IOException, InterruptedException {
        Process version = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes());
        version.waitFor(10, TimeUnit.SECONDS);
        String v = out.replaceAll("(?s).*v=([0-9]+)\\..*", "$1");
        if (!v.matches("[0-9]+") || Integer.parseInt(v) < 7) {
            throw new IllegalStateException("Redis Cluster tests need redis-server 7 or later on the PATH "
                    + "(scripts/install-test-tools installs Debian's); found: " + out.strip());
        }
        return "redis-server";
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
