package dev.doorstep.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.DoorstepApplication;
import org.junit.jupiter.api.Test;

class DemoArgumentsUnitTests {

    @Test
    void demoAndItsOptionsOnTheCommandLineAreShortForTheDemoSettings() {
        assertThat(DoorstepApplication.withDemoAliases(new String[] {"--demo", "--demo.speed=10", "--server.port=9"}))
                .containsExactly("--doorstep.demo.enabled=true", "--doorstep.demo.speed=10", "--server.port=9");
    }

    @Test
    void otherArgumentsPassUnchanged() {
        assertThat(DoorstepApplication.withDemoAliases(new String[] {"--demonstration", "demo"}))
                .containsExactly("--demonstration", "demo");
    }
}
