package dev.doorstep.dispatch.planning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The planner's warm-up when the app is ready ({@code doorstep.dispatch.planning.warm-up.*}); defaults in
 * application.yml.
 *
 * @param budget time budget of the synthetic plan solved once the app is ready; zero: no warm-up
 * @param stops stops of that plan: more than {@code planning.cluster-size}, so that sectors and seams run too
 */
@ConfigurationProperties("doorstep.dispatch.planning.warm-up")
public record PlanWarmUpSettings(Duration budget, int stops) {

    public PlanWarmUpSettings {
        budget = budget == null ? Duration.ZERO : budget;
    }
}
