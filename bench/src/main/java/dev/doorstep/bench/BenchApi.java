package dev.doorstep.bench;

import dev.doorstep.client.ApiClient;
import dev.doorstep.client.ApiException;
import dev.doorstep.client.api.DevicesApi;
import dev.doorstep.client.api.FleetApi;
import dev.doorstep.client.api.IssuerApi;
import dev.doorstep.client.api.StationsApi;
import dev.doorstep.client.api.TrackingApi;
import dev.doorstep.client.model.CreateDspRequest;
import dev.doorstep.client.model.DeviceRegistration;
import dev.doorstep.client.model.DriverDraft;
import dev.doorstep.client.model.DriverKind;
import dev.doorstep.client.model.GeoJsonPolygon;
import dev.doorstep.client.model.GeoPoint;
import dev.doorstep.client.model.IssuePersonaTokenRequest;
import dev.doorstep.client.model.Platform;
import dev.doorstep.client.model.Role;
import dev.doorstep.client.model.StationDraft;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The app's API through the Java client generated from openapi.yaml (module clients/java): the benchmarks' setup
 * calls and their synchronous measured calls, so that the bench exercises the contract with a real client.
 */
final class BenchApi {

    private final String url;

    BenchApi(String url) {
        this.url = url;
    }

    /** A client of the app calling with {@code token} (none when null). */
    ApiClient as(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(url);
        client.setReadTimeout(Duration.ofMinutes(2));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    /** A real token of the local issuer for any persona (POST /local/tokens). */
    String token(String subject, Role... roles) throws ApiException {
        return new IssuerApi(as(null)).issuePersonaToken(new IssuePersonaTokenRequest().sub(subject)
                .roles(Arrays.asList(roles))).getAccessToken();
    }

    String opsToken() throws ApiException {
        return token("bench", Role.STATION_OPS);
    }

    /** A station around Seattle's SoDo, as every benchmark uses. */
    String station(String ops) throws ApiException {
        GeoJsonPolygon fence = new GeoJsonPolygon().type(GeoJsonPolygon.TypeEnum.POLYGON).coordinates(List.of(List.of(
                point(-122.34, 47.57), point(-122.32, 47.57), point(-122.32, 47.59), point(-122.34, 47.59),
                point(-122.34, 47.57))));
        return new StationsApi(as(ops)).createStation(new StationDraft().name("Bench station").address("1 Bench Way")
                .location(new GeoPoint().lat(BigDecimal.valueOf(47.58)).lon(BigDecimal.valueOf(-122.33)))
                .timeZone("America/Los_Angeles").geofence(fence)).getId();
    }

    String dsp(String ops, String name) throws ApiException {
        return new FleetApi(as(ops)).createDsp(new CreateDspRequest().name(name)).getId();
    }

    /** A driver of {@code dsp} (a Flex driver when null) at {@code station}. */
    String driver(String ops, String name, String dsp, String station) throws ApiException {
        return new FleetApi(as(ops)).createDriver(new DriverDraft().name(name)
                .kind(dsp == null ? DriverKind.FLEX : DriverKind.DSP).dspId(dsp).homeStationId(station)
                .phone("+12065550100")).getId();
    }

    /** The device key of a new OsmAnd device of the calling driver. */
    String osmandDevice(String driverToken) throws ApiException {
        return new TrackingApi(as(driverToken)).registerOsmandDevice().getDeviceKey();
    }

    void pushDevice(String driverToken, String deviceToken) throws ApiException {
        new DevicesApi(as(driverToken)).registerDriverDevice(new DeviceRegistration().token(deviceToken)
                .platform(Platform.ANDROID).locale("en"));
    }

    private static List<BigDecimal> point(double lon, double lat) {
        return List.of(BigDecimal.valueOf(lon), BigDecimal.valueOf(lat));
    }
}
