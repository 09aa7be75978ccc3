package dev.doorstep.dispatch.jobs;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This app node's name in the rows it leases (a plan it solves, a push it sends): its process ({@code pid@host}) and
 * a random part, so that a restarted process, or two nodes in one container image, never share a name. One per
 * node: every lease of the node carries the same name, so a log line or a row says which node held what.
 */
@Component
public class ThisNode {

    private final String name;

    public ThisNode() {
        this(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A node by a given name (tests that play two nodes in one JVM). */
    public ThisNode(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
