package dev.doorstep.api.dsp;

import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Given to a second app node as an extra source ({@code --spring.main.sources}): its own Netty event loops and
 * connection pools instead of the JVM-wide ones, so that closing it does not dispose those of the shared test app
 * and its clients. Not a component: the shared context never picks it up by scanning.
 */
class OwnNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
