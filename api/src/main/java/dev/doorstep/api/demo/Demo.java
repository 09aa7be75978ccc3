package dev.doorstep.api.demo;

import dev.doorstep.simulator.HttpDoorstepApi;
import dev.doorstep.simulator.RequestLog;
import dev.doorstep.simulator.StationDay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code --demo}: once the app is ready, a thread of its own seeds a station day through this app's public HTTP
 * API (tokens from the local issuer) and starts the simulated drivers; never on a Netty thread. The start-up log
 * then shows the portal with the demo dispatchers' credentials, a few tracking pages and Swagger UI.
 */
@Component
class Demo {

    private static final Logger log = LoggerFactory.getLogger("doorstep.demo");

    private final DemoSettings settings;
    private volatile StationDay day;
    private volatile Thread starter;

    Demo(DemoSettings settings) {
        this.settings = settings;
    }

    /** The running day, once seeded (tests read its world). */
    StationDay day() {
        return day;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        if (!settings.enabled()) {
            return;
        }
        if (!event.getApplicationContext().getEnvironment().getProperty("doorstep.security.issuer-uri", "").isBlank()) {
            log.warn("Demo: not started; it needs the embedded local issuer (no doorstep.security.issuer-uri)");
            return;
        }
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        Thread thread = new Thread(() -> run("http://localhost:" + port), "doorstep-demo");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void run(String base) {
        try {
            log.info("Demo: seeding a station day at {} (speed x{})", base, settings.speed());
            StationDay started = StationDay.start(new HttpDoorstepApi(base, new RequestLog()), settings.day(),
                    line -> log.info("Demo: {}", line), null);
            day = started;
            awaitLinks(started);
            log.info("Demo is running:{}", started.welcome());
        } catch (RuntimeException failed) {
            log.error("Demo: could not seed the station day", failed);
        }
    }

    /** The tracking links exist once routes start; wait a little for a few. */
    private static void awaitLinks(StationDay started) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int wanted = Math.min(3, started.world().seats().size());
        List<String> links = started.trackingLinks();
        while (links.size() < wanted && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            links = started.trackingLinks();
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
        }
        StationDay running = day;
        if (running != null) {
            running.close();
        }
    }
}
