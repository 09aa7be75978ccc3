package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.events.DispatchEvent;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.outbox.EventTypes;
import dev.doorstep.notifications.relay.EventStream;
import dev.doorstep.tracking.events.TrackingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

/**
 * This node's part of the push pipeline while the app runs: a consumer of the event stream in the shared
 * group (the scan for block reminders is a periodic job of its own). Stopped with the application context.
 */
@Component
public class PushPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushPipeline.class);
    /** The events pushes are made of: every module's, though most of them push nothing. */
    private static final EventTypes EVENTS = EventTypes.of(DispatchEvent.class, TrackingEvent.class,
            NotificationEvent.class);

    private final EventStream stream;
    private final Pushes pushes;
    private final PushSettings settings;
    private volatile Disposable consumer;

    PushPipeline(EventStream stream, Pushes pushes, PushSettings settings) {
        this.stream = stream;
        this.pushes = pushes;
        this.settings = settings;
    }

    /** Starts one more stream consumer named {@code consumer} in the shared group; dispose it to stop it. */
    public Disposable consumeAs(String consumer) {
        return stream.consumeBatches(new EventStream.Consumption(settings.group(), consumer, settings.pollInterval(),
                settings.batchSize(), settings.concurrency(), settings.claimIdle(), settings.maxDeliveries()),
                EVENTS, pushes::deliverAll);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Pushes are off on this node (doorstep.notifications.push.enabled=false)");
            return;
        }
        consumer = consumeAs(Ids.next("consumer"));
    }

    @Override
    public void stop() {
        Disposable running = consumer;
        if (running != null) {
            running.dispose();
        }
        consumer = null;
    }

    @Override
    public boolean isRunning() {
        Disposable running = consumer;
        return running != null && !running.isDisposed();
    }
}
