package dev.doorstep.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.Browser;
import dev.doorstep.simulator.StationDay;
import dev.doorstep.simulator.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code --demo} as a new user meets it: the app seeds today's station day through its own API and the simulated
 * drivers run it (a small world, twenty times real speed, on the real clock). The demo dispatcher signs in and sees
 * routes in progress and drivers moving on the live map; a printed tracking link opens at phone size.
 */
@SpringBootTest(classes = DoorstepApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"doorstep.data-dir=target/test-data/demo", "doorstep.demo.enabled=true",
                "doorstep.demo.speed=20", "doorstep.demo.drivers=6", "doorstep.demo.packages-per-driver=8",
                "doorstep.demo.flex-drivers=2", "doorstep.demo.signal-losses=0",
                "doorstep.notifications.relay.enabled=false", "doorstep.notifications.push.enabled=false",
                // Offline: no OpenStreetMap tiles.
                "doorstep.api.tracking-page.tile-url=", "doorstep.api.portal.tile-url="})
class DemoBrowserTests {

    private static final Duration SEEDED = Duration.ofMinutes(3);
    private static final List<String> ENGLISH_STATUSES = List.of("Out for delivery", "Delivered",
            "Delivery attempted", "Back at the delivery station");
    private static final List<String> SPANISH_STATUSES = List.of("En reparto", "Entregado", "Intento de entrega",
            "De vuelta en la estación de reparto");

    @Autowired
    private Demo demo;

    @LocalServerPort
    private int port;

    @Test
    void theDemoDispatcherSeesRoutesInProgressAndDriversMovingAndATrackingLinkOpensOnAPhone() {
        StationDay day = within(SEEDED, () -> demo.day() != null && demo.day().trackingLinks().size() >= 2
                ? demo.day() : null);
        World world = day.world();
        assertThat(world.seats()).hasSizeGreaterThanOrEqualTo(4);
        World.Dispatcher dispatcher = world.dispatchers().get(0);

        try (Browser browser = Browser.desktop()) {
            browser.open("http://localhost:" + port + "/dsp#today?date=" + world.date());
            browser.await(Duration.ofSeconds(10), d -> d.findElements(By.id("username")).stream().findFirst()
                    .orElse(null)).sendKeys(dispatcher.username());
            browser.driver().findElement(By.id("password")).sendKeys(dispatcher.password());
            browser.driver().findElement(By.id("sign-in")).click();
            browser.await(Duration.ofSeconds(30), d -> d.findElements(By.cssSelector(
                    "#routes tbody tr[data-route-id] span.status.IN_PROGRESS")).isEmpty() ? null : true);
            browser.screenshot("demo-1-today-in-progress");

            browser.open("http://localhost:" + port + "/dsp#live?date=" + world.date());
            By marker = By.cssSelector("path.driver-marker");
            String before = browser.await(Duration.ofSeconds(20), d -> firstAttribute(d.findElements(marker), "d"));
            String driverId = browser.await(Duration.ofSeconds(5), d -> firstAttribute(d.findElements(marker),
                    "data-driver-id"));
            By same = By.cssSelector("path.driver-marker[data-driver-id='" + driverId + "']");
            browser.await(Duration.ofSeconds(30), d -> {
                String now = firstAttribute(d.findElements(same), "d");
                return now != null && !now.equals(before) ? now : null;
            });
            assertThat(browser.driver().findElements(By.cssSelector(".station-marker"))).hasSize(1);
            assertThat(browser.driver().findElements(By.cssSelector(".leaflet-tooltip.driver-label"))).isNotEmpty();
            assertThat(browser.driver().findElement(By.id("map-legend")).getText()).contains("Station", "Driver");
            browser.screenshot("demo-2-live-map");
        }

        try (Browser phone = Browser.sized(390, 844)) {
            phone.open(day.trackingLinks().get(0));
            // The page speaks the recipient's language; the demo seeds a fifth of the parcels in Spanish, and which
            // link comes first depends on which route starts first.
            String status = phone.awaitText(By.id("status"), text -> !text.isBlank() && !text.startsWith("Loading")
                    && !text.startsWith("Cargando"));
            boolean spanish = SPANISH_STATUSES.contains(status);
            assertThat(status).isIn(spanish ? SPANISH_STATUSES : ENGLISH_STATUSES);
            assertThat(phone.driver().findElement(By.id("map-legend")).getText())
                    .contains(spanish ? "Su dirección" : "Your address");
            phone.screenshot("demo-3-tracking-phone");
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    private static String firstAttribute(List<WebElement> found, String name) {
        try {
            return found.isEmpty() ? null : found.get(0).getAttribute(name);
        } catch (StaleElementReferenceException redrawn) {
            return null;
        }
    }

    /** Polls until the answer is not null, failing after the timeout. */
    private static <T> T within(Duration timeout, Supplier<T> answer) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T value = answer.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within " + timeout);
    }
}
