package dev.doorstep.dispatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ThisNodeUnitTests {

    @Test
    void twoNodesOfOneProcessNeverShareAName() {
        ThisNode first = new ThisNode();
        ThisNode second = new ThisNode();

        assertThat(first.name()).startsWith(ManagementFactory.getRuntimeMXBean().getName() + "/");
        assertThat(first.name()).isNotEqualTo(second.name());
    }
}
