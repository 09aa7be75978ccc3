package dev.doorstep.api.web;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The liveness and readiness states as reactive health indicators. Spring Boot's own are imperative, and WebFlux
 * runs an imperative indicator on the bounded-elastic scheduler: a thread hop (and that scheduler's lock) on each
 * probe, for reading a field. These read the same state, with Spring's status mapping, on the calling thread.
 */
@Configuration(proxyBeanMethods = false)
class AvailabilityProbes {

    /** Replaces Boot's bean of the same name (it backs off by name). */
    @Bean
    ReactiveHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
        LivenessStateHealthIndicator state = new LivenessStateHealthIndicator(availability);
        return () -> Mono.fromSupplier(state::health);
    }

    @Bean
    ReactiveHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
        ReadinessStateHealthIndicator state = new ReadinessStateHealthIndicator(availability);
        return () -> Mono.fromSupplier(state::health);
    }
}
