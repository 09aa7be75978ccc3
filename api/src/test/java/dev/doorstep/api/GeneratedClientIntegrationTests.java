package dev.doorstep.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.client.ApiClient;
import dev.doorstep.client.ApiException;
import dev.doorstep.client.api.DevicesApi;
import dev.doorstep.client.api.FleetApi;
import dev.doorstep.client.api.IssuerApi;
import dev.doorstep.client.api.PackagesApi;
import dev.doorstep.client.api.StationsApi;
import dev.doorstep.client.api.TrackingApi;
import dev.doorstep.client.model.CreateDspRequest;
import dev.doorstep.client.model.DeliveryWindow;
import dev.doorstep.client.model.DeviceRegistration;
import dev.doorstep.client.model.DriverDraft;
import dev.doorstep.client.model.DriverKind;
import dev.doorstep.client.model.GeoJsonPolygon;
import dev.doorstep.client.model.GeoPoint;
import dev.doorstep.client.model.ImportManifestRequest;
import dev.doorstep.client.model.ImportReport;
import dev.doorstep.client.model.IssuePersonaTokenRequest;
import dev.doorstep.client.model.PackageDraft;
import dev.doorstep.client.model.PackageStatus;
import dev.doorstep.client.model.Platform;
import dev.doorstep.client.model.Role;
import dev.doorstep.client.model.Station;
import dev.doorstep.client.model.StationDraft;
import dev.doorstep.client.model.TrackingState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated from openapi.yaml (module clients/java) against the running app: if the contract and
 * the server drift apart, a real client's calls or its reading of the answers break here.
 */
class GeneratedClientIntegrationTests extends ApiIntegrationTest {

    @Test
    void theGeneratedClientRunsAStationFromTokenToCustomerTracking() throws ApiException {
        String ops = new IssuerApi(client(null)).issuePersonaToken(new IssuePersonaTokenRequest()
                .sub("ops-" + UUID.randomUUID()).roles(List.of(Role.STATION_OPS))).getAccessToken();
        Station station = new StationsApi(client(ops)).createStation(station());
        assertThat(new StationsApi(client(ops)).getStation(station.getId()).getName()).isEqualTo("Client station");

        String trackingId = "GC" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        ImportReport report = new PackagesApi(client(ops)).importManifest(station.getId(), new ImportManifestRequest()
                .packages(List.of(new PackageDraft().trackingId(trackingId).recipientName("Ada")
                        .address("1 Pine St").location(point(47.58, -122.33))
                        .window(new DeliveryWindow().from(from).to(from.plusHours(4)))
                        .weightKg(new BigDecimal("1.5")).lengthCm(BigDecimal.TEN).widthCm(BigDecimal.TEN)
                        .heightCm(BigDecimal.TEN).locale("en"))));
        assertThat(report.getCreated()).isEqualTo(1);
        assertThat(new PackagesApi(client(ops)).getPackage(trackingId).getStatus()).isEqualTo(PackageStatus.MANIFESTED);

        String token = new TrackingApi(client(ops)).createTrackingLink(trackingId).getToken();
        TrackingState state = new TrackingApi(client(null)).trackPackage(token);
        assertThat(state.getStatus()).isNotNull();
    }

    @Test
    void theGeneratedClientRegistersADriversPushDevice() throws ApiException {
        String ops = opsToken();
        String station = new StationsApi(client(ops)).createStation(station()).getId();
        String dsp = new FleetApi(client(ops)).createDsp(new CreateDspRequest().name("Client DSP " + UUID.randomUUID())).getId();
        String driver = new FleetApi(client(ops)).createDriver(new DriverDraft().name("Client Driver")
                .kind(DriverKind.DSP).dspId(dsp).homeStationId(station).phone("+12065550100")).getId();

        var device = new DevicesApi(client(token(driver, "DRIVER"))).registerDriverDevice(new DeviceRegistration()
                .token("client-device-" + UUID.randomUUID()).platform(Platform.ANDROID).locale("en"));

        assertThat(device).isNotNull();
    }

    @Test
    void theGeneratedClientSurfacesAProblemAsAnApiException() {
        String ops = opsToken();

        assertThatThrownBy(() -> new StationsApi(client(ops)).getStation("no-such-station"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("\"status\":404");
                });
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setReadTimeout(Duration.ofSeconds(30));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static StationDraft station() {
        return new StationDraft().name("Client station").address("1 Client Way").location(point(47.58, -122.33))
                .timeZone("America/Los_Angeles").geofence(new GeoJsonPolygon().type(GeoJsonPolygon.TypeEnum.POLYGON)
                        .coordinates(List.of(List.of(corner(-122.34, 47.57), corner(-122.32, 47.57),
                                corner(-122.32, 47.59), corner(-122.34, 47.59), corner(-122.34, 47.57)))));
    }

    private static GeoPoint point(double lat, double lon) {
        return new GeoPoint().lat(BigDecimal.valueOf(lat)).lon(BigDecimal.valueOf(lon));
    }

    private static List<BigDecimal> corner(double lon, double lat) {
        return List.of(BigDecimal.valueOf(lon), BigDecimal.valueOf(lat));
    }
}
