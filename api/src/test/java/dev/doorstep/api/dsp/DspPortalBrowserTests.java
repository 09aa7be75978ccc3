package dev.doorstep.api.dsp;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Browser;
import dev.doorstep.api.support.PlanningFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dispatcher portal in real headless Chromium against the whole app. */
class DspPortalBrowserTests extends ApiIntegrationTest {

    private static final String DAY = PlanningFixture.DAY.toString();

    private String ops;
    private String station;
    private PlanningFixture fixture;
    private String dspA;
    private String dspB;
    private List<String> routesA;
    private List<String> routesB;
    private Browser browser;

    /** A published plan: two routes for DSP A, one for DSP B; a driver and a van each. */
    @BeforeEach
    void twoDspsWithRoutes() {
        ops = opsToken();
        station = createStation(ops);
        fixture = new PlanningFixture(http, ops);
        dspA = createDsp(ops);
        dspB = createDsp(ops);
        Map<?, ?> plan = fixture.readyPlan(station, 24, 10, 6);
        List<String> routes = PlanningFixture.routeIds(plan);
        assertThat(routes).hasSizeGreaterThanOrEqualTo(3);
        fixture.publish((String) plan.get("id"), Map.of(dspA, 2, dspB, 1));
        routesA = dspRoutes(dspA);
        routesB = dspRoutes(dspB);
        browser = Browser.desktop();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aDispatcherSeesTodaysRoutesAndItsDriverMovingOnTheLiveMap() {
        String driver = fixture.createDriver(dspA, station);
        send(driver, 47.600, -122.330, 60);

        browser.open(base() + "/dsp");
        browser.awaitText(By.cssSelector("h1"), "Dispatcher sign-in"::equals);
        browser.screenshot("dsp-portal-01-sign-in");
        signIn(dispatcherToken(dspA));

        browser.open(base() + "/dsp#today?date=" + DAY);
        List<String> shown = routeRows();
        assertThat(shown).containsExactlyElementsOf(routesA);
        browser.screenshot("dsp-portal-02-today");

        browser.open(base() + "/dsp#live?date=" + DAY);
        By marker = By.cssSelector("path.driver-marker[data-driver-id='" + driver + "']");
        String before = browser.await(Duration.ofSeconds(10), d -> d.findElements(marker).stream().findFirst()
                .map(e -> e.getAttribute("d")).orElse(null));
        browser.screenshot("dsp-portal-03-live-before");
        send(driver, 47.601, -122.329, 0);
        browser.await(Duration.ofSeconds(10), d -> !before.equals(d.findElement(marker).getAttribute("d")));
        browser.awaitText(By.cssSelector("#drivers-live li[data-driver-id='" + driver + "']"), t -> !t.isBlank());
        assertThat(browser.driver().findElement(By.cssSelector("#drivers-live li[data-driver-id='" + driver + "']"))
                .getAttribute("data-lat")).isEqualTo("47.601");
        browser.screenshot("dsp-portal-04-live-after-ping");

        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("route")))
                .selectByValue(routesA.get(0));
        browser.await(Duration.ofSeconds(5), d -> !d.findElements(By.cssSelector("#stops li[data-stop-id]")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("path.stop-marker"))).isNotEmpty();
        browser.screenshot("dsp-portal-05-live-route-stops");
        assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("Failed to load resource")).isEmpty();
    }

    @Test
    void theScorecardShowsTheDspsWeekItsDriversAndSixWeeksOfHistory() {
        String dispatcher = dispatcherToken(dspA);
        String driver = fixture.assignNewDriver(dspA, station, routesA.get(0), dispatcher);
        signIn(dispatcher);

        browser.open(base() + "/dsp#scorecard?week=2026-W49");
        browser.awaitText(By.cssSelector("#driver-scores tr[data-driver-id='" + driver + "']"),
                t -> t.startsWith("Ana Ruiz"));
        assertThat(browser.driver().findElements(By.cssSelector("#totals svg.history"))).hasSize(7);
        assertThat(browser.driver().findElement(By.id("week")).getAttribute("value")).isEqualTo("2026-W49");
        browser.screenshot("dsp-portal-08-scorecard");
        assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("Failed to load resource")).isEmpty();
    }

    @Test
    void aDispatcherOfAnotherDspSeesNoneOfItsRoutes() {
        signIn(dispatcherToken(dspB));
        browser.open(base() + "/dsp#today?date=" + DAY);
        assertThat(routeRows()).containsExactlyElementsOf(routesB).doesNotContainAnyElementsOf(routesA);
        browser.screenshot("dsp-portal-06-other-dsp-today");
    }

    /** The ids of the routes on Today once they are shown. */
    private List<String> routeRows() {
        return browser.await(Duration.ofSeconds(10), d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#routes tbody tr[data-route-id]"));
            return rows.isEmpty() ? null : rows.stream().map(r -> r.getAttribute("data-route-id")).toList();
        });
    }

    private void signIn(String token) {
        browser.open(base() + "/dsp");
        browser.script("const c = JSON.parse(atob(arguments[0].split('.')[1].replace(/-/g,'+').replace(/_/g,'/')));"
                + "sessionStorage.setItem('doorstep.dsp.session', JSON.stringify({token: arguments[0], dsp: c.dsp,"
                + " name: c.sub, expiresAt: c.exp * 1000}));", token);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private List<String> dspRoutes(String dsp) {
        Map<?, ?> answer = http.get().uri("/v1/dsp/routes?date={d}", DAY).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) answer.get("items")).stream().map(r -> (String) ((Map<?, ?>) r).get("id")).toList();
    }

    /** A ping {@code secondsAgo}; moves stay slow enough (under 250 km/h) to be shown live. */
    private void send(String driver, double lat, double lon, int secondsAgo) {
        http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(token(driver, "DRIVER")))
                .bodyValue(batch(List.of(ping(Instant.now().minusSeconds(secondsAgo), lat, lon)))).exchange()
                .expectStatus().isOk();
    }
}
