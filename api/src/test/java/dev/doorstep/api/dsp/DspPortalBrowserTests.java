package dev.doorstep.api.dsp;

import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.web.ContentSecurityPolicy;
import dev.doorstep.api.support.Accessibility;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Browser;
import dev.doorstep.api.support.DispatcherAccounts;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.dispatch.scorecard.IsoWeek;
import dev.doorstep.tracking.exceptions.RouteExceptions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dispatcher portal in real headless Chromium against the whole app: a dispatcher account made by station ops
 * signs in and works its day. Screenshots of each step land in target/screenshots.
 */
class DspPortalBrowserTests extends ApiIntegrationTest {

    private static final String DAY = PlanningFixture.DAY.toString();
    /** The ISO week of {@link PlanningFixture#DAY}. */
    private static final String WEEK = IsoWeek.of(PlanningFixture.DAY).toString();

    @Autowired
    private RouteExceptions exceptions;

    private String ops;
    private String station;
    private PlanningFixture fixture;
    private String dspA;
    private String dspB;
    private List<String> routesA;
    private List<String> routesB;
    private String driverA;
    private String driverB;
    private String bigVan;
    private String tinyVan;
    private String dspAName;
    private String stationName;
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
        assertThat(PlanningFixture.routeIds(plan)).hasSizeGreaterThanOrEqualTo(3);
        fixture.publish((String) plan.get("id"), Map.of(dspA, 2, dspB, 1));
        routesA = dspRoutes(dspA);
        routesB = dspRoutes(dspB);
        driverA = fixture.createDriver(dspA, station);
        bigVan = fixture.createVan(dspA, 300);
        tinyVan = fixture.createVan(dspA, 1);
        dspAName = (String) read("/v1/dsps/" + dspA).get("name");
        stationName = (String) read("/v1/stations/" + station).get("name");
        driverB = fixture.createDriver(dspB, station);
        browser = Browser.desktop();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aDispatcherSignsInAssignsADriverWatchesItMoveSeesAnExceptionAndOpensTheScorecard() {
        String username = "dana-" + unique();
        DispatcherAccounts.create(http, ops, dspA, username);

        browser.open(base() + "/");
        assertThat(browser.driver().findElement(By.id("to-portal")).getAttribute("href")).endsWith("/dsp");
        assertThat(browser.driver().findElement(By.id("to-driver")).getAttribute("href")).endsWith("/driver");
        assertThat(browser.driver().findElement(By.id("to-api")).getAttribute("href")).endsWith("/swagger-ui.html");
        browser.screenshot("landing-desktop");
        Accessibility.assertNoSeriousViolations(browser, "the landing page");

        browser.open(base() + "/dsp#today?date=" + DAY);
        signIn(username, "not the password");
        shown(By.cssSelector(".signin .error"), t -> t.contains("Wrong username or password"));
        browser.screenshot("dsp-portal-01-sign-in-refused");
        Accessibility.assertNoSeriousViolations(browser, "the sign-in page");
        signIn(username, DispatcherAccounts.PASSWORD);
        assertThat(routeRows()).containsExactlyElementsOf(routesA);
        // Names where ids were: the DSP in the header, routes by number with their station, times at the station.
        shown(By.id("who"), ("Dana Dispatch · " + dspAName)::equals);
        assertThat(shown(By.id("day-heading"), t -> t.startsWith("Routes for ")))
                .isEqualTo("Routes for " + named(PlanningFixture.DAY) + " (tomorrow)");
        assertThat(browser.driver().findElement(By.id("zone")).getText()).startsWith("Times in America/Los_Angeles (P");
        By firstRoute = By.cssSelector("tr[data-route-id='" + routesA.get(0) + "']");
        Map<?, ?> first = route(dspA, routesA.get(0));
        String firstName = "Route " + (((Number) first.get("seq")).intValue() + 1);
        assertThat(browser.driver().findElement(firstRoute).findElement(By.cssSelector("td.route-name")).getText())
                .isEqualTo(firstName + " " + stationName);
        assertThat(browser.driver().findElement(firstRoute).findElement(By.cssSelector("td.start")).getText()
                .replace('\u202f', ' ')).isEqualTo(atStation((String) first.get("plannedStart")));
        assertThat(browser.driver().findElement(By.id("routes")).getText()).doesNotContain(routesA.get(0), station);
        browser.screenshot("dsp-portal-02-today");
        Accessibility.assertNoSeriousViolations(browser, "the routes of a day");

        assign(routesA.get(0));
        shown(By.cssSelector("tr[data-route-id='" + routesA.get(0) + "'] td.driver"), "Ana Ruiz"::equals);
        browser.screenshot("dsp-portal-03-assigned");
        // Ana is on the first route that day and the tiny van cannot carry Route 2: neither is offered for it.
        browser.driver().findElement(By.cssSelector("tr[data-route-id='" + routesA.get(1) + "'] button.assign")).click();
        WebElement form = browser.await(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(".assign-row form"))
                .stream().findFirst().orElse(null));
        assertThat(options(form, "driverId")).doesNotContain(driverA);
        assertThat(options(form, "vanId")).contains(bigVan).doesNotContain(tinyVan);
        browser.screenshot("dsp-portal-04-only-free-drivers-and-big-enough-vans");
        Accessibility.assertNoSeriousViolations(browser, "the assignment form");
        form.findElement(By.cssSelector("button.secondary")).click();

        String driverToken = token(driverA, "DRIVER");
        http.post().uri("/v1/driver/routes/{id}/start", routesA.get(0)).headers(h -> h.setBearerAuth(driverToken))
                .exchange().expectStatus().isOk();
        send(driverToken, 47.600, -122.330, 60, 0.71);
        browser.open(base() + "/dsp#live?date=" + DAY);
        shown(By.id("day-heading"), ("Live map for " + named(PlanningFixture.DAY) + " (tomorrow)")::equals);
        By marker = By.cssSelector("path.driver-marker[data-driver-id='" + driverA + "']");
        String before = browser.await(Duration.ofSeconds(10), d -> d.findElements(marker).stream().findFirst()
                .map(e -> e.getAttribute("d")).orElse(null));
        browser.screenshot("dsp-portal-05-live-before");
        send(driverToken, 47.601, -122.329, 0, 0.09);
        browser.await(Duration.ofSeconds(10), d -> !before.equals(d.findElement(marker).getAttribute("d")));
        assertThat(browser.driver().findElement(By.cssSelector("#drivers-live li[data-driver-id='" + driverA + "']"))
                .getAttribute("data-lat")).isEqualTo("47.601");
        new Select(browser.driver().findElement(By.id("route"))).selectByValue(routesA.get(0));
        browser.await(Duration.ofSeconds(5), d -> !d.findElements(By.cssSelector("#stops li[data-stop-id]")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("path.stop-marker"))).isNotEmpty();
        // Each stop carries its number in the route, the driver its name, the station its mark; a legend says which.
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-tooltip.stop-number")).stream()
                .map(WebElement::getText).toList()).isNotEmpty().allMatch(n -> n.matches("\\d+")).contains("1");
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-tooltip.driver-label")).stream()
                .map(WebElement::getText).toList()).contains("Ana Ruiz");
        assertThat(browser.driver().findElements(By.cssSelector(".station-marker"))).hasSize(1);
        assertThat(browser.driver().findElement(By.id("map-legend")).getText())
                .contains("Station", "Driver (live)", "Remaining stop, in order");
        browser.screenshot("dsp-portal-06-live-after-ping");
        Accessibility.assertNoSeriousViolations(browser, "the live map");

        browser.open(base() + "/dsp#exceptions");
        shown(By.id("exceptions-status"), "Live"::equals);
        exceptions.detect(Instant.now()).block(Duration.ofSeconds(10));
        By lowBattery = By.cssSelector("#exceptions tr[data-kind='LOW_BATTERY']");
        assertThat(shown(lowBattery, t -> t.contains(firstName))).contains("Ana Ruiz").contains("9 %")
                .doesNotContain(routesA.get(0));
        shown(By.id("exception-count"), t -> !t.isBlank() && !t.equals("0"));
        browser.screenshot("dsp-portal-07-exception");
        Accessibility.assertNoSeriousViolations(browser, "the exceptions");
        // Instants in an exception's detail read as times at the station, like every other time on the page.
        Object detail = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; import('/dsp/exceptions.js').then(m => done("
                        + "m.atStation('No ping since 2026-12-03T15:02:11.5Z (6 min)', 'America/Los_Angeles')));");
        assertThat(((String) detail).replace('\u202f', ' ')).isEqualTo("No ping since 7:02 AM (6 min)");
        send(driverToken, 47.601, -122.329, 0, 0.80);
        exceptions.detect(Instant.now()).block(Duration.ofSeconds(10));
        browser.await(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(
                "#exceptions tr.cleared[data-kind='LOW_BATTERY']")).size() == 1);
        browser.screenshot("dsp-portal-07b-exception-cleared");
        browser.driver().findElement(By.cssSelector("#exceptions tr[data-kind='LOW_BATTERY'] a")).click();
        browser.await(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("#stops li[data-stop-id]")).isEmpty());
        assertThat(new Select(browser.driver().findElement(By.id("route"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo(routesA.get(0));

        browser.open(base() + "/dsp#scorecard?week=" + WEEK);
        shown(By.cssSelector("#driver-scores tr[data-driver-id='" + driverA + "']"),
                t -> t.startsWith("Ana Ruiz"));
        assertThat(browser.driver().findElements(By.cssSelector("#totals svg.history"))).hasSize(7);
        assertThat(clippedSparklineParts()).isEmpty();
        browser.screenshot("dsp-portal-08-scorecard");
        Accessibility.assertNoSeriousViolations(browser, "the scorecard");

        // The day chosen earlier is not kept: the menu's Routes shows today at the station, and says so.
        browser.driver().findElement(By.cssSelector("header nav a[data-view='today']")).click();
        shown(By.id("day-heading"), ("Routes for " + named(LocalDate.now(PlanningFixture.ZONE)) + " (today)")::equals);
        assertThat(browser.driver().findElement(By.id("day")).getAttribute("value"))
                .isEqualTo(LocalDate.now(PlanningFixture.ZONE).toString());
        // The refused sign-in (400) and the refused assignment (409) are the only failed requests.
        assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("/oauth2/token ") && !e.contains("/assignment "))
                .isEmpty();
        // Every view above ran under the page's Content-Security-Policy without tripping it.
        assertThat(browser.cspViolations()).isEmpty();
        plainClient(port).get().uri("/dsp").exchange().expectHeader().value(ContentSecurityPolicy.HEADER, policy ->
                assertThat(policy).contains("script-src 'self' 'sha256-").contains("style-src 'self';")
                        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
    }

    @Test
    void aDispatcherManagesItsDriversAndVansAndAnotherDspsDispatcherSeesNoneOfThem() {
        String a = "ann-" + unique();
        String b = "bob-" + unique();
        DispatcherAccounts.create(http, ops, dspA, a);
        DispatcherAccounts.create(http, ops, dspB, b);

        browser.open(base() + "/dsp#fleet");
        signIn(a, DispatcherAccounts.PASSWORD);
        shown(By.cssSelector("#drivers tr[data-driver-id='" + driverA + "']"), t -> t.contains("Ana Ruiz"));
        assertThat(browser.driver().findElement(By.cssSelector("#drivers tr[data-driver-id='" + driverA + "'] td.station"))
                .getText()).isEqualTo(stationName);
        WebElement form = browser.driver().findElement(By.id("add-driver"));
        form.findElement(By.cssSelector("[aria-label=\"New driver's name\"]")).sendKeys("Bea Quinn");
        form.findElement(By.cssSelector("[aria-label=\"New driver's phone\"]")).sendKeys("+12065550177");
        // The home station is picked by name from a list, never typed as an id.
        Select home = new Select(form.findElement(By.id("new-driver-station")));
        assertThat(home.getFirstSelectedOption().getText()).isEqualTo(stationName);
        home.selectByVisibleText(stationName);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(shown(By.id("drivers"), t -> t.contains("Bea Quinn"))).doesNotContain(station);
        browser.driver().findElement(By.cssSelector("#drivers tr[data-driver-id='" + driverA + "'] button.danger")).click();
        shown(By.cssSelector("#drivers tr[data-driver-id='" + driverA + "']"), t -> t.contains("inactive"));
        WebElement addVan = browser.driver().findElement(By.id("add-van"));
        addVan.findElement(By.cssSelector("[aria-label=\"New van's plate\"]")).sendKeys("WA-PORTAL1");
        addVan.findElement(By.cssSelector("[aria-label=\"New van's package capacity\"]")).sendKeys("250");
        addVan.findElement(By.cssSelector("[aria-label=\"New van's volume\"]")).sendKeys("8000");
        addVan.findElement(By.cssSelector("[aria-label=\"New van's payload\"]")).sendKeys("1400");
        addVan.findElement(By.cssSelector("button[type=submit]")).click();
        shown(By.id("vans"), t -> t.contains("WA-PORTAL1"));
        browser.screenshot("dsp-portal-09-drivers-and-vans");
        Accessibility.assertNoSeriousViolations(browser, "the drivers and vans");
        browser.driver().findElement(By.id("sign-out")).click();
        shown(By.cssSelector("h1"), "Dispatcher sign-in"::equals);

        browser.open(base() + "/dsp#fleet");
        signIn(b, DispatcherAccounts.PASSWORD);
        shown(By.cssSelector("#drivers tr[data-driver-id='" + driverB + "']"), t -> !t.isBlank());
        assertThat(browser.driver().findElement(By.id("drivers")).getText()).doesNotContain("Bea Quinn");
        assertThat(browser.driver().findElements(By.cssSelector("#drivers tr[data-driver-id='" + driverA + "']")))
                .isEmpty();
        browser.open(base() + "/dsp#today?date=" + DAY);
        assertThat(routeRows()).containsExactlyElementsOf(routesB).doesNotContainAnyElementsOf(routesA);
        browser.screenshot("dsp-portal-10-other-dsp-today");
        String tokenB = DispatcherAccounts.token(http, b, DispatcherAccounts.PASSWORD);
        http.get().uri("/v1/dsp/routes?date={d}", DAY).headers(h -> h.setBearerAuth(tokenB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[*].id").isEqualTo(routesB);
        http.get().uri("/v1/dsps/{id}/vans", dspA).headers(h -> h.setBearerAuth(tokenB)).exchange()
                .expectStatus().isNotFound();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void atPhoneWidthEveryViewFitsTheScreenShowsTheWholeMenuAndPassesTheAccessibilityCheck() {
        browser.close();
        browser = Browser.sized(390, 844);
        String username = "pia-" + unique();
        DispatcherAccounts.create(http, ops, dspA, username);
        browser.open(base() + "/");
        Accessibility.assertWindowWidth(browser, 390);
        Accessibility.assertNoSidewaysScroll(browser, "the landing page");
        browser.screenshot("landing-phone");
        browser.driver().findElement(By.id("to-portal")).click();
        browser.await(Duration.ofSeconds(10), d -> !d.findElements(By.id("username")).isEmpty());
        Accessibility.assertNoSidewaysScroll(browser, "the sign-in page");
        browser.screenshot("dsp-portal-phone-sign-in");
        signIn(username, DispatcherAccounts.PASSWORD);

        Map<String, By> views = new java.util.LinkedHashMap<>();
        views.put("today?date=" + DAY, By.cssSelector("#routes tbody tr[data-route-id]"));
        views.put("fleet", By.cssSelector("#drivers tbody tr[data-driver-id]"));
        views.put("live?date=" + DAY, By.cssSelector("#map.leaflet-container"));
        views.put("exceptions", By.cssSelector("#exceptions tbody tr"));
        views.put("scorecard?week=" + WEEK, By.cssSelector("#totals svg.history"));
        for (Map.Entry<String, By> view : views.entrySet()) {
            String name = view.getKey().replaceAll("\\?.*", "");
            browser.open(base() + "/dsp#" + view.getKey());
            browser.await(Duration.ofSeconds(10), d -> !d.findElements(view.getValue()).isEmpty());
            Accessibility.assertNoSidewaysScroll(browser, "the " + name + " view");
            assertThat(menuLinksOutsideTheScreen()).as("menu links cut off on " + name).isEmpty();
            browser.screenshot("dsp-portal-phone-" + name);
            Accessibility.assertNoSeriousViolations(browser, "the " + name + " view at phone width");
        }
        assertThat(clippedSparklineParts()).isEmpty();
    }

    /** The text of menu links not wholly on the screen. */
    @SuppressWarnings("unchecked")
    private List<String> menuLinksOutsideTheScreen() {
        return (List<String>) browser.script("return [...document.querySelectorAll('header nav a')].filter(a => {"
                + "const r = a.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > innerWidth;"
                + "}).map(a => a.textContent);");
    }

    /** Points, lines and labels of the scorecard's sparklines that stick out of their tile or their drawing. */
    @SuppressWarnings("unchecked")
    private List<String> clippedSparklineParts() {
        return (List<String>) browser.script("const out = []; document.querySelectorAll('#totals .tile').forEach(t => {"
                + "const tile = t.getBoundingClientRect(); const svg = t.querySelector('svg.history');"
                + "const box = svg.getBoundingClientRect();"
                + "if (box.left < tile.left || box.right > tile.right) { out.push('svg of ' + t.textContent); }"
                + "svg.querySelectorAll('circle, path, text, line').forEach(e => { const r = e.getBoundingClientRect();"
                + "if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)"
                + "{ out.push(e.tagName + ' in ' + t.firstChild.textContent); } }); }); return out;");
    }

    private List<String> options(WebElement form, String select) {
        return new Select(form.findElement(By.name(select))).getOptions().stream().map(o -> o.getAttribute("value"))
                .filter(v -> !v.isEmpty()).toList();
    }

    private static String named(LocalDate day) {
        return day.format(DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US));
    }

    private static String atStation(String instant) {
        return OffsetDateTime.parse(instant).atZoneSameInstant(PlanningFixture.ZONE)
                .format(DateTimeFormatter.ofPattern("h:mm a", Locale.US));
    }

    private Map<?, ?> route(String dsp, String route) {
        Map<?, ?> answer = http.get().uri("/v1/dsp/routes?date={d}", DAY).headers(h -> h.setBearerAuth(dispatcherToken(dsp)))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) answer.get("items")).stream().map(r -> (Map<?, ?>) r).filter(r -> route.equals(r.get("id")))
                .findFirst().orElseThrow();
    }

    private Map<?, ?> read(String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(ops)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private void signIn(String username, String password) {
        WebElement user = browser.await(Duration.ofSeconds(10), d -> d.findElements(By.id("username")).stream()
                .findFirst().orElse(null));
        user.clear();
        user.sendKeys(username);
        WebElement secret = browser.driver().findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser.driver().findElement(By.id("sign-in")).click();
    }

    /** Opens the route's assignment form and puts Ana Ruiz and the DSP's van on it. */
    private void assign(String route) {
        browser.driver().findElement(By.cssSelector("tr[data-route-id='" + route + "'] button.assign")).click();
        WebElement form = browser.await(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(".assign-row form"))
                .stream().findFirst().orElse(null));
        new Select(form.findElement(By.name("driverId"))).selectByValue(driverA);
        new Select(form.findElement(By.name("vanId"))).selectByIndex(1);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /**
     * The element's text once it matches; the views redraw their lists on every change, so an element found may be
     * gone when read, and is looked up again.
     */
    private String shown(By locator, Predicate<String> expected) {
        return browser.awaitText(locator, expected);
    }

    /** The ids of the routes on Today once they are shown. */
    private List<String> routeRows() {
        return browser.await(Duration.ofSeconds(10), d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#routes tbody tr[data-route-id]"));
            return rows.isEmpty() ? null : rows.stream().map(r -> r.getAttribute("data-route-id")).toList();
        });
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
    private void send(String driverToken, double lat, double lon, int secondsAgo, double battery) {
        Map<String, Object> ping = new java.util.HashMap<>(ping(Instant.now().minusSeconds(secondsAgo), lat, lon));
        ping.put("battery", battery);
        http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(driverToken))
                .bodyValue(batch(List.of(ping))).exchange().expectStatus().isOk();
    }
}
