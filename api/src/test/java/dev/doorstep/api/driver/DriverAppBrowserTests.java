package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.Axe;
import dev.doorstep.api.support.Browser;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.web.ContentSecurityPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The driver web app at /driver/ in real headless Chromium against the whole app, with the phone's position set
 * through DevTools (Emulation.setGeolocationOverride) and its connection cut (Network.emulateNetworkConditions).
 * Screenshots of every page at phone (390 px) and desktop width land in target/screenshots; axe-core checks each.
 */
class DriverAppBrowserTests extends FlexBlocksTest {

    /** The door photo of the README tour, as the phone's camera would hand it to the page. */
    private static final Path PHOTO = Path.of("..", "scripts", "tour-door.jpg").toAbsolutePath().normalize();
    private static final String ZONE = "America/Los_Angeles";

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aDspDriverRunsItsDayDeliversWithAPhotoFailsAnAttemptAndLosesNoPositionOffline() {
        String ops = ops();
        String station = createStation(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        String dsp = createDsp(ops);
        Map<?, ?> plan = fixture.readyPlan(station, 3, 10, 1);
        String route = PlanningFixture.routeIds(plan).get(0);
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        String driver = fixture.assignNewDriver(dsp, station, route, dispatcherToken(dsp));
        String driverToken = token(driver, "DRIVER");
        phone(PlanningFixture.STATION.lat(), PlanningFixture.STATION.lon());

        browser.open(base() + "/driver");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(base() + "/driver/");
        shown(By.cssSelector(".signin h1"), "Driver sign-in"::equals);
        assertThat(browser.driver().findElement(By.id("tabs")).isDisplayed()).isFalse();
        assertThat(browser.script("return document.documentElement.clientWidth;")).isEqualTo(390L);
        assertThat(browser.script("return document.documentElement.scrollWidth;")).isEqualTo(390L);
        pageChecked("sign-in");
        signIn(driver);

        shown(By.id("route-heading"), t -> t.startsWith("Next route · "));
        assertThat(browser.driver().findElement(By.cssSelector("#tabs a[data-view=offers]")).isDisplayed()).isFalse();
        List<WebElement> stops = browser.await(Duration.ofSeconds(10),
                d -> d.findElements(By.cssSelector("#stops li[data-stop-id]")).isEmpty() ? null
                        : d.findElements(By.cssSelector("#stops li[data-stop-id]")));
        List<String> stopIds = stops.stream().map(li -> li.getAttribute("data-stop-id")).toList();
        assertThat(stopIds).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-tooltip.stop-number")).stream()
                .map(WebElement::getText).toList()).contains("1", "2");
        pageChecked("today-assigned");

        browser.driver().findElement(By.id("start-route")).click();
        shown(By.id("route-summary"), t -> t.contains("In progress"));
        WebElement navigate = browser.driver().findElement(By.cssSelector("#next-stop a.navigate"));
        Map<?, ?> first = stop(driverToken, stopIds.get(0));
        Map<?, ?> location = (Map<?, ?>) first.get("location");
        assertThat(navigate.getAttribute("href")).isEqualTo("https://www.google.com/maps/dir/?api=1&travelmode=driving"
                + "&destination=" + location.get("lat") + "," + location.get("lon"));
        assertThat(browser.driver().findElement(By.cssSelector("#next-stop a.geo")).getAttribute("href"))
                .startsWith("geo:" + location.get("lat") + "," + location.get("lon") + "?q=");
        pageChecked("today-in-progress");

        // Positions: the first where the phone is, three more online, five while offline, all sent exactly once.
        List<double[]> route9 = new ArrayList<>();
        route9.add(new double[] {PlanningFixture.STATION.lat(), PlanningFixture.STATION.lon()});
        awaitQueueEmptyAfter(1);
        for (int i = 1; i <= 3; i++) {
            route9.add(moveTo(PlanningFixture.STATION.lat() + i * 0.001, PlanningFixture.STATION.lon()));
            awaitQueued(q -> q == 0);
        }
        int answersBefore = pingAnswers().size();
        network(false);
        shown(By.id("net"), t -> t.startsWith("Offline"));
        for (int i = 4; i <= 8; i++) {
            route9.add(moveTo(PlanningFixture.STATION.lat() + i * 0.001, PlanningFixture.STATION.lon() + 0.001));
            int expected = i - 3;
            awaitQueued(q -> q == expected);
        }
        shown(By.id("net"), t -> t.contains("5 positions waiting"));
        screenshots("offline-queue");
        assertThat(pingAnswers()).hasSize(answersBefore);
        network(true);
        awaitQueued(q -> q == 0);
        List<Map<String, Object>> answers = pingAnswers();
        assertThat(answers).allSatisfy(a -> assertThat(a.get("status")).isEqualTo(200L));
        long sent = answers.stream().mapToLong(a -> (Long) a.get("sent")).sum();
        // Stored once each: accepted, or kept but flagged (the test's phone moves faster than any van).
        long stored = answers.stream().mapToLong(a -> (Long) a.get("accepted") + (Long) a.get("flagged")).sum();
        assertThat(answers.stream().mapToLong(a -> (Long) a.get("duplicates") + (Long) a.get("refused")).sum()).isZero();
        assertThat(stored).isEqualTo(sent).isGreaterThanOrEqualTo(route9.size());
        List<Map<?, ?>> trail = trail(ops, driver);
        assertThat(trail).hasSize((int) sent);
        assertThat(trail.stream().map(p -> p.get("ts")).distinct()).hasSize(trail.size());
        Set<String> trailPlaces = new HashSet<>();
        trail.forEach(p -> trailPlaces.add(place((Number) p.get("lat"), (Number) p.get("lon"))));
        assertThat(trailPlaces).containsAll(route9.stream().map(p -> place(p[0], p[1])).toList());

        // Stop 1: arrive, deliver every package with the camera's photo.
        moveTo(((Number) location.get("lat")).doubleValue(), ((Number) location.get("lon")).doubleValue());
        openStop(stopIds.get(0));
        browser.driver().findElement(By.id("arrive")).click();
        WebElement photo = browser.await(Duration.ofSeconds(10), d -> d.findElements(By.id("photo")).stream().findFirst()
                .orElse(null));
        assertThat(photo.getAttribute("accept")).isEqualTo("image/*");
        assertThat(photo.getAttribute("capture")).isEqualTo("environment");
        new Select(browser.driver().findElement(By.id("place"))).selectByValue("PORCH");
        photo.sendKeys(PHOTO.toString());
        browser.await(Duration.ofSeconds(5), d -> d.findElement(By.id("photo-preview")).isDisplayed());
        pageChecked("stop-at-the-door");
        browser.driver().findElement(By.id("send")).click();
        shown(By.cssSelector(".notice"), "Stop completed."::equals);
        shown(By.cssSelector("#stops li[data-stop-id='" + stopIds.get(0) + "']"), t -> t.contains("Done"));
        assertThat(packageStatuses(stop(driverToken, stopIds.get(0)))).containsOnly("DELIVERED");

        // Stop 2: the customer is not there; the attempt carries its reason and a photo of the door.
        openStop(stopIds.get(1));
        browser.driver().findElement(By.id("arrive")).click();
        browser.await(Duration.ofSeconds(10), d -> !d.findElements(By.id("door")).isEmpty());
        for (WebElement outcome : browser.driver().findElements(By.cssSelector("select[name=outcome]"))) {
            new Select(outcome).selectByValue("ATTEMPTED:CUSTOMER_UNAVAILABLE");
        }
        assertThat(new Select(browser.driver().findElement(By.cssSelector("select[name=outcome]"))).getOptions()
                .stream().map(WebElement::getText).toList()).contains("Delivered", "Not done: Customer unavailable",
                "Not done: Wrong address", "Not done: Refused");
        browser.driver().findElement(By.id("photo")).sendKeys(PHOTO.toString());
        browser.driver().findElement(By.id("send")).click();
        shown(By.cssSelector(".notice"), "Stop completed."::equals);
        Map<?, ?> attempted = stop(driverToken, stopIds.get(1));
        assertThat(packageStatuses(attempted)).containsOnly("ATTEMPTED");

        // Finish with stops still open (confirmed); what goes back to the station is listed.
        browser.driver().findElement(By.id("finish-route")).click();
        if (stopIds.size() > 2) {
            browser.await(Duration.ofSeconds(5), d -> d.switchTo().alert()).accept();
        }
        shown(By.id("route-summary"), t -> t.contains("Finished"));
        String bringBack = shown(By.id("bring-back"), t -> t.startsWith("Bring back to the station"));
        ((List<?>) attempted.get("trackingIds")).forEach(id -> assertThat(bringBack).contains((String) id));
        assertThat(bringBack).doesNotContain((String) ((List<?>) first.get("trackingIds")).get(0));
        pageChecked("today-finished");

        browser.open(base() + "/driver/#more");
        shown(By.id("queued"), "0 positions waiting"::equals);
        shown(By.cssSelector("#push [data-state]"), t -> t.equals("Notifications are not set up on this server."));
        pageChecked("more");
        assertThat(browser.cspViolations()).isEmpty();
        // The only failed requests: those cut off while offline, and the sign-in's look at Flex blocks (403 for a DSP's
        // driver, which hides Offers and My blocks).
        assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("ERR_INTERNET_DISCONNECTED")
                && !e.contains("/v1/driver/blocks ")).isEmpty();
    }

    @Test
    void aFlexDriverClaimsTwoBlocksForfeitsOneAndChecksInOnlyInsideTheStationsGeofence() {
        Station station = station(ZONE);
        Driver flex = flexDriver(station);
        String soon = block(station, Duration.ofMinutes(10), 120);
        String later = block(station, Duration.ofHours(6), 120);
        phone(station.lat() + 0.05, station.lon());

        browser.open(base() + "/driver/#offers");
        browser.await(Duration.ofSeconds(10), d -> d.findElement(By.id("driver-id"))).sendKeys("drv_nobody");
        browser.driver().findElement(By.id("sign-in")).click();
        shown(By.cssSelector(".signin .error"), "No driver has this id."::equals);
        browser.driver().findElement(By.id("driver-id")).clear();
        signIn(flex.id());
        shown(By.cssSelector("#offers li[data-block-id='" + soon + "']"), t -> t.contains("$90.50"));
        shown(By.cssSelector("#offers li[data-block-id='" + later + "']"), t -> t.contains("2 h"));
        pageChecked("offers");
        claimIn("#offers", soon);
        shown(By.cssSelector("#messages .notice"), t -> t.startsWith("Claimed"));
        claimIn("#offers", later);
        shown(By.cssSelector("#offers"), t -> t.contains("No blocks on offer right now."));

        browser.driver().findElement(By.cssSelector("#tabs a[data-view=blocks]")).click();
        shown(By.cssSelector("#blocks li[data-block-id='" + later + "']"), t -> t.contains("Claimed"));
        clickBlockButton(later, "button.forfeit");
        pageChecked("blocks-forfeit-confirm");
        clickBlockButton(later, "button.yes-forfeit");
        shown(By.cssSelector("#messages .notice"), "Given back."::equals);
        browser.await(Duration.ofSeconds(10), d -> d.findElements(
                By.cssSelector("#blocks li[data-block-id='" + later + "']")).isEmpty());
        opsBlock(station, later).expectBody().jsonPath("$.status").isEqualTo("OFFERED");

        // Five kilometres away: the server's geofence refuses, and the driver reads why.
        clickBlockButton(soon, "button.check-in");
        shown(By.cssSelector("#messages .error"), "You are not inside the station's area yet."::equals);
        pageChecked("blocks-outside-geofence");
        moveTo(station.lat(), station.lon());
        clickBlockButton(soon, "button.check-in");
        shown(By.cssSelector("#messages .notice"), "Checked in."::equals);
        shown(By.cssSelector("#blocks li[data-block-id='" + soon + "']"), t -> t.contains("Checked in"));
        opsBlock(station, soon).expectBody().jsonPath("$.status").isEqualTo("CHECKED_IN");
        pageChecked("blocks-checked-in");
        assertThat(browser.cspViolations()).isEmpty();
        // The unknown driver's look at blocks (404) and the refused check-in (422) are the only failed requests.
        assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("/check-in ") && !e.contains("/v1/driver/blocks "))
                .isEmpty();
    }

    @Test
    void aPhoneInSpanishGetsTheAppInSpanishAndTheDriverMaySwitchToEnglish() {
        Station station = station(ZONE);
        Driver flex = flexDriver(station);
        phone(station.lat(), station.lon());
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        String userAgent = (String) browser.script("return navigator.userAgent;");
        chrome.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent,
                "acceptLanguage", "es-ES,es"));
        chrome.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", "es-ES"));

        browser.open(base() + "/driver/#offers");
        shown(By.cssSelector(".signin h1"), "Acceso de conductor"::equals);
        assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("es");
        screenshots("es-sign-in");
        signIn(flex.id());
        shown(By.id("offers"), "No hay bloques en oferta ahora."::equals);
        assertThat(browser.driver().findElement(By.id("tabs")).getText()).contains("Hoy", "Ofertas", "Mis bloques");
        pageChecked("es-offers");

        new Select(browser.driver().findElement(By.id("language"))).selectByValue("en");
        shown(By.id("offers"), "No blocks on offer right now."::equals);
        assertThat(browser.driver().findElement(By.id("tabs")).getText()).contains("Today", "Offers", "My blocks");
        browser.driver().navigate().refresh();
        shown(By.cssSelector("h1"), "Offers"::equals);
    }

    @Test
    void theAppIsAnInstallablePwaWhoseShellOpensWithoutAConnection() {
        http.get().uri("/driver").exchange().expectStatus().isEqualTo(HttpStatus.MOVED_PERMANENTLY)
                .expectHeader().location("/driver/");
        http.get().uri("/driver/").exchange().expectStatus().isOk()
                .expectHeader().value(ContentSecurityPolicy.HEADER, policy -> assertThat(policy)
                        .contains("script-src 'self' 'sha256-").contains("worker-src 'self'")
                        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        Map<?, ?> manifest = plainClient(port).get().uri("/driver/manifest.json").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(manifest.get("start_url")).asString().startsWith("/driver/");
        assertThat(manifest.get("scope")).isEqualTo("/driver/");
        assertThat(manifest.get("display")).isEqualTo("standalone");
        assertThat(((List<?>) manifest.get("icons")).stream().map(i -> String.valueOf(((Map<?, ?>) i).get("sizes"))).toList())
                .contains("192x192", "512x512");
        plainClient(port).get().uri("/driver/icons/icon-512.png").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG);
        plainClient(port).get().uri("/driver/sw.js").exchange().expectStatus().isOk();

        phone(PlanningFixture.STATION.lat(), PlanningFixture.STATION.lon());
        browser.open(base() + "/driver/");
        Object scope = ((ChromeDriver) browser.driver()).executeAsyncScript("const done = arguments[0];"
                + "navigator.serviceWorker.ready.then(r => done(r.scope));");
        assertThat(scope).isEqualTo(base() + "/driver/");
        @SuppressWarnings("unchecked")
        List<String> cached = (List<String>) ((ChromeDriver) browser.driver()).executeAsyncScript(
                "const done = arguments[0]; caches.open('doorstep-driver-1').then(c => c.keys())"
                        + ".then(keys => done(keys.map(k => new URL(k.url).pathname)));");
        assertThat(cached).contains("/driver/", "/driver/app.js", "/driver/tracker.js", "/driver/queue.js",
                "/driver/manifest.json", "/webjars/leaflet/1.9.4/dist/leaflet.js");
        // The worker now controls the page: without a connection the app still opens.
        browser.open(base() + "/driver/");
        network(false);
        browser.open(base() + "/driver/#today");
        shown(By.cssSelector(".signin h1"), "Driver sign-in"::equals);
        screenshots("offline-shell");
    }

    // --- the phone -------------------------------------------------------------------------------------------

    /** A 390 px wide phone in the station's time zone, at this position, recording the answers to its ping uploads. */
    private void phone(double lat, double lon) {
        browser = Browser.sized(390, 844);
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        phoneSize(true);
        chrome.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base(),
                "permissions", List.of("geolocation")));
        chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ZONE));
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__pingAnswers = JSON.parse(sessionStorage.getItem('test.pingAnswers') || '[]');"
                        + "const realFetch = window.fetch;"
                        + "window.fetch = async (url, init) => { const res = await realFetch(url, init);"
                        + "if (String(url).endsWith('/v1/driver/pings')) { const body = await res.clone().json();"
                        + "window.__pingAnswers.push({status: res.status, sent: JSON.parse(init.body).pings.length,"
                        + "accepted: body.accepted, duplicates: body.duplicates, flagged: body.rejected.filter(r => r.kept).length,"
                        + "refused: body.rejected.filter(r => !r.kept).length});"
                        + "sessionStorage.setItem('test.pingAnswers', JSON.stringify(window.__pingAnswers)); }"
                        + "return res; };"));
        moveTo(lat, lon);
    }

    private double[] moveTo(double lat, double lon) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", lat, "longitude", lon, "accuracy", 8));
        return new double[] {lat, lon};
    }

    private void network(boolean online) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> pingAnswers() {
        return (List<Map<String, Object>>) browser.script("return window.__pingAnswers;");
    }

    private void awaitQueued(Predicate<Integer> expected) {
        String[] last = {null};
        try {
            browser.await(Duration.ofSeconds(20), d -> {
                last[0] = d.findElement(By.id("net")).getAttribute("data-queued");
                return last[0] != null && expected.test(Integer.parseInt(last[0]));
            });
        } catch (TimeoutException e) {
            throw new AssertionError("positions waiting: " + last[0], e);
        }
    }

    private void awaitQueueEmptyAfter(int answers) {
        browser.await(Duration.ofSeconds(20), d -> pingAnswers().size() >= answers);
        awaitQueued(q -> q == 0);
    }

    private static String place(Number lat, Number lon) {
        return String.format("%.5f,%.5f", lat.doubleValue(), lon.doubleValue());
    }

    // --- the app ---------------------------------------------------------------------------------------------

    private String base() {
        return "http://localhost:" + port;
    }

    private void signIn(String driverId) {
        WebElement id = browser.await(Duration.ofSeconds(10), d -> d.findElements(By.id("driver-id")).stream()
                .findFirst().orElse(null));
        id.sendKeys(driverId);
        browser.driver().findElement(By.id("sign-in")).click();
        browser.await(Duration.ofSeconds(10), d -> d.findElement(By.id("tabs")).isDisplayed());
    }

    private void openStop(String stopId) {
        browser.open(base() + "/driver/#stop?id=" + stopId);
        shown(By.cssSelector("#stop[data-stop-id='" + stopId + "']"), t -> !t.isBlank());
    }

    private void claimIn(String list, String blockId) {
        browser.click(By.cssSelector(list + " li[data-block-id='" + blockId + "'] button.claim"), Duration.ofSeconds(10));
    }

    private void clickBlockButton(String blockId, String button) {
        browser.click(By.cssSelector("#blocks li[data-block-id='" + blockId + "'] " + button), Duration.ofSeconds(10));
    }

    /** Screenshots at phone and desktop width, and no serious or critical axe-core violation at either. */
    private void pageChecked(String name) {
        screenshots(name);
        assertThat(Axe.seriousViolations(browser)).as("axe-core on " + name).isEmpty();
        phoneSize(false);
        try {
            assertThat(Axe.seriousViolations(browser)).as("axe-core on " + name + " (desktop)").isEmpty();
        } finally {
            phoneSize(true);
        }
    }

    private void screenshots(String name) {
        browser.screenshot("driver-app-" + name + "-phone");
        phoneSize(false);
        try {
            browser.screenshot("driver-app-" + name + "-desktop");
        } finally {
            phoneSize(true);
        }
    }

    /** Headless Chromium keeps windows at least 500 px wide: a phone's 390 px come from device metrics instead. */
    private void phoneSize(boolean phone) {
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        if (phone) {
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
        } else {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.driver().manage().window().setSize(new Dimension(1400, 900));
        }
    }

    // --- the server's side -----------------------------------------------------------------------------------

    private Map<?, ?> stop(String driverToken, String stopId) {
        Map<?, ?> itinerary = http.get().uri("/v1/driver/itinerary?date={d}", PlanningFixture.DAY)
                .headers(h -> h.setBearerAuth(driverToken)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) ((Map<?, ?>) itinerary.get("route")).get("stops")).stream().map(s -> (Map<?, ?>) s)
                .filter(s -> stopId.equals(s.get("id"))).findFirst().orElseThrow();
    }

    private static List<String> packageStatuses(Map<?, ?> stop) {
        return ((List<?>) stop.get("packages")).stream().map(p -> (String) ((Map<?, ?>) p).get("status")).toList();
    }

    private List<Map<?, ?>> trail(String ops, String driver) {
        Map<?, ?> trail = http.get().uri("/v1/ops/drivers/{id}/trail", driver).headers(h -> h.setBearerAuth(ops))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) trail.get("points")).stream().<Map<?, ?>>map(p -> (Map<?, ?>) p).toList();
    }

    private String shown(By locator, Predicate<String> expected) {
        try {
            return browser.awaitText(locator, expected, Duration.ofSeconds(15));
        } catch (AssertionError e) {
            browser.screenshot("driver-app-failure");
            throw new AssertionError(e.getMessage() + "; the page: "
                    + browser.driver().findElement(By.tagName("main")).getText() + "; console: "
                    + browser.consoleErrors(), e);
        }
    }

}
