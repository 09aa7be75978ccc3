package dev.doorstep.dispatch.planning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OsrmTravelTimesUnitTests {

    private static final List<Point> POINTS = List.of(new Point(-122.33, 47.58), new Point(-122.30, 47.60));
    private static final String TABLE = """
            {"code": "Ok", "durations": [[0, 420.5], [433.0, 0]], "distances": [[0, 3900.0], [4010.0, 0]]}""";

    private final WireMockServer osrm = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        osrm.start();
    }

    @AfterEach
    void stop() {
        osrm.stop();
    }

    private OsrmTravelTimes adapter(String url) {
        return new OsrmTravelTimes(url, 100, Duration.ofSeconds(2), new double[] {1.0, 2.0},
                new GeodesicTravelTimes(1.3, new double[] {10, 5}));
    }

    @Test
    void travelTimesComeFromTheRoutingServiceTable() {
        osrm.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TABLE)));

        TravelMatrix matrix = adapter(osrm.baseUrl()).between(POINTS);

        assertThat(matrix.source()).isEqualTo("osrm");
        assertThat(matrix.seconds(0, 0, 1)).isEqualTo(420.5);
        assertThat(matrix.seconds(1, 0, 1)).isEqualTo(841.0);
        assertThat(matrix.meters(1, 0)).isEqualTo(4010.0);
        osrm.verify(getRequestedFor(urlPathMatching("/table/v1/driving/-122.330000,47.580000;-122.300000,47.600000;.*")));
    }

    @Test
    void aFailingRoutingServiceFallsBackToGeodesicTimesAndSaysSo() {
        osrm.stubFor(get(urlPathMatching("/table/.*")).willReturn(aResponse().withStatus(503)));

        TravelMatrix matrix = adapter(osrm.baseUrl()).between(POINTS);

        assertThat(matrix.source()).isEqualTo("geodesic (routing service unavailable)");
        double geodesic = Distances.meters(new GeoPoint(47.58, -122.33), new GeoPoint(47.60, -122.30)) * 1.3;
        assertThat(matrix.meters(0, 1)).isCloseTo(geodesic, within(1.0));
        assertThat(matrix.seconds(0, 0, 1)).isCloseTo(geodesic / 10, within(0.1));
    }

    @Test
    void aRoutingServiceThatIsDownFallsBackToo() {
        String url = osrm.baseUrl();
        osrm.stop();

        TravelMatrix matrix = adapter(url).between(POINTS);

        assertThat(matrix.source()).isEqualTo("geodesic (routing service unavailable)");
    }

    @Test
    void anAnswerWithoutARouteFallsBack() {
        osrm.stubFor(get(urlPathMatching("/table/.*")).willReturn(aResponse().withStatus(200).withBody(
                "{\"code\": \"Ok\", \"durations\": [[0, null], [433.0, 0]], \"distances\": [[0, null], [4010.0, 0]]}")));

        assertThat(adapter(osrm.baseUrl()).between(POINTS).source()).isEqualTo("geodesic (routing service unavailable)");
    }
}
