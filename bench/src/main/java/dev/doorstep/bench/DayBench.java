package dev.doorstep.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.doorstep.simulator.DaySettings;
import dev.doorstep.simulator.HttpDoorstepApi;
import dev.doorstep.simulator.RequestLog;
import dev.doorstep.simulator.StationDay;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code bench/run day}: a whole station day (the demo's simulator: seeding, then N drivers starting routes,
 * pinging, arriving, delivering with photos, failing some attempts, finishing) against the built app on embedded
 * servers with a WireMock FCM, for M minutes at K times real speed. Its last line: requests by endpoint with
 * p50/p99 and errors, pings sent versus pings found in the trails, RouteAssigned pushes expected versus accepted by
 * the FCM stand-in, and the app's heap after a full GC (over JMX) at the start and the end.
 */
final class DayBench {

    private DayBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int drivers = options.number("drivers", 20);
        double speed = Double.parseDouble(options.text("speed", "10"));
        int minutes = options.number("minutes", 5);
        WireMockServer fcm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(64));
        fcm.start();
        int jmx;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            jmx = socket.getLocalPort();
        }
        try {
            fcm.stubFor(post(urlPathEqualTo("/token")).willReturn(
                    okJson("{\"access_token\":\"bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
            fcm.stubFor(post(urlPathMatching("/v1/projects/.*/messages:send")).willReturn(
                    okJson("{\"name\":\"projects/doorstep-bench/messages/0:accepted\"}")));
            Map<String, String> environment = Map.of(
                    "DOORSTEP_FCM_CREDENTIALS_FILE", NotifyBench.serviceAccount().toString(),
                    "DOORSTEP_FCM_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + fcm.port(),
                    "JAVA_TOOL_OPTIONS", "-Dcom.sun.management.jmxremote.port=" + jmx
                            + " -Dcom.sun.management.jmxremote.authenticate=false"
                            + " -Dcom.sun.management.jmxremote.ssl=false -Djava.rmi.server.hostname=127.0.0.1");
            try (AppUnderTest app = AppUnderTest.at(options.text("url", null), environment)) {
                day(app.url(), jmx, fcm, drivers, speed, minutes);
            }
        } finally {
            fcm.stop();
        }
    }

    private static void day(String url, int jmx, WireMockServer fcm, int drivers, double speed, int minutes)
            throws Exception {
        long heapBefore = heapAfterGc(jmx);
        RequestLog requests = new RequestLog();
        HttpDoorstepApi api = new HttpDoorstepApi(url, requests);
        DaySettings settings = new DaySettings(drivers, Math.max(2, drivers / 10), 15, speed, 0, Duration.ZERO, 42);
        Instant seedStart = Instant.now();
        try (StationDay day = StationDay.start(api, settings, System.out::println, Duration.ofMinutes(minutes))) {
            double seeded = Duration.between(seedStart, Instant.now()).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "day: seeded %d routes, %d packages in %.1f s; driving for %d min%n",
                    day.world().routes(), day.world().packages(), seeded, minutes);
            day.awaitDrivers(Duration.ofMinutes(minutes).plusMinutes(2));
            long sent = day.tally().pingsSent();
            long found = day.pingsInTrails();
            int expectedPushes = day.world().seats().size();
            long accepted = awaitPushes(fcm, expectedPushes);
            long heapAfter = heapAfterGc(jmx);
            System.out.printf(Locale.ROOT, "day: %d drivers x%.0f for %d min: %d routes started, %d finished, %d delivered, "
                            + "%d attempted, %d driver failures%n", drivers, speed, minutes, day.tally().routesStarted(),
                    day.tally().routesFinished(), day.tally().delivered(), day.tally().attempted(),
                    day.tally().failures().size());
            System.out.printf(Locale.ROOT, "day: requests %d, errors %d; %s; pings sent %d, in trails %d (%s); pushes "
                            + "expected %d, accepted by FCM %d; heap after full GC %s at start, %s at end%n",
                    requests.requests(), requests.errors(), requests.summary(), sent, found,
                    sent == found ? "equal" : "DIFFERENT", expectedPushes, accepted, megabytes(heapBefore), megabytes(heapAfter));
        }
    }

    /** RouteAssigned pushes the FCM stand-in accepted (one per assigned driver with a device), waited for a while. */
    private static long awaitPushes(WireMockServer fcm, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long accepted = 0;
        while (Instant.now().isBefore(deadline)) {
            accepted = fcm.countRequestsMatching(postRequestedFor(urlPathMatching("/v1/projects/.*/messages:send"))
                    .withRequestBody(containing("RouteAssigned")).build()).getCount();
            if (accepted >= expected) {
                break;
            }
            Thread.sleep(500);
        }
        return accepted;
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "n/a (--url)" : (bytes >> 20) + " MB";
    }

    /** The app's used heap right after a full GC, through its JMX port; -1 for an app we did not start. */
    private static long heapAfterGc(int port) {
        try {
            return heapOverJmx(port);
        } catch (Exception notOurs) {
            return -1;
        }
    }

    private static long heapOverJmx(int port) throws Exception {
        JMXServiceURL address = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(address)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName memory = new ObjectName(ManagementFactory.MEMORY_MXBEAN_NAME);
            server.invoke(memory, "gc", null, null);
            javax.management.openmbean.CompositeData heap =
                    (javax.management.openmbean.CompositeData) server.getAttribute(memory, "HeapMemoryUsage");
            return (Long) heap.get("used");
        }
    }
}
