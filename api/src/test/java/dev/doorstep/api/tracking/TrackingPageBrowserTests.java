package dev.doorstep.api.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static dev.doorstep.api.support.Fleet.batch;
import static dev.doorstep.api.support.Fleet.ping;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.doorstep.api.web.ContentSecurityPolicy;
import dev.doorstep.api.support.Accessibility;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Browser;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.SecondNode;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The customer's tracking page in real headless Chromium against the whole app: what a customer sees change,
 * live, as the driver works through the route. Screenshots of each step land in {@code api/target/screenshots}.
 */
class TrackingPageBrowserTests extends ApiIntegrationTest {

    private static final By STATUS = By.id("status");
    private static final By AWAY = By.id("away");
    private static final By ETA = By.id("eta");
    private static final By DRIVER = By.cssSelector("path.driver-marker");
    private static final By HOME = By.cssSelector("path.home-marker");
    private static final Duration LIVE = Duration.ofSeconds(20);

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    DatabaseClient db;

    private StartedRoute route;
    private DeliveryFixture uploads;

    @BeforeEach
    void routeInProgress() {
        forgetRateLimits();
        route = startedRoute(12, 60);
        uploads = new DeliveryFixture(http);
    }

    /** A page's requests all come from this machine's address: leave its budget whole for the next test. */
    @AfterEach
    void forgetRateLimits() {
        redis.keys("doorstep:rate:track:*").flatMap(redis::delete).then().block(Duration.ofSeconds(5));
    }

    @Test
    void theDriverAppearsAtThreeStopsAwayAndThePhotoAfterDeliveryWithoutAReload() {
        Stop target = route.stops().get(4);
        String token = link(target.trackingIds().get(0));
        sendPing(target.lat() + 0.01, target.lon());
        try (Browser browser = Browser.phone()) {
            browser.open(pageUrl(port, token));
            browser.awaitText(STATUS, "Out for delivery"::equals);
            browser.awaitText(AWAY, text -> text.endsWith("is 4 stops away"));
            assertThat(browser.driver().findElement(By.id("tracking-number")).getText())
                    .isEqualTo("Tracking number " + target.trackingIds().get(0));
            // The fixture's windows are 9:00 to 13:00, 13:00 to 17:00 or 9:00 to 21:00 at the station, whatever
            // the browser's zone (UTC here).
            assertThat(browser.driver().findElement(By.id("window")).getText())
                    .matches("Delivery window \\w{3} (9:00 AM – (1:00|9:00) PM|1:00 PM – 5:00 PM)");
            assertThat(browser.driver().findElements(HOME)).hasSize(1);
            assertThat(browser.driver().findElements(DRIVER)).isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector(".leaflet-tile"))).isEmpty();
            String farEta = browser.driver().findElement(ETA).getText();
            browser.screenshot("tracking-1-four-stops-away");
            Accessibility.assertNoSeriousViolations(browser, "the tracking page out for delivery");
            browser.script("window.__noReload = true;");

            deliver(route.stops().get(0));
            browser.awaitText(AWAY, text -> text.endsWith("is 3 stops away"));
            browser.await(LIVE, d -> !d.findElements(DRIVER).isEmpty());
            assertThat(driverMarker(browser)).containsExactly(target.lat() + 0.01, target.lon());
            browser.screenshot("tracking-2-three-stops-away");

            // 50 m on: a move the ping rules accept a few seconds after the last one.
            sendPing(target.lat() + 0.0095, target.lon());
            browser.await(LIVE, d -> driverMarker(browser).get(0) < target.lat() + 0.0098);
            deliver(route.stops().get(1));
            deliver(route.stops().get(2));
            deliver(route.stops().get(3));
            browser.awaitText(AWAY, text -> text.endsWith("is on the way to you now"));
            assertThat(browser.driver().findElement(ETA).getText()).isNotEqualTo(farEta);
            browser.screenshot("tracking-3-next-stop");

            deliver(target);
            browser.awaitText(STATUS, "Delivered"::equals);
            Object photoWidth = browser.await(LIVE, d -> browser.script(
                    "const img = document.querySelector('#photo img');"
                            + "return img && img.complete && img.naturalWidth > 0 ? img.naturalWidth : null;"));
            assertThat(photoWidth).isEqualTo(320L);
            assertThat(browser.driver().findElements(DRIVER)).isEmpty();
            // The photo and a summary take the map's place.
            assertThat(browser.driver().findElement(By.id("summary")).getText())
                    .startsWith("Package " + target.trackingIds().get(0) + " was delivered ")
                    .endsWith(", at the front door.");
            assertThat(browser.driver().findElement(By.id("map")).isDisplayed()).isFalse();
            assertThat(browser.script("return window.__noReload === true;")).isEqualTo(true);
            browser.screenshot("tracking-4-delivered");
            Accessibility.assertNoSeriousViolations(browser, "the tracking page after delivery");
            assertThat(browser.consoleErrors()).isEmpty();
            // The map, the live stream and the photo all worked under the page's Content-Security-Policy.
            assertThat(browser.cspViolations()).isEmpty();
            plainClient(port).get().uri(pageUrl(port, token)).exchange().expectStatus().isOk().expectHeader()
                    .value(ContentSecurityPolicy.HEADER, policy -> assertThat(policy)
                            .contains("script-src 'self' 'sha256-").contains("style-src 'self' 'sha256-")
                            .contains("connect-src 'self';").doesNotContain("unsafe-inline"));
        }
    }

    @Test
    void thePageReconnectsWhenItsStreamIsClosedAndThenSaysTheLinkIsRevoked() {
        String trackingId = route.stops().get(2).trackingIds().get(0);
        Map<?, ?> link = createLink(trackingId);
        try (Browser browser = Browser.phone()) {
            browser.open(pageUrl(port, (String) link.get("token")));
            browser.awaitText(STATUS, "Out for delivery"::equals);
            browser.await(LIVE, d -> "Live".equals(d.findElement(By.id("live")).getText()));
            browser.script("window.__noReload = true;");

            // Revoking closes the open stream server-side; only the page's reconnection can learn why.
            http.delete().uri("/v1/packages/{p}/tracking-links/{id}", trackingId, link.get("id"))
                    .headers(h -> h.setBearerAuth(route.ops())).exchange().expectStatus().isNoContent();
            // Up to 5 s for the stream to notice, the browser's own retry (3 s in Chromium), then the page's retry.
            awaitStatus(browser, "This tracking link is no longer valid", Duration.ofSeconds(40));
            assertThat(browser.driver().findElement(By.id("eta-card")).isDisplayed()).isFalse();
            assertThat(browser.driver().findElement(By.id("map")).isDisplayed()).isFalse();
            assertThat(browser.driver().findElement(By.id("history")).isDisplayed()).isFalse();
            assertThat(browser.script("return window.__noReload === true;")).isEqualTo(true);
            browser.screenshot("tracking-5-revoked");
        }
    }

    @Test
    void afterTheConnectionDropsThePageReconnectsAndKeepsUpdating() throws IOException {
        Stop target = route.stops().get(4);
        String token = link(target.trackingIds().get(0));
        try (Link network = new Link(port); Browser browser = Browser.phone()) {
            browser.open("http://127.0.0.1:" + network.port() + "/track/" + token);
            browser.awaitText(AWAY, text -> text.endsWith("is 4 stops away"));
            browser.await(LIVE, d -> "Live".equals(d.findElement(By.id("live")).getText()));
            browser.script("window.__noReload = true;");

            network.cut();
            browser.awaitText(By.id("live"), "Reconnecting…"::equals);
            deliver(route.stops().get(0));
            network.restore();
            browser.await(LIVE, d -> d.findElement(AWAY).getText().endsWith("is 3 stops away"));
            browser.await(LIVE, d -> "Live".equals(d.findElement(By.id("live")).getText()));
            assertThat(browser.script("return window.__noReload === true;")).isEqualTo(true);
            browser.screenshot("tracking-7-reconnected");
        }
    }

    /** A TCP relay to the app whose connections can be cut (and new ones refused) like a dropped mobile network. */
    private static final class Link implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final int target;
        private volatile boolean down;

        Link(int target) throws IOException {
            this.target = target;
            daemon(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void cut() {
            down = true;
            open.forEach(Link::closeQuietly);
        }

        void restore() {
            down = false;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (down) {
                        client.close();
                        continue;
                    }
                    Socket app = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(app);
                    daemon(() -> pump(client, app));
                    daemon(() -> pump(app, client));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "link");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            cut();
        }
    }

    @Test
    void tilesFromTheConfiguredTileServerShowUnderTheMarkers() {
        WireMockServer tiles = new WireMockServer(options().dynamicPort());
        tiles.start();
        tiles.stubFor(get(urlPathMatching("/tiles/.*")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(TestImages.png(256, 256))));
        String token = link(route.stops().get(0).trackingIds().get(0));
        try (SecondNode node = SecondNode.start(port, "--doorstep.notifications.relay.enabled=false",
                "--doorstep.notifications.push.enabled=false",
                "--doorstep.api.tracking-page.tile-url=http://localhost:" + tiles.port() + "/tiles/{z}/{x}/{y}.png",
                "--doorstep.api.tracking-page.tile-attribution=Test tiles");
                Browser browser = Browser.phone()) {
            browser.open(pageUrl(node.port(), token));
            browser.awaitText(STATUS, "Out for delivery"::equals);
            browser.await(LIVE, d -> d.findElements(By.cssSelector("img.leaflet-tile-loaded")).size() >= 4);
            assertThat(browser.driver().findElements(HOME)).hasSize(1);
            assertThat(browser.driver().findElement(By.className("leaflet-control-attribution")).getText())
                    .contains("Test tiles");
            browser.screenshot("tracking-6-with-tiles");
            assertThat(browser.consoleErrors()).isEmpty();
            // The tile server's origin, and only it, is added to the page's img-src.
            assertThat(browser.cspViolations()).isEmpty();
        } finally {
            tiles.stop();
        }
    }

    @Test
    void tilesThatFailToLoadGiveWayToThePlainMapWithItsMarkersAndLegend() {
        WireMockServer tiles = new WireMockServer(options().dynamicPort());
        tiles.start();
        tiles.stubFor(get(urlPathMatching("/tiles/.*")).willReturn(aResponse().withStatus(503)));
        String token = link(route.stops().get(0).trackingIds().get(0));
        try (SecondNode node = SecondNode.start(port, "--doorstep.notifications.relay.enabled=false",
                "--doorstep.notifications.push.enabled=false",
                "--doorstep.api.tracking-page.tile-url=http://localhost:" + tiles.port() + "/tiles/{z}/{x}/{y}.png");
                Browser browser = Browser.phone()) {
            browser.open(pageUrl(node.port(), token));
            browser.awaitText(STATUS, "Out for delivery"::equals);
            browser.await(LIVE, d -> tiles.getAllServeEvents().size() >= 4
                    && d.findElements(By.cssSelector(".leaflet-tile")).isEmpty() ? true : null);
            assertThat(browser.driver().findElements(HOME)).hasSize(1);
            assertThat(browser.driver().findElement(By.id("map-legend")).getText()).contains("Your address");
            browser.screenshot("tracking-8-tiles-failed");
        } finally {
            tiles.stop();
        }
    }

    /** Waits for the status line, failing with what the page showed (and a screenshot) when it never came. */
    @Test
    void aSpanishPackagesPageSpeaksSpanishAndEveryPageFitsAPhoneOf390PixelsAndPassesTheAccessibilityCheck() {
        Stop target = route.stops().get(0);
        String trackingId = target.trackingIds().get(0);
        // The manifest line's locale and shipper, as a shipper sends them (the route fixture imports without).
        db.sql("UPDATE packages SET locale = 'es-MX', shipper_name = 'Tienda <Azul>' WHERE tracking_id = :id")
                .bind("id", trackingId).fetch().rowsUpdated().block(Duration.ofSeconds(5));
        String token = link(trackingId);
        String unknown = "not-a-link-" + unique();
        try (Browser desktop = Browser.desktop()) {
            desktop.open(pageUrl(port, token));
            desktop.awaitText(STATUS, "En reparto"::equals);
            desktop.screenshot("tracking-desktop-es");
            desktop.open(pageUrl(port, unknown));
            desktop.awaitText(By.cssSelector("h1"), "This tracking link is not valid"::equals);
            desktop.screenshot("tracking-link-not-valid-desktop");
        }
        try (Browser browser = Browser.sized(390, 844)) {
            browser.open(pageUrl(port, token));
            browser.awaitText(STATUS, "En reparto"::equals);
            Accessibility.assertWindowWidth(browser, 390);
            assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("es");
            assertThat(browser.driver().findElement(By.id("tracking-number")).getText())
                    .isEqualTo("Número de seguimiento " + trackingId);
            assertThat(browser.driver().findElement(By.id("shipper")).getText()).isEqualTo("Enviado por Tienda <Azul>");
            assertThat(browser.awaitText(By.id("map-legend"), t -> !t.isBlank())).contains("Su dirección");
            assertThat(browser.driver().findElement(By.id("window")).getText()).startsWith("Franja de entrega ");
            Accessibility.assertNoSidewaysScroll(browser, "the tracking page");
            browser.screenshot("tracking-phone-es-out-for-delivery");
            Accessibility.assertNoSeriousViolations(browser, "the Spanish tracking page");

            deliver(target);
            browser.awaitText(STATUS, "Entregado"::equals);
            assertThat(browser.awaitText(By.id("summary"), t -> !t.isBlank()))
                    .startsWith("El paquete " + trackingId + " se entregó ").endsWith(", en la puerta principal.");
            browser.await(LIVE, d -> browser.script("const img = document.querySelector('#photo img');"
                    + "return img && img.complete && img.naturalWidth > 0;"));
            assertThat(browser.driver().findElement(By.id("map")).isDisplayed()).isFalse();
            Accessibility.assertNoSidewaysScroll(browser, "the tracking page after delivery");
            browser.screenshot("tracking-phone-es-delivered");
            Accessibility.assertNoSeriousViolations(browser, "the Spanish tracking page after delivery");

            browser.open(pageUrl(port, unknown));
            browser.awaitText(By.cssSelector("h1"), "This tracking link is not valid"::equals);
            Accessibility.assertNoSidewaysScroll(browser, "the page of a link that is not valid");
            browser.screenshot("tracking-link-not-valid-phone");
            Accessibility.assertNoSeriousViolations(browser, "the page of a link that is not valid");
            assertThat(browser.consoleErrors()).allMatch(e -> e.contains("404"));
        }
    }

    private static void awaitStatus(Browser browser, String expected, Duration timeout) {
        try {
            browser.await(timeout, d -> d.findElement(STATUS).getText().equals(expected));
        } catch (TimeoutException e) {
            browser.screenshot("tracking-timeout");
            throw new AssertionError("status '" + browser.driver().findElement(STATUS).getText() + "', live '"
                    + browser.driver().findElement(By.id("live")).getText() + "', console "
                    + browser.consoleErrors(), e);
        }
    }

    private static String pageUrl(int port, String token) {
        return "http://localhost:" + port + "/track/" + token;
    }

    @SuppressWarnings("unchecked")
    private static List<Double> driverMarker(Browser browser) {
        return ((List<Number>) browser.script("return van ? [van.getLatLng().lat, van.getLatLng().lng] : [];"))
                .stream().map(Number::doubleValue).toList();
    }

    private Map<?, ?> createLink(String trackingId) {
        return http.post().uri("/v1/packages/{p}/tracking-links", trackingId)
                .headers(h -> h.setBearerAuth(route.ops())).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private String link(String trackingId) {
        return (String) createLink(trackingId).get("token");
    }

    private void sendPing(double lat, double lon) {
        http.post().uri("/v1/driver/pings").headers(h -> h.setBearerAuth(route.driverToken()))
                .bodyValue(batch(List.of(ping(Instant.now(), lat, lon)))).exchange().expectStatus().isOk();
    }

    private void deliver(Stop stop) {
        uploads.upload(route.driverToken(), stop.id(), null,
                DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null), photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated();
    }
}
