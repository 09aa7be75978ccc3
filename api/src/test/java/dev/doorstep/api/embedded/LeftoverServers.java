package dev.doorstep.api.embedded;

import java.nio.file.Path;

/**
 * Run in a child JVM by the tests: starts the embedded servers of a data directory, prints their ports
 * and waits to be killed with SIGKILL, as a crashed Doorstep would leave them.
 */
public final class LeftoverServers {

    private LeftoverServers() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedServers servers = EmbeddedServers.acquire(Path.of(args[0]), true, true);
        System.out.println("READY " + servers.postgresPort().orElseThrow() + " " + servers.redisPort().orElseThrow());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
