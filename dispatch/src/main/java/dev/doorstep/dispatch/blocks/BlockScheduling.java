package dev.doorstep.dispatch.blocks;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduled block sweep. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BlockScheduling {
}
