package dev.doorstep.dispatch.planning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The plan queue shared by the app nodes ({@code doorstep.dispatch.planning.queue.*}); defaults in application.yml.
 *
 * @param solvesAtOnce how many plans this node solves at once (each with {@code planning.threads} solver threads);
 *     0: this node queues plans and leaves the solving to others
 * @param pollEvery how often this node looks for a queued plan when it has a free slot
 * @param lease how long a claimed plan stays this node's without a heartbeat (renewed every third of it); past it,
 *     another node takes the plan over
 * @param maxAttempts claims of one plan before it is failed (its solving kept killing nodes)
 */
@ConfigurationProperties("doorstep.dispatch.planning.queue")
public record PlanQueueSettings(int solvesAtOnce, Duration pollEvery, Duration lease, int maxAttempts) {

    public PlanQueueSettings {
        pollEvery = pollEvery == null ? Duration.ofSeconds(1) : pollEvery;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
    }
}
