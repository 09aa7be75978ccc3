package dev.doorstep.notifications.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled              whether this node consumes the event stream and sends pushes
 * @param group                the stream consumer group shared by every app node
 * @param pollInterval         pause after a read of the stream that did not fill a batch (a full one is followed
 *                             by the next read at once)
 * @param batchSize            stream entries read per poll (per partition); the events of one read are handled as
 *                             one unit
 * @param concurrency          events handled at once by this node, in whole reads ({@code concurrency / batchSize}
 *                             reads at once, at least one)
 * @param claimIdle            how long an entry read by another consumer stays unacknowledged before this node takes it over
 * @param maxDeliveries        deliveries after which a stream entry is given up and acknowledged
 * @param sendLease            how long a claimed send stays reserved to its node before another may take it over
 * @param giveUpAfter          total time spent retrying one push before it is recorded as given up
 * @param backoffInitial       first retry delay (doubled per attempt, with jitter, at least Retry-After)
 * @param backoffMax           longest retry delay
 * @param offerThrottle        at most one block-offer push per driver within this time; zero: no limit
 * @param reminderLead         how long before a claimed block starts its driver is reminded
 * @param reminderScanInterval how often claimed blocks are scanned for reminders due
 * @param arrivingStopsAway    a customer is told ARRIVING once at most this many pending stops are left before theirs
 */
@ConfigurationProperties("doorstep.notifications.push")
public record PushSettings(boolean enabled, String group, Duration pollInterval, int batchSize, int concurrency,
        Duration claimIdle, int maxDeliveries, Duration sendLease, Duration giveUpAfter, Duration backoffInitial,
        Duration backoffMax, Duration offerThrottle, Duration reminderLead, Duration reminderScanInterval,
        int arrivingStopsAway) {
}
