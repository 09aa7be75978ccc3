package dev.doorstep.api.support;

import org.junit.platform.launcher.TestExecutionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound (with {@link KnownBlockingCalls}) in every JVM that runs tests, as blockhound-junit-platform's
 * listener does: a blocking call on an event-loop thread then fails the test that made it. Not in Maven's own JVM,
 * where failsafe with more than one fork only lists the test classes to hand them to the forks (it loads the
 * listeners too, and Maven's JVM lacks the flag BlockHound needs).
 */
public final class BlockHoundListener implements TestExecutionListener {

    static {
        if (!inMavensOwnJvm()) {
            BlockHound.install();
        }
    }

    static boolean inMavensOwnJvm() {
        return System.getProperty("sun.java.command", "").startsWith("org.codehaus.plexus.classworlds.");
    }
}
