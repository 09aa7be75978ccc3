package dev.doorstep.api.blobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.dispatch.delivery.BlobStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Proof-of-delivery images in an S3-compatible object store (WireMock): signed PUTs, and read back by GET. */
class S3BlobStoreIntegrationTests extends ApiIntegrationTest {

    private static final WireMockServer S3 = new WireMockServer(options().dynamicPort());
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKTEST/\\d{8}/eu-west-1/s3/aws4_request, "
            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}";

    static {
        S3.start();
        S3.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) {
        registry.add("doorstep.api.blobs.store", () -> "s3");
        registry.add("doorstep.api.blobs.endpoint", S3::baseUrl);
        registry.add("doorstep.api.blobs.bucket", () -> "pod-photos");
        registry.add("doorstep.api.blobs.region", () -> "eu-west-1");
        registry.add("doorstep.api.blobs.access-key", () -> "AKTEST");
        registry.add("doorstep.api.blobs.secret-key", () -> "secret");
    }

    @AfterAll
    static void stop() {
        S3.stop();
    }

    @Autowired
    BlobStore blobs;

    @Test
    void aDeliveryPhotoIsPutSignedIntoTheBucketAndTheOriginalIsReadBackFromIt() throws Exception {
        assertThat(blobs).isInstanceOf(S3BlobStore.class);
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture planning = new PlanningFixture(http, ops);
        String dsp = createDsp(ops);
        String driver = planning.createDriver(dsp, station);
        String driverToken = token(driver, "DRIVER");
        Map<?, ?> plan = planning.readyPlan(station, 4, 60, 1);
        Stop stop = planning.startFirstRoute(plan, dsp, dispatcherToken(dsp), driver, driverToken,
                planning.createVan(dsp, 300)).get(0);
        byte[] image = TestImages.jpeg(321, 207);
        String key = "/pod-photos/originals/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(image)) + ".jpg";

        Map<?, ?> delivery = new DeliveryFixture(http).upload(driverToken, stop.id(), null,
                        DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null), photo(image))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String attemptId = (String) ((Map<?, ?>) ((List<?>) delivery.get("attempts")).get(0)).get("id");

        List<LoggedRequest> puts = S3.findAll(putRequestedFor(urlEqualTo(key)));
        assertThat(puts).hasSize(1);
        LoggedRequest put = puts.get(0);
        assertThat(put.getBody()).isEqualTo(image);
        assertThat(put.getHeader("Authorization")).matches(AUTHORIZATION);
        assertThat(put.getHeader("x-amz-content-sha256")).isEqualTo(key.substring(22, 86));
        assertThat(put.getHeader("x-amz-date")).matches("\\d{8}T\\d{6}Z");
        assertThat(S3.findAll(putRequestedFor(urlMatching("/pod-photos/customer/[0-9a-f]{64}\\.jpg")))).hasSize(1);

        S3.stubFor(get(urlEqualTo(key)).willReturn(aResponse().withStatus(200).withBody(put.getBody())));
        byte[] original = http.get().uri("/v1/ops/attempts/{id}/photos/1", attemptId)
                .headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(original).isEqualTo(image);
        assertThat(S3.findAll(getRequestedFor(urlEqualTo(key))))
                .singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization")).matches(AUTHORIZATION));

        S3.stubFor(get(urlEqualTo(key)).willReturn(aResponse().withStatus(404)));
        assertThat(blobs.get(key.substring("/pod-photos/".length())).blockOptional()).isEmpty();
    }
}
