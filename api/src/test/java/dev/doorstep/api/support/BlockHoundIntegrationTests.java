package dev.doorstep.api.support;

/**
 * {@link BlockHoundListenerUnitTests}' check in failsafe's forks, whose listeners Maven's own JVM loads as well when
 * it hands the classes out to more than one fork.
 */
class BlockHoundIntegrationTests extends BlockHoundListenerUnitTests {
}
